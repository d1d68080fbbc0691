package io.zonedeck.agent.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A vmadm create payload (property names and units as vmadm's): the portal chooses {@code uuid};
 * create is idempotent by it.
 *
 * @param maxPhysicalMemory MiB
 * @param quota GiB of the zone's dataset
 * @param cpuCap percent of one CPU (100 = one full CPU); null or 0 = uncapped
 * @param ram MiB of guest memory (HVM only)
 * @param maxSwap MiB
 * @param disks HVM only
 * @param cpuBaseline percent of one CPU the machine may always use; null or 0 = no baseline (cpu_cap is a plain
 *     cap). With a cpu_cap above it, the machine may run between the two for {@code cpuBurstSeconds} at a time
 * @param cpuBurstSeconds the burst credit in seconds (0..86400): each second above the baseline spends one, each
 *     second at or below it refills one; an empty credit holds the machine to its baseline
 * @param diskBpsMax disk I/O throttle in bytes per second; null or 0 = unlimited
 * @param diskIopsMax disk I/O throttle in operations per second; null or 0 = unlimited
 */
public record CreatePayload(
        UUID uuid,
        String brand,
        String alias,
        UUID imageUuid,
        Long maxPhysicalMemory,
        Long quota,
        Integer cpuCap,
        Integer cpuShares,
        Integer zfsIoPriority,
        Integer maxLwps,
        Integer vcpus,
        List<Nic> nics,
        Map<String, String> customerMetadata,
        Map<String, String> tags,
        Long ram,
        Long maxSwap,
        List<Disk> disks,
        List<String> resolvers,
        Integer cpuBaseline,
        Integer cpuBurstSeconds,
        Long diskBpsMax,
        Long diskIopsMax) {
    /** A payload without the throttles added in protocol v1.1 (cpu_baseline, bursting, disk I/O throttle). */
    public CreatePayload(
            UUID uuid,
            String brand,
            String alias,
            UUID imageUuid,
            Long maxPhysicalMemory,
            Long quota,
            Integer cpuCap,
            Integer cpuShares,
            Integer zfsIoPriority,
            Integer maxLwps,
            Integer vcpus,
            List<Nic> nics,
            Map<String, String> customerMetadata,
            Map<String, String> tags,
            Long ram,
            Long maxSwap,
            List<Disk> disks,
            List<String> resolvers) {
        this(
                uuid,
                brand,
                alias,
                imageUuid,
                maxPhysicalMemory,
                quota,
                cpuCap,
                cpuShares,
                zfsIoPriority,
                maxLwps,
                vcpus,
                nics,
                customerMetadata,
                tags,
                ram,
                maxSwap,
                disks,
                resolvers,
                null,
                null,
                null,
                null);
    }

    public CreatePayload(
            UUID uuid,
            String brand,
            String alias,
            UUID imageUuid,
            Long maxPhysicalMemory,
            Long quota,
            Integer cpuCap,
            Integer cpuShares,
            Integer zfsIoPriority,
            Integer maxLwps,
            Integer vcpus,
            List<Nic> nics,
            Map<String, String> customerMetadata,
            Map<String, String> tags) {
        this(
                uuid,
                brand,
                alias,
                imageUuid,
                maxPhysicalMemory,
                quota,
                cpuCap,
                cpuShares,
                zfsIoPriority,
                maxLwps,
                vcpus,
                nics,
                customerMetadata,
                tags,
                null,
                null,
                null,
                null);
    }
}
