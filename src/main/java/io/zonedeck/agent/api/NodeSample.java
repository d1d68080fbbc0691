package io.zonedeck.agent.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One second of one node.
 *
 * @param cpuUtilPct node CPU utilization, 0..100 of all its CPUs
 * @param cpuDemandPct what its running machines wanted within their caps and baselines, in % of all its CPUs; above
 *     100 the node is contended and cpu_shares decide who gets what (0 from an agent older than protocol v1.1)
 * @param disks the pool's physical disks this second (protocol v1.2; empty when not measured)
 */
public record NodeSample(
        double cpuUtilPct,
        @JsonProperty("mem_used_mib") long memUsedMiB,
        List<MachineSample> machines,
        double cpuDemandPct,
        List<DiskSample> disks) {
    public NodeSample {
        disks = disks == null ? List.of() : disks;
    }

    public NodeSample(double cpuUtilPct, long memUsedMiB, List<MachineSample> machines, double cpuDemandPct) {
        this(cpuUtilPct, memUsedMiB, machines, cpuDemandPct, List.of());
    }

    public NodeSample(double cpuUtilPct, long memUsedMiB, List<MachineSample> machines) {
        this(cpuUtilPct, memUsedMiB, machines, cpuUtilPct);
    }
}
