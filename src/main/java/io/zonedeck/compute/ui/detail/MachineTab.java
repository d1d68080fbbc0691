package io.zonedeck.compute.ui.detail;

import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineDetail;
import java.util.Optional;
import java.util.Set;

/** A tab of the machine page: shows the machine as it is now and its running job, if any. */
public interface MachineTab {
    /** States in which the machine is changing on its node (no other action is accepted then). */
    Set<String> TRANSITIONAL = Set.of("provisioning", "starting", "stopping", "rebooting", "deleting");

    void show(MachineDetail machine, Optional<JobInfo> active);

    /** Whether the machine is busy: a job runs or its state is in transition (buttons are disabled). */
    static boolean busy(MachineDetail machine, Optional<JobInfo> active) {
        return active.isPresent() || TRANSITIONAL.contains(machine.summary().state());
    }
}
