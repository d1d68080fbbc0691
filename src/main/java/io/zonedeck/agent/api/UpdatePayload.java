package io.zonedeck.agent.api;

import java.util.List;
import java.util.Map;

/**
 * A vmadm update payload: {@code POST /v1/machines/{uuid}/update}. Only the properties present change.
 * Resource properties apply live to a running zone; for HVM, ram and vcpus take effect at the next boot
 * (the portal restarts the VM). image_uuid and brand cannot be updated (422). add_nics is idempotent by
 * mac, remove_nics names NICs by mac (an unknown mac is ignored, as a retry may repeat it).
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
        List<String> removeCustomerMetadata) {
    /** An update that changes nothing; use the withers to say what changes. */
    public static UpdatePayload none() {
        return new UpdatePayload(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
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
                removeCustomerMetadata);
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
                removeCustomerMetadata);
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
                removeCustomerMetadata);
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
                removeCustomerMetadata);
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
                remove);
    }
}
