package io.zonedeck.agent.api;

import java.util.UUID;

/**
 * One second of one machine.
 *
 * @param cpuPct CPU used in percent of one CPU (the unit of cpu_cap)
 * @param cpuCap the cap in force (0 = none)
 */
public record MachineSample(
        UUID uuid,
        double cpuPct,
        int cpuCap,
        long memRssMiB,
        long memCapMiB,
        long diskReadBytes,
        long diskWriteBytes,
        long netRxBytes,
        long netTxBytes) {}
