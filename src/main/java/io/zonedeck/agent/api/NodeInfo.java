package io.zonedeck.agent.api;

import java.util.List;

/**
 * What a node reports about itself: {@code GET /v1/node}.
 *
 * @param ramMiB physical memory of the node
 * @param diskGiB size of the zones pool
 * @param provisionedRamMiB sum of max_physical_memory of all machines on the node
 * @param provisionedDiskGiB sum of quota of all machines on the node
 */
public record NodeInfo(
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
        List<String> brands) {}
