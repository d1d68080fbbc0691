package io.zonedeck.agent.api;

import java.util.List;
import java.util.Map;

/**
 * A vmadm update payload: {@code POST /v1/machines/{uuid}/update}. Only the properties present change.
 * Resource properties apply live to a running zone; for HVM, ram and vcpus take effect at the next boot
 * (the portal restarts the VM). image_uuid and brand cannot be updated (422). add_nics is idempotent by
 * mac, remove_nics names NICs by mac (an unknown mac is ignored, as a retry may repeat it).
 *
 * <p>The throttles (cpu_cap, cpu_shares, cpu_baseline, cpu_burst_seconds, zfs_io_priority, disk_bps_max,
 * disk_iops_max, max_physical_memory, max_lwps) apply live to every running machine, HVMs included; see
 * {@link CreatePayload} for their units.
 */
public record UpdatePayload(
        String alias,
        Long maxPhysicalMemory,
        Long ram,
        Long maxSwap,
        Long quota,
        Integer cpuCap,
        Integer cpuShares,
        Integer zfsIoPriority,
        Integer maxLwps,
        Integer vcpus,
        List<Nic> addNics,
        List<String> removeNics,
        Map<String, String> setTags,
        List<String> removeTags,
        Map<String, String> setCustomerMetadata,
        List<String> removeCustomerMetadata,
        Integer cpuBaseline,
        Integer cpuBurstSeconds,
        Long diskBpsMax,
        Long diskIopsMax) {
    /** An update without the throttles added in protocol v1.1. */
    public UpdatePayload(
            String alias,
            Long maxPhysicalMemory,
            Long ram,
            Long maxSwap,
            Long quota,
            Integer cpuCap,
            Integer cpuShares,
            Integer zfsIoPriority,
            Integer maxLwps,
            Integer vcpus,
            List<Nic> addNics,
            List<String> removeNics,
            Map<String, String> setTags,
            List<String> removeTags,
            Map<String, String> setCustomerMetadata,
            List<String> removeCustomerMetadata) {
        this(
                alias,
                maxPhysicalMemory,
                ram,
                maxSwap,
                quota,
                cpuCap,
                cpuShares,
                zfsIoPriority,
                maxLwps,
                vcpus,
                addNics,
                removeNics,
                setTags,
                removeTags,
                setCustomerMetadata,
                removeCustomerMetadata,
                null,
                null,
                null,
                null);
    }

    /** An update that changes nothing; use the withers to say what changes. */
    public static UpdatePayload none() {
        return new UpdatePayload(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    public UpdatePayload withAlias(String v) {
        return new UpdatePayload(
                v,
                maxPhysicalMemory,
                ram,
                maxSwap,
                quota,
                cpuCap,
                cpuShares,
                zfsIoPriority,
                maxLwps,
                vcpus,
                addNics,
                removeNics,
                setTags,
                removeTags,
                setCustomerMetadata,
                removeCustomerMetadata,
                cpuBaseline,
                cpuBurstSeconds,
                diskBpsMax,
                diskIopsMax);
    }

    /** Package resources: every argument may be null (unchanged). */
    public UpdatePayload withResources(
            Long maxPhysicalMemory,
            Long ram,
            Long maxSwap,
            Long quota,
            Integer cpuCap,
            Integer cpuShares,
            Integer zfsIoPriority,
            Integer maxLwps,
            Integer vcpus) {
        return new UpdatePayload(
                alias,
                maxPhysicalMemory,
                ram,
                maxSwap,
                quota,
                cpuCap,
                cpuShares,
                zfsIoPriority,
                maxLwps,
                vcpus,
                addNics,
                removeNics,
                setTags,
                removeTags,
                setCustomerMetadata,
                removeCustomerMetadata,
                cpuBaseline,
                cpuBurstSeconds,
                diskBpsMax,
                diskIopsMax);
    }

    /**
     * Live throttles: every argument may be null (unchanged). max_swap is not among them: the node raises it with
     * max_physical_memory when needed.
     */
    public UpdatePayload withThrottles(
            Integer cpuCap,
            Integer cpuShares,
            Integer cpuBaseline,
            Integer cpuBurstSeconds,
            Integer zfsIoPriority,
            Long diskBpsMax,
            Long diskIopsMax,
            Long maxPhysicalMemory,
            Integer maxLwps) {
        return new UpdatePayload(
                alias,
                maxPhysicalMemory,
                ram,
                maxSwap,
                quota,
                cpuCap,
                cpuShares,
                zfsIoPriority,
                maxLwps,
                vcpus,
                addNics,
                removeNics,
                setTags,
                removeTags,
                setCustomerMetadata,
                removeCustomerMetadata,
                cpuBaseline,
                cpuBurstSeconds,
                diskBpsMax,
                diskIopsMax);
    }

    public UpdatePayload withNics(List<Nic> add, List<String> removeMacs) {
        return new UpdatePayload(
                alias,
                maxPhysicalMemory,
                ram,
                maxSwap,
                quota,
                cpuCap,
                cpuShares,
                zfsIoPriority,
                maxLwps,
                vcpus,
                add,
                removeMacs,
                setTags,
                removeTags,
                setCustomerMetadata,
                removeCustomerMetadata,
                cpuBaseline,
                cpuBurstSeconds,
                diskBpsMax,
                diskIopsMax);
    }

    public UpdatePayload withTags(Map<String, String> set, List<String> remove) {
        return new UpdatePayload(
                alias,
                maxPhysicalMemory,
                ram,
                maxSwap,
                quota,
                cpuCap,
                cpuShares,
                zfsIoPriority,
                maxLwps,
                vcpus,
                addNics,
                removeNics,
                set,
                remove,
                setCustomerMetadata,
                removeCustomerMetadata,
                cpuBaseline,
                cpuBurstSeconds,
                diskBpsMax,
                diskIopsMax);
    }

    public UpdatePayload withCustomerMetadata(Map<String, String> set, List<String> remove) {
        return new UpdatePayload(
                alias,
                maxPhysicalMemory,
                ram,
                maxSwap,
                quota,
                cpuCap,
                cpuShares,
                zfsIoPriority,
                maxLwps,
                vcpus,
                addNics,
                removeNics,
                setTags,
                removeTags,
                set,
                remove,
                cpuBaseline,
                cpuBurstSeconds,
                diskBpsMax,
                diskIopsMax);
    }
}
