package io.zonedeck.compute;

import java.util.List;
import java.util.Map;

/** Everything the machine page shows beyond the summary: resources, NICs, snapshots, tags, metadata. */
public record MachineDetail(
        MachineSummary summary,
        int vcpus,
        int cpuShares,
        int zfsIoPriority,
        int maxLwps,
        long maxSwapMiB,
        List<NicInfo> nics,
        List<SnapshotSummary> snapshots,
        Map<String, String> tags,
        Map<String, String> metadata,
        List<String> affinity) {
    /** Whether the brand has snapshots at all (not kvm, as on SmartOS). */
    public boolean snapshotsSupported() {
        return !"kvm".equals(summary.brand());
    }
}
