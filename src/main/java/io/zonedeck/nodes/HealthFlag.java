package io.zonedeck.nodes;

import io.zonedeck.agent.api.NodeHealth;
import java.util.Set;

/**
 * What makes a node worth a red flag: its open FMA faults and its services in trouble (maintenance, degraded,
 * offline, uninitialized). Disabled services are an administrator's choice and do not count.
 */
public record HealthFlag(int faults, int unhealthyServices) {
    public static final HealthFlag NONE = new HealthFlag(0, 0);

    /** SMF states that are fine: running, or switched off on purpose. */
    static final Set<String> FINE_STATES = Set.of("online", "disabled", "legacy_run");

    public static HealthFlag of(NodeHealth h) {
        int services = (int) h.services().stream()
                .filter(s -> !FINE_STATES.contains(s.state()))
                .count();
        return new HealthFlag(h.faults().size(), services);
    }

    public boolean flagged() {
        return faults > 0 || unhealthyServices > 0;
    }

    /** "2 faults · 1 service" for badges and tooltips; empty when healthy. */
    public String label() {
        StringBuilder b = new StringBuilder();
        if (faults > 0) {
            b.append(faults).append(faults == 1 ? " fault" : " faults");
        }
        if (unhealthyServices > 0) {
            b.append(b.isEmpty() ? "" : " · ")
                    .append(unhealthyServices)
                    .append(unhealthyServices == 1 ? " service" : " services");
        }
        return b.toString();
    }
}
