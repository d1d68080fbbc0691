package io.zonedeck.nodes;

/** A node with its capacity and what is provisioned on it, for the operator's Nodes page and API. */
public record NodeSummary(Node node, long provisionedRamMiB, long provisionedDiskGiB, int machineCount) {
    public double ramUsedPct() {
        return node.ramMiB() == 0 ? 0 : 100.0 * provisionedRamMiB / node.ramMiB();
    }

    public double diskUsedPct() {
        return node.diskGiB() == 0 ? 0 : 100.0 * provisionedDiskGiB / node.diskGiB();
    }
}
