package io.zonedeck.compute;

import java.util.List;
import java.util.Map;

/**
 * Everything the machine page shows beyond the summary: resources, NICs, snapshots, tags, metadata.
 *
 * @param nodeRefusesSnapshots why the machine's node takes no snapshots ("Snapshots are not supported on node cn-9
 *     (linux driver)"); null when it does
 */
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
        List<String> affinity,
        String nodeRefusesSnapshots) {
    /** Whether the machine can have snapshots: its brand has them (not kvm, as on SmartOS) and its node takes them. */
    public boolean snapshotsSupported() {
        return !"kvm".equals(summary.brand()) && nodeRefusesSnapshots == null;
    }

    /** Why there are no snapshots, for the page; null when there are. */
    public String snapshotsUnsupportedReason() {
        if ("kvm".equals(summary.brand())) {
            return "Snapshots are not supported for kvm machines (as on SmartOS).";
        }
        return nodeRefusesSnapshots == null ? null : nodeRefusesSnapshots + ".";
    }
}
