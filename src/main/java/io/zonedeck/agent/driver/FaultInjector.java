package io.zonedeck.agent.driver;

import io.zonedeck.agent.api.SimFault;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A driver that can inject failures into its operations (simulator only), for the portal's fault-injection
 * tests. The driver applies fail, hang and slow faults itself; the agent's HTTP server asks
 * {@link #takeDrop} after performing a request and, when it answers true, closes the connection without
 * answering.
 */
public interface FaultInjector {
    /** Operation names a fault may name; "any" matches all of them. */
    Set<String> OPERATIONS = Set.of(
            "create", "start", "stop", "reboot", "delete", "update", "snapshot", "rollback", "delete-snapshot", "any");

    Set<String> MODES = Set.of("fail", "hang", "slow", "drop");

    /**
     * Adds a fault (validated by the caller: known operation and mode, count and step positive).
     *
     * @return the active faults, each with the operations it still hits as its count
     */
    List<SimFault> injectFault(SimFault fault);

    List<SimFault> faults();

    /** Removes every fault; operations hanging on a fault go on. */
    void clearFaults();

    /** How many provisioning steps a create has (the range of {@link SimFault#step()}). */
    int provisionSteps();

    /** Whether a drop fault hits this performed request; uses the fault up by one. */
    boolean takeDrop(String operation, UUID machine);
}
