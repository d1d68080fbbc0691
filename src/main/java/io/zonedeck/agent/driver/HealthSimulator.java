package io.zonedeck.agent.driver;

import io.zonedeck.agent.api.FmaFault;
import io.zonedeck.agent.api.NodeHealth;

/**
 * A driver whose SMF services and FMA faults can be set by hand (simulator only), for demos and the portal's
 * node-health tests. The agent validates requests before they get here.
 */
public interface HealthSimulator {
    /** A driver that has a health simulator. */
    interface Provider {
        HealthSimulator healthSimulator();
    }

    /** Puts a known service into {@code state}; {@code reason} null for none. Returns the node's health after. */
    NodeHealth setServiceState(String fmri, String state, String reason);

    /** Diagnoses a fault now (uuid and timestamp assigned). */
    FmaFault addFault(String code, String severity, String resource, String summary);

    /** All services back to their healthy state, no faults. */
    void resetHealth();
}
