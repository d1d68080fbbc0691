package io.zonedeck.api;

import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class JobsController {
    private final MachineService machines;

    JobsController(MachineService machines) {
        this.machines = machines;
    }

    @GetMapping("/api/v1/jobs/{id}")
    JobInfo job(@PathVariable String id) {
        return machines.job(Ids.parse(id, "job")).orElseThrow(() -> ZoneDeckException.notFound("job " + id));
    }
}
