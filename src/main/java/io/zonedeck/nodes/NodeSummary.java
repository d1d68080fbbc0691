package io.zonedeck.nodes;

/**
 * A node with its capacity, what is provisioned on it and its health flag (FMA faults, services in trouble), for
 * the operator's Nodes page and API.
 */
public record NodeSummary(
        Node node, long provisionedRamMiB, long provisionedDiskGiB, int machineCount, HealthFlag health) {
    public NodeSummary(Node node, long provisionedRamMiB, long provisionedDiskGiB, int machineCount) {
        this(node, provisionedRamMiB, provisionedDiskGiB, machineCount, HealthFlag.NONE);
    }

    public double ramUsedPct() {
        return node.ramMiB() == 0 ? 0 : 100.0 * provisionedRamMiB / node.ramMiB();
    }

    public double diskUsedPct() {
        return node.diskGiB() == 0 ? 0 : 100.0 * provisionedDiskGiB / node.diskGiB();
    }
}
