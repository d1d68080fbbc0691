package io.zonedeck.agent.driver.linux;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.VmadmDefaults;

/**
 * A machine's throttles in vmadm units, and their arithmetic into cgroup values.
 *
 * <p><b>Bursting is an approximation.</b> SmartOS lets a machine with a {@code cpu_baseline} below its {@code
 * cpu_cap} run up to the cap for {@code cpu_burst_seconds} at a time. CFS has no such credit: its quota is per
 * period and its burst ({@code cpu.cfs_burst_us}, {@code cpu.max.burst}) lets a group carry quota it left unused
 * into later periods, at most one quota's worth (the kernel refuses more). So a bursting machine gets the baseline
 * as its CFS quota and, as burst, the CPU time the burst credit stands for ((cap - baseline) % of a CPU for
 * cpu_burst_seconds) bounded by that quota: after idling it may briefly run above its baseline, never for seconds
 * at the cap. Without a baseline (or with a cap not above it) cpu_cap is a plain CFS cap and the burst is 0.
 *
 * @param cpuCap % of one CPU, 0 = none
 * @param cpuShares vmadm fair-share weight (default 100)
 * @param maxPhysicalMemory MiB
 */
record Throttles(
        int cpuCap,
        int cpuShares,
        int cpuBaseline,
        int cpuBurstSeconds,
        int zfsIoPriority,
        long diskBpsMax,
        long diskIopsMax,
        long maxPhysicalMemory,
        int maxLwps) {

    /** cgroup v1 cpu.shares bounds. */
    static final long V1_SHARES_MIN = 2;

    static final long V1_SHARES_MAX = 262144;

    static Throttles of(CreatePayload p) throws DriverException {
        return new Throttles(
                        VmadmDefaults.cpuCap(p),
                        VmadmDefaults.cpuShares(p),
                        VmadmDefaults.cpuBaseline(p),
                        VmadmDefaults.cpuBurstSeconds(p),
                        VmadmDefaults.zfsIoPriority(p),
                        VmadmDefaults.diskBpsMax(p),
                        VmadmDefaults.diskIopsMax(p),
                        VmadmDefaults.ramMiB(p),
                        VmadmDefaults.maxLwps(p))
                .checked();
    }

    /** This with the update's throttles applied (absent ones unchanged). */
    Throttles with(UpdatePayload u) throws DriverException {
        return new Throttles(
                        u.cpuCap() != null ? u.cpuCap() : cpuCap,
                        u.cpuShares() != null ? u.cpuShares() : cpuShares,
                        u.cpuBaseline() != null ? u.cpuBaseline() : cpuBaseline,
                        u.cpuBurstSeconds() != null ? u.cpuBurstSeconds() : cpuBurstSeconds,
                        u.zfsIoPriority() != null ? u.zfsIoPriority() : zfsIoPriority,
                        u.diskBpsMax() != null ? u.diskBpsMax() : diskBpsMax,
                        u.diskIopsMax() != null ? u.diskIopsMax() : diskIopsMax,
                        u.maxPhysicalMemory() != null
                                ? u.maxPhysicalMemory()
                                : u.ram() != null ? u.ram() : maxPhysicalMemory,
                        u.maxLwps() != null ? u.maxLwps() : maxLwps)
                .checked();
    }

    Throttles checked() throws DriverException {
        require(cpuCap >= 0, "cpu_cap must be >= 0, got " + cpuCap);
        require(cpuShares > 0, "cpu_shares must be > 0, got " + cpuShares);
        require(cpuBaseline >= 0, "cpu_baseline must be >= 0, got " + cpuBaseline);
        require(
                cpuBurstSeconds >= 0 && cpuBurstSeconds <= 86400,
                "cpu_burst_seconds must be 0..86400, got " + cpuBurstSeconds);
        require(zfsIoPriority >= 0, "zfs_io_priority must be >= 0, got " + zfsIoPriority);
        require(diskBpsMax >= 0, "disk_bps_max must be >= 0, got " + diskBpsMax);
        require(diskIopsMax >= 0, "disk_iops_max must be >= 0, got " + diskIopsMax);
        require(maxPhysicalMemory > 0, "max_physical_memory must be > 0 MiB, got " + maxPhysicalMemory);
        require(maxLwps >= 0, "max_lwps must be >= 0, got " + maxLwps);
        return this;
    }

    private static void require(boolean ok, String message) throws DriverException {
        if (!ok) {
            throw new DriverException(DriverException.INVALID, message);
        }
    }

    /** Whether the machine bursts: a baseline below its cap. */
    boolean bursting() {
        return cpuBaseline > 0 && cpuCap > cpuBaseline;
    }

    /** The CFS quota in µs per period: the baseline when bursting, else the cap; -1 = unlimited. */
    long quotaUs(long periodUs) {
        int pct = bursting() ? cpuBaseline : cpuCap;
        return pct <= 0 ? -1 : Math.max(1000, pct * periodUs / 100);
    }

    /** The CFS burst in µs: the burst credit's CPU time, at most the quota (the kernel's bound); 0 if none. */
    long burstUs(long periodUs) {
        if (!bursting()) {
            return 0;
        }
        long creditUs = (long) (cpuCap - cpuBaseline) * cpuBurstSeconds * 1_000_000L / 100;
        return Math.min(quotaUs(periodUs), creditUs);
    }

    /** v1 cpu.shares: ten times cpu_shares, so ratios stay exact (within 2..262144). */
    long v1Shares() {
        return clamp(cpuShares * 10L, V1_SHARES_MIN, V1_SHARES_MAX);
    }

    /** v2 cpu.weight: cpu_shares itself within 1..10000 (100 is both defaults). */
    long v2Weight() {
        return clamp(cpuShares, 1, 10000);
    }

    /** v1 blkio.weight (10..1000), blkio.bfq.weight (1..1000), v2 io.weight (1..10000) from zfs_io_priority. */
    long ioWeight(long min, long max) {
        return clamp(zfsIoPriority == 0 ? 1 : zfsIoPriority, min, max);
    }

    long memoryBytes() {
        return maxPhysicalMemory * 1024L * 1024L;
    }

    static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
