package io.zonedeck.nodes;

import io.zonedeck.agent.api.NodeCapabilities;

/**
 * A node with its capacity, what is provisioned on it, its health flag (FMA faults, services in trouble) and what
 * its driver can do, for the operator's Nodes page and API.
 *
 * @param capabilities as last advertised (null: the node has not answered since the portal started)
 */
public record NodeSummary(
        Node node,
        long provisionedRamMiB,
        long provisionedDiskGiB,
        int machineCount,
        HealthFlag health,
        NodeCapabilities capabilities) {
    public NodeSummary(Node node, long provisionedRamMiB, long provisionedDiskGiB, int machineCount) {
        this(node, provisionedRamMiB, provisionedDiskGiB, machineCount, HealthFlag.NONE, null);
    }

    public NodeSummary(
            Node node, long provisionedRamMiB, long provisionedDiskGiB, int machineCount, HealthFlag health) {
        this(node, provisionedRamMiB, provisionedDiskGiB, machineCount, health, null);
    }

    public double ramUsedPct() {
        return node.ramMiB() == 0 ? 0 : 100.0 * provisionedRamMiB / node.ramMiB();
    }

    public double diskUsedPct() {
        return node.diskGiB() == 0 ? 0 : 100.0 * provisionedDiskGiB / node.diskGiB();
    }
}
