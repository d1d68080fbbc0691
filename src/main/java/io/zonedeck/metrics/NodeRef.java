package io.zonedeck.metrics;

import io.zonedeck.agent.api.NodeCapabilities;
import java.util.UUID;

/**
 * A compute node as metrics sees it.
 *
 * @param cpus the node's CPUs (100 % of one CPU each)
 * @param state the node's state as the portal knows it (online, offline, …)
 * @param problems FMA faults plus SMF services in maintenance or degraded (0 when healthy or unknown)
 * @param driver the node's driver (sim, linux, smartos); null when unknown
 * @param capabilities what the driver measures (and can do); null when the node has not answered yet: everything
 */
public record NodeRef(
        UUID id,
        String name,
        int cpus,
        long ramMiB,
        long diskGiB,
        String state,
        int problems,
        String driver,
        NodeCapabilities capabilities) {
    public NodeRef(UUID id, String name, int cpus, long ramMiB, long diskGiB, String state, int problems) {
        this(id, name, cpus, ramMiB, diskGiB, state, problems, null, null);
    }

    /** Whether the node measures the metric or distribution (by key); a node not heard from yet measures all. */
    public boolean measures(String key) {
        return capabilities == null || capabilities.measures(key);
    }
}
