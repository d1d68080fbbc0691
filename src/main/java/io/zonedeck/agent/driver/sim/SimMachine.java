package io.zonedeck.agent.driver.sim;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.driver.VmadmDefaults;
import java.time.Instant;
import java.util.List;

/** Mutable runtime record of one simulated machine; guarded by the owning {@link SimDriver}. */
final class SimMachine {
    final CreatePayload payload;
    final List<String> ips;
    final Instant created;
    final WorkloadModel workload;
    MachineState state;
    String step;
    Integer progress;
    String error;

    SimMachine(CreatePayload payload, List<String> ips, Instant created, WorkloadModel workload, MachineState state) {
        this.payload = payload;
        this.ips = List.copyOf(ips);
        this.created = created;
        this.workload = workload;
        this.state = state;
    }

    long ramMiB() {
        return VmadmDefaults.ramMiB(payload);
    }

    long diskGiB() {
        return VmadmDefaults.diskGiB(payload);
    }

    MachineInfo info() {
        return new MachineInfo(
                payload.uuid(),
                payload.alias(),
                payload.brand(),
                state,
                payload.imageUuid(),
                ramMiB(),
                diskGiB(),
                VmadmDefaults.cpuCap(payload),
                VmadmDefaults.cpuShares(payload),
                ips,
                created,
                step,
                progress,
                error);
    }
}
