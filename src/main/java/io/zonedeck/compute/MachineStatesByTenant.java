package io.zonedeck.compute;

import io.zonedeck.tenancy.MachineStateCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The caller's machines by state for the tenant dashboard: one scoped count per state. */
@Component
class MachineStatesByTenant implements MachineStateCounts {
    static final List<String> STATES = List.of(
            "running",
            "provisioning",
            "starting",
            "stopping",
            "rebooting",
            "stopped",
            "deleting",
            "failed",
            "missing",
            "unknown");

    private final MachineService machines;

    MachineStatesByTenant(MachineService machines) {
        this.machines = machines;
    }

    @Override
    public Map<String, Long> visibleByState() {
        Map<String, Long> out = new LinkedHashMap<>();
        long counted = 0;
        for (String s : STATES) {
            long n = machines.count(MachineQuery.all().withState(s));
            if (n > 0) {
                out.put(s, n);
                counted += n;
            }
        }
        long other = machines.count() - counted;
        if (other > 0) {
            out.put("other", other);
        }
        return out;
    }
}
