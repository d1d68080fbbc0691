package io.zonedeck.agent.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A machine as the node sees it: {@code GET /v1/machines[/uuid]}.
 *
 * @param provisionStep human-readable current step while provisioning (null otherwise)
 * @param provisionProgress 0..100 while provisioning
 * @param error reason when state is failed
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
        String error) {}
