package io.zonedeck.catalog;

/**
 * A package to create, or the new values of one (null = not given: required on create, unchanged on update).
 * Units as vmadm's: RAM and swap MiB, disk GiB, cpu_cap % of one CPU (0 = uncapped).
 */
public record PackageRequest(
        String name,
        Long ramMiB,
        Long diskGiB,
        Integer vcpus,
        Integer cpuCap,
        Integer cpuShares,
        Integer zfsIoPriority,
        Integer maxLwps,
        Long maxSwapMiB,
        String billingTag) {}
