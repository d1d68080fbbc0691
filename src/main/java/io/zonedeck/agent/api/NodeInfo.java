package io.zonedeck.agent.api;

import java.util.List;

/**
 * What a node reports about itself: {@code GET /v1/node}.
 *
 * @param ramMiB physical memory of the node
 * @param diskGiB size of the zones pool
 * @param provisionedRamMiB sum of max_physical_memory of all machines on the node
 * @param provisionedDiskGiB sum of quota of all machines on the node
 * @param capabilities what the driver can do (protocol v1.3; null from older agents)
 */
public record NodeInfo(
        String nodeId,
        String hostname,
        String driver,
        String agentVersion,
        String protocolVersion,
        int cpus,

        @com.fasterxml.jackson.annotation.JsonProperty("ram_mib")
        long ramMiB,

        @com.fasterxml.jackson.annotation.JsonProperty("disk_gib")
        long diskGiB,

        @com.fasterxml.jackson.annotation.JsonProperty("provisioned_ram_mib")
        long provisionedRamMiB,

        @com.fasterxml.jackson.annotation.JsonProperty("provisioned_disk_gib")
        long provisionedDiskGiB,

        int machineCount,
        List<String> brands,
        NodeCapabilities capabilities) {

    /** A node of protocol v1.2 and older: no capabilities advertised. */
    public NodeInfo(
            String nodeId,
            String hostname,
            String driver,
            String agentVersion,
            String protocolVersion,
            int cpus,
            long ramMiB,
            long diskGiB,
            long provisionedRamMiB,
            long provisionedDiskGiB,
            int machineCount,
            List<String> brands) {
        this(
                nodeId,
                hostname,
                driver,
                agentVersion,
                protocolVersion,
                cpus,
                ramMiB,
                diskGiB,
                provisionedRamMiB,
                provisionedDiskGiB,
                machineCount,
                brands,
                null);
    }

    /** What the node advertises; for an older agent, everything of its brands. */
    public NodeCapabilities effectiveCapabilities() {
        return capabilities != null ? capabilities : NodeCapabilities.everything(brands == null ? List.of() : brands);
    }
}
