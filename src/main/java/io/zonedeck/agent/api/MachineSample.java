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

        @com.fasterxml.jackson.annotation.JsonProperty("mem_rss_mib")
        long memRssMiB,

        @com.fasterxml.jackson.annotation.JsonProperty("mem_cap_mib")
        long memCapMiB,

        long diskReadBytes,
        long diskWriteBytes,
        long netRxBytes,
        long netTxBytes) {}
