package io.zonedeck.compute;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * New live throttles of a machine, by their vmadm names and units; null = unchanged.
 *
 * @param cpuCap cpu_cap, % of one CPU (0 = uncapped)
 * @param cpuShares cpu_shares, the fair-share weight under contention
 * @param cpuBaseline cpu_baseline, % of one CPU always available (0 = none)
 * @param cpuBurstSeconds cpu_burst_seconds, how long it may run above the baseline
 * @param zfsIoPriority zfs_io_priority, the weight of its disk I/O under contention
 * @param diskBpsMax disk_bps_max, bytes/s (0 = unlimited)
 * @param diskIopsMax disk_iops_max, ops/s (0 = unlimited)
 * @param maxPhysicalMemory max_physical_memory, MiB
 * @param maxLwps max_lwps, threads
 */
public record ThrottleRequest(
        Integer cpuCap,
        Integer cpuShares,
        Integer cpuBaseline,
        Integer cpuBurstSeconds,
        Integer zfsIoPriority,
        Long diskBpsMax,
        Long diskIopsMax,
        Long maxPhysicalMemory,
        Integer maxLwps) {

    /** A request from vmadm names ({@link MachineThrottles#PROPERTIES}); absent properties stay unchanged. */
    public static ThrottleRequest of(Map<String, ? extends Number> values) {
        return new ThrottleRequest(
                integer(values.get(MachineThrottles.CPU_CAP)),
                integer(values.get(MachineThrottles.CPU_SHARES)),
                integer(values.get(MachineThrottles.CPU_BASELINE)),
                integer(values.get(MachineThrottles.CPU_BURST_SECONDS)),
                integer(values.get(MachineThrottles.ZFS_IO_PRIORITY)),
                along(values.get(MachineThrottles.DISK_BPS_MAX)),
                along(values.get(MachineThrottles.DISK_IOPS_MAX)),
                along(values.get(MachineThrottles.MAX_PHYSICAL_MEMORY)),
                integer(values.get(MachineThrottles.MAX_LWPS)));
    }

    /** The properties this request sets, by vmadm name, in {@link MachineThrottles#PROPERTIES} order. */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        put(m, MachineThrottles.CPU_CAP, cpuCap);
        put(m, MachineThrottles.CPU_SHARES, cpuShares);
        put(m, MachineThrottles.CPU_BASELINE, cpuBaseline);
        put(m, MachineThrottles.CPU_BURST_SECONDS, cpuBurstSeconds);
        put(m, MachineThrottles.ZFS_IO_PRIORITY, zfsIoPriority);
        put(m, MachineThrottles.DISK_BPS_MAX, diskBpsMax);
        put(m, MachineThrottles.DISK_IOPS_MAX, diskIopsMax);
        put(m, MachineThrottles.MAX_PHYSICAL_MEMORY, maxPhysicalMemory);
        put(m, MachineThrottles.MAX_LWPS, maxLwps);
        return m;
    }

    private static void put(Map<String, Long> m, String key, Number v) {
        if (v != null) {
            m.put(key, v.longValue());
        }
    }

    private static Integer integer(Number n) {
        return n == null ? null : n.intValue();
    }

    private static Long along(Number n) {
        return n == null ? null : n.longValue();
    }
}
