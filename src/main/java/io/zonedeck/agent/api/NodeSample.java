package io.zonedeck.agent.api;

import java.util.List;

/**
 * One second of one node.
 *
 * @param cpuUtilPct node CPU utilization, 0..100 of all its CPUs
 */
public record NodeSample(
        double cpuUtilPct,

        @com.fasterxml.jackson.annotation.JsonProperty("mem_used_mib")
        long memUsedMiB,

        List<MachineSample> machines) {}
