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
        List<String> resolvers) {
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
