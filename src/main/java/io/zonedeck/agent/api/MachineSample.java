package io.zonedeck.agent.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One second of one machine. Fields added in protocol v1.1 (from cpu_shares on) and v1.2 (from swap on) read as 0
 * or null from an older agent.
 *
 * @param cpuPct CPU used in percent of one CPU (the unit of cpu_cap)
 * @param cpuCap the cap in force (0 = none)
 * @param cpuShares the fair-share weight in force
 * @param cpuBaseline the baseline in force (0 = none)
 * @param burstCreditS seconds the machine may still run above its baseline; {@link #UNLIMITED_BURST_S} when it may
 *     stay above it indefinitely (illumos: a zone with a baseline whose burst time is 0)
 * @param cpuDemandPct CPU the workload wanted, in percent of one CPU, before cap, baseline and contention
 * @param diskReadOps read operations this second
 * @param diskWriteOps write operations this second
 * @param ioDelayUs mean delay per I/O operation this second added by the zone I/O throttle, in microseconds (as
 *     ZFS reports it per zone); 0 when the machine was not throttled
 * @param lwps lightweight processes (threads) running
 * @param swapMiB swap (anonymous memory paged out) in MiB; from protocol v1.2 on, like the rest below
 * @param netRxPackets packets received this second, all VNICs
 * @param netTxPackets packets sent this second, all VNICs
 * @param syscalls system calls this second by name (keys from {@link #SYSCALLS}, others counted as "other");
 *     null when not measured
 * @param syscallLatency system call latency distribution of this second; null when not measured
 * @param diskLatency disk I/O latency (as the zone sees it, throttle delay included); null when not measured
 * @param runqLatency CPU run-queue latency (runnable to running); null when not measured
 */
public record MachineSample(
        UUID uuid,
        double cpuPct,
        int cpuCap,
        @JsonProperty("mem_rss_mib") long memRssMiB,
        @JsonProperty("mem_cap_mib") long memCapMiB,
        long diskReadBytes,
        long diskWriteBytes,
        long netRxBytes,
        long netTxBytes,
        int cpuShares,
        int cpuBaseline,
        double burstCreditS,
        double cpuDemandPct,
        long diskReadOps,
        long diskWriteOps,
        double ioDelayUs,
        int lwps,
        @JsonProperty("swap_mib") long swapMiB,
        long netRxPackets,
        long netTxPackets,
        Map<String, Long> syscalls,
        Histogram syscallLatency,
        Histogram diskLatency,
        Histogram runqLatency) {
    /** The burst credit of a machine whose time above its baseline is not limited. */
    public static final double UNLIMITED_BURST_S = -1;

    /** The system calls a decomposition by syscall shows; the rest are summed as "other". */
    public static final List<String> SYSCALLS =
            List.of("read", "write", "open", "close", "stat", "mmap", "ioctl", "pollsys", "other");

    /** A sample of protocol v1.1 (no swap, packets, syscalls or latency distributions). */
    public MachineSample(
            UUID uuid,
            double cpuPct,
            int cpuCap,
            long memRssMiB,
            long memCapMiB,
            long diskReadBytes,
            long diskWriteBytes,
            long netRxBytes,
            long netTxBytes,
            int cpuShares,
            int cpuBaseline,
            double burstCreditS,
            double cpuDemandPct,
            long diskReadOps,
            long diskWriteOps,
            double ioDelayUs,
            int lwps) {
        this(
                uuid,
                cpuPct,
                cpuCap,
                memRssMiB,
                memCapMiB,
                diskReadBytes,
                diskWriteBytes,
                netRxBytes,
                netTxBytes,
                cpuShares,
                cpuBaseline,
                burstCreditS,
                cpuDemandPct,
                diskReadOps,
                diskWriteOps,
                ioDelayUs,
                lwps,
                0,
                0,
                0,
                null,
                null,
                null,
                null);
    }

    /** A sample of protocol v1.0 (no throttle detail). */
    public MachineSample(
            UUID uuid,
            double cpuPct,
            int cpuCap,
            long memRssMiB,
            long memCapMiB,
            long diskReadBytes,
            long diskWriteBytes,
            long netRxBytes,
            long netTxBytes) {
        this(
                uuid,
                cpuPct,
                cpuCap,
                memRssMiB,
                memCapMiB,
                diskReadBytes,
                diskWriteBytes,
                netRxBytes,
                netTxBytes,
                0,
                0,
                0,
                cpuPct,
                0,
                0,
                0,
                0);
    }
}
