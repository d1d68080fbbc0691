package io.zonedeck.tenancy;

import java.util.EnumMap;
import java.util.Map;

/** Amounts of every quota limit: what a tenant holds, or what an operation adds. */
public record QuotaUsage(
        long machines, long ramMiB, long diskGiB, long vcpus, long cpuCap, long snapshots, long vnics, long publicIps) {
    public static final QuotaUsage NONE = new QuotaUsage(0, 0, 0, 0, 0, 0, 0, 0);

    public long get(QuotaLimit limit) {
        return switch (limit) {
            case MACHINES -> machines;
            case RAM -> ramMiB;
            case DISK -> diskGiB;
            case VCPUS -> vcpus;
            case CPU_CAP -> cpuCap;
            case SNAPSHOTS -> snapshots;
            case VNICS -> vnics;
            case PUBLIC_IPS -> publicIps;
        };
    }

    public QuotaUsage plus(QuotaUsage o) {
        return new QuotaUsage(
                machines + o.machines,
                ramMiB + o.ramMiB,
                diskGiB + o.diskGiB,
                vcpus + o.vcpus,
                cpuCap + o.cpuCap,
                snapshots + o.snapshots,
                vnics + o.vnics,
                publicIps + o.publicIps);
    }

    public static QuotaUsage of(Map<QuotaLimit, Long> amounts) {
        Map<QuotaLimit, Long> a = new EnumMap<>(QuotaLimit.class);
        a.putAll(amounts);
        return new QuotaUsage(
                a.getOrDefault(QuotaLimit.MACHINES, 0L),
                a.getOrDefault(QuotaLimit.RAM, 0L),
                a.getOrDefault(QuotaLimit.DISK, 0L),
                a.getOrDefault(QuotaLimit.VCPUS, 0L),
                a.getOrDefault(QuotaLimit.CPU_CAP, 0L),
                a.getOrDefault(QuotaLimit.SNAPSHOTS, 0L),
                a.getOrDefault(QuotaLimit.VNICS, 0L),
                a.getOrDefault(QuotaLimit.PUBLIC_IPS, 0L));
    }
}
