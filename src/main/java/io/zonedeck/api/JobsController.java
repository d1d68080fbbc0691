package io.zonedeck.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.JobQuery;
import io.zonedeck.compute.JobService;
import io.zonedeck.compute.MachineService;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "jobs", description = "Durable jobs: steps, progress and results")
class JobsController {
    private final MachineService machines;
    private final JobService jobs;

    JobsController(MachineService machines, JobService jobs) {
        this.machines = machines;
        this.jobs = jobs;
    }

    @GetMapping("/api/v1/jobs")
    @Operation(
            summary = "Jobs, newest first (operators: all; others: their tenant's)",
            description = "state: queued, running, succeeded, failed or active; search: machine or user name part."
                    + " The total is in the x-resource-count header.")
    ResponseEntity<List<JobInfo>> list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String search,
            @RequestParam(required = false, defaultValue = "0") int offset,
            @RequestParam(required = false, defaultValue = "100") int limit) {
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw ZoneDeckException.invalid("limit", "offset must be ≥ 0 and limit between 1 and 1000");
        }
        JobQuery q = new JobQuery(state, action, search);
        return ResponseEntity.ok()
                .header("x-resource-count", String.valueOf(jobs.count(q)))
                .body(jobs.page(q, offset, limit));
    }

    @GetMapping("/api/v1/jobs/{id}")
    JobInfo job(@PathVariable String id) {
        return machines.job(Ids.parse(id, "job")).orElseThrow(() -> ZoneDeckException.notFound("job " + id));
    }
}
