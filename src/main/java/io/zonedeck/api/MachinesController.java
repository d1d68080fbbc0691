package io.zonedeck.api;

import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.compute.Accepted;
import io.zonedeck.compute.CreateMachineRequest;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Machines of the caller's tenant (operators: all). Long operations answer 202 with their job. */
@RestController
@RequestMapping("/api/v1/machines")
class MachinesController {
    private final MachineService machines;

    MachinesController(MachineService machines) {
        this.machines = machines;
    }

    /** Create body; {@code package} is a Java keyword, hence the record component name. */
    record CreateBody(
            String name,
            String brand,
            String image,
            String tenant,

            @com.fasterxml.jackson.annotation.JsonProperty("package")
            String pkg) {}

    @GetMapping
    List<MachineSummary> list() {
        return machines.list();
    }

    @PostMapping
    ResponseEntity<Accepted> create(@RequestBody(required = false) CreateBody body) {
        if (body == null) {
            throw ZoneDeckException.invalid("name", "A JSON body with name, brand, image and package is required");
        }
        Accepted accepted = machines.create(
                new CreateMachineRequest(body.name(), body.brand(), body.image(), body.pkg(), body.tenant()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted);
    }

    @GetMapping("/{id}")
    MachineSummary get(@PathVariable String id) {
        return machines.get(Ids.parse(id, "machine"));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<JobInfo> delete(@PathVariable String id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(machines.delete(Ids.parse(id, "machine")));
    }

    @PostMapping("/{id}/start")
    ResponseEntity<JobInfo> start(@PathVariable String id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(machines.start(Ids.parse(id, "machine")));
    }

    @PostMapping("/{id}/stop")
    ResponseEntity<JobInfo> stop(@PathVariable String id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(machines.stop(Ids.parse(id, "machine")));
    }

    @PostMapping("/{id}/reboot")
    ResponseEntity<JobInfo> reboot(@PathVariable String id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(machines.reboot(Ids.parse(id, "machine")));
    }
}
