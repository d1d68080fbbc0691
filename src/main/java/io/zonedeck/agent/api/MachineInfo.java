package io.zonedeck.agent.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A machine as the node sees it: {@code GET /v1/machines[/uuid]}.
 *
 * @param provisionStep human-readable current step while provisioning (null otherwise)
 * @param provisionProgress 0..100 while provisioning
 * @param error reason when state is failed
 * @param nics the NICs with their macs
 * @param snapshots oldest first
 * @param cpuBaseline % of one CPU always available (0 = none); see {@link CreatePayload}
 * @param cpuBurstSeconds the most seconds in a row above the baseline
 * @param diskBpsMax bytes/s, 0 = unlimited
 * @param diskIopsMax ops/s, 0 = unlimited
 */
public record MachineInfo(
        UUID uuid,
        String alias,
        String brand,
        MachineState state,
        UUID imageUuid,
        long maxPhysicalMemory,
        long quota,
        int cpuCap,
        int cpuShares,
        List<String> ips,
        Instant createTimestamp,
        String provisionStep,
        Integer provisionProgress,
        String error,
        Integer vcpus,
        Integer zfsIoPriority,
        Integer maxLwps,
        Long ram,
        Long maxSwap,
        List<Nic> nics,
        List<SnapshotInfo> snapshots,
        Map<String, String> tags,
        Map<String, String> customerMetadata,
        Integer cpuBaseline,
        Integer cpuBurstSeconds,
        Long diskBpsMax,
        Long diskIopsMax) {
    /** A machine without the throttles added in protocol v1.1. */
    public MachineInfo(
            UUID uuid,
            String alias,
            String brand,
            MachineState state,
            UUID imageUuid,
            long maxPhysicalMemory,
            long quota,
            int cpuCap,
            int cpuShares,
            List<String> ips,
            Instant createTimestamp,
            String provisionStep,
            Integer provisionProgress,
            String error,
            Integer vcpus,
            Integer zfsIoPriority,
            Integer maxLwps,
            Long ram,
            Long maxSwap,
            List<Nic> nics,
            List<SnapshotInfo> snapshots,
            Map<String, String> tags,
            Map<String, String> customerMetadata) {
        this(
                uuid,
                alias,
                brand,
                state,
                imageUuid,
                maxPhysicalMemory,
                quota,
                cpuCap,
                cpuShares,
                ips,
                createTimestamp,
                provisionStep,
                provisionProgress,
                error,
                vcpus,
                zfsIoPriority,
                maxLwps,
                ram,
                maxSwap,
                nics,
                snapshots,
                tags,
                customerMetadata,
                null,
                null,
                null,
                null);
    }

    public MachineInfo(
            UUID uuid,
            String alias,
            String brand,
            MachineState state,
            UUID imageUuid,
            long maxPhysicalMemory,
            long quota,
            int cpuCap,
            int cpuShares,
            List<String> ips,
            Instant createTimestamp,
            String provisionStep,
            Integer provisionProgress,
            String error) {
        this(
                uuid,
                alias,
                brand,
                state,
                imageUuid,
                maxPhysicalMemory,
                quota,
                cpuCap,
                cpuShares,
                ips,
                createTimestamp,
                provisionStep,
                provisionProgress,
                error,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                Map.of(),
                Map.of());
    }
}
