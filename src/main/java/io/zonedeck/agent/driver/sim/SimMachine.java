package io.zonedeck.agent.driver.sim;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.Disk;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.agent.api.SnapshotInfo;
import io.zonedeck.agent.driver.VmadmDefaults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mutable runtime record of one simulated machine; guarded by the owning {@link SimDriver}. Starts from the
 * create payload with vmadm's defaults filled in; updates change the fields.
 */
final class SimMachine {
    final CreatePayload payload;
    final Instant created;
    final WorkloadModel workload;
    /** The address the sim assigned when no NIC had a static one, else null. */
    final String assignedIp;

    final List<Disk> disks;
    final List<Nic> nics = new ArrayList<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    final Map<String, String> customerMetadata = new LinkedHashMap<>();
    final List<SnapshotInfo> snapshots = new ArrayList<>();
    String alias;
    long maxPhysicalMemory;
    long ram;
    long maxSwap;
    long quota;
    int cpuCap;
    int cpuShares;
    int zfsIoPriority;
    int maxLwps;
    int cpuBaseline;
    int cpuBurstSeconds;
    long diskBpsMax;
    long diskIopsMax;
    /** Seconds the machine may still run above its baseline (starts full). */
    int burstCredit;

    Integer vcpus;
    MachineState state;
    String step;
    Integer progress;
    String error;

    SimMachine(
            CreatePayload payload,
            List<Nic> nics,
            String assignedIp,
            Instant created,
            WorkloadModel workload,
            MachineState state) {
        this.payload = payload;
        this.assignedIp = assignedIp;
        this.created = created;
        this.workload = workload;
        this.state = state;
        this.nics.addAll(nics);
        this.disks = payload.disks() == null ? List.of() : List.copyOf(payload.disks());
        if (payload.tags() != null) {
            tags.putAll(payload.tags());
        }
        if (payload.customerMetadata() != null) {
            customerMetadata.putAll(payload.customerMetadata());
        }
        alias = payload.alias();
        maxPhysicalMemory = VmadmDefaults.ramMiB(payload);
        ram = VmadmDefaults.guestRamMiB(payload);
        maxSwap = VmadmDefaults.maxSwapMiB(payload);
        quota = VmadmDefaults.diskGiB(payload);
        cpuCap = VmadmDefaults.cpuCap(payload);
        cpuShares = VmadmDefaults.cpuShares(payload);
        zfsIoPriority = VmadmDefaults.zfsIoPriority(payload);
        maxLwps = VmadmDefaults.maxLwps(payload);
        cpuBaseline = VmadmDefaults.cpuBaseline(payload);
        cpuBurstSeconds = VmadmDefaults.cpuBurstSeconds(payload);
        diskBpsMax = VmadmDefaults.diskBpsMax(payload);
        diskIopsMax = VmadmDefaults.diskIopsMax(payload);
        burstCredit = cpuBurstSeconds;
        vcpus = VmadmDefaults.vcpus(payload);
    }

    boolean hvm() {
        return VmadmDefaults.hvm(payload.brand());
    }

    long ramMiB() {
        return maxPhysicalMemory;
    }

    long diskGiB() {
        return quota;
    }

    /** Whether the machine bursts: a baseline with a cap above it. */
    boolean bursts() {
        return cpuBaseline > 0 && cpuCap > cpuBaseline;
    }

    /** Static addresses of the NICs (without prefix); the assigned address when there are none. */
    List<String> ips() {
        List<String> ips = SimDriver.staticIps(nics);
        if (ips.isEmpty() && assignedIp != null) {
            ips.add(assignedIp);
        }
        return List.copyOf(ips);
    }

    MachineInfo info() {
        return new MachineInfo(
                payload.uuid(),
                alias,
                payload.brand(),
                state,
                payload.imageUuid(),
                maxPhysicalMemory,
                quota,
                cpuCap,
                cpuShares,
                ips(),
                created,
                step,
                progress,
                error,
                vcpus,
                zfsIoPriority,
                maxLwps,
                ram,
                maxSwap,
                List.copyOf(nics),
                List.copyOf(snapshots),
                Map.copyOf(tags),
                Map.copyOf(customerMetadata),
                cpuBaseline,
                cpuBurstSeconds,
                diskBpsMax,
                diskIopsMax);
    }
}
