package io.zonedeck.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zonedeck.base.MultiLineText;
import io.zonedeck.base.Printable;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.compute.Accepted;
import io.zonedeck.compute.CreateMachineRequest;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineChanges;
import io.zonedeck.compute.MachineDetail;
import io.zonedeck.compute.MachineQuery;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.compute.MachineThrottles;
import io.zonedeck.compute.NicInfo;
import io.zonedeck.compute.NicRequest;
import io.zonedeck.compute.SnapshotSummary;
import io.zonedeck.compute.ThrottleQuery;
import io.zonedeck.compute.ThrottleRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Machines of the caller's tenant (operators: all), CloudAPI-like. Every operation that changes a machine
 * answers 202 with its job; a foreign machine's id answers exactly like a missing one (404).
 */
@RestController
@RequestMapping("/api/v1/machines")
@Tag(name = "machines", description = "Create, run, resize, snapshot and delete machines")
class MachinesController {
    private final MachineService machines;
    private final MachineChanges changes;
    private final ThrottleQuery throttles;

    MachinesController(MachineService machines, MachineChanges changes, ThrottleQuery throttles) {
        this.machines = machines;
        this.changes = changes;
        this.throttles = throttles;
    }

    /** Create body; {@code package} is a Java keyword, hence the record component name. */
    record CreateBody(
            UUID uuid,
            String name,
            String brand,
            String image,
            String tenant,
            @JsonProperty("package") String pkg,
            List<NicRequest> networks,
            Map<String, String> tags,
            @MultiLineText Map<String, String> metadata,
            List<String> sshKeys,
            List<String> affinity) {}

    /** A PUT metadata body: customer_metadata keys to values, which may span lines (user-script). */
    @JsonDeserialize(contentUsing = StorableJson.MultiLine.class)
    static final class MetadataBody extends LinkedHashMap<String, String> {}

    /**
     * A PATCH body, for the API document: throttles by their vmadm names, each optional. The controller reads the
     * body itself to name every wrong property at once.
     */
    @Schema(description = "Throttles by their vmadm names; absent properties stay unchanged")
    record ThrottleBody(
            @JsonProperty("cpu_cap") Integer cpuCap,
            @JsonProperty("cpu_shares") Integer cpuShares,
            @JsonProperty("cpu_baseline") Integer cpuBaseline,
            @JsonProperty("cpu_burst_seconds") Integer cpuBurstSeconds,
            @JsonProperty("zfs_io_priority") Integer zfsIoPriority,
            @JsonProperty("disk_bps_max") Long diskBpsMax,
            @JsonProperty("disk_iops_max") Long diskIopsMax,
            @JsonProperty("max_physical_memory") Long maxPhysicalMemory,
            @JsonProperty("max_lwps") Integer maxLwps) {}

    record ResizeBody(@JsonProperty("package") String pkg) {}

    record NameBody(String name) {}

    /** A machine with its NICs, snapshots, tags, metadata and throttles. */
    record MachineView(
            @JsonUnwrapped MachineSummary summary,
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
            List<MachineThrottles.Throttle> throttles) {
        static MachineView of(MachineDetail d, MachineThrottles t) {
            return new MachineView(
                    d.summary(),
                    d.vcpus(),
                    d.cpuShares(),
                    d.zfsIoPriority(),
                    d.maxLwps(),
                    d.maxSwapMiB(),
                    d.nics(),
                    d.snapshots(),
                    d.tags(),
                    d.metadata(),
                    d.affinity(),
                    t.throttles());
        }
    }

    @GetMapping
    @Operation(
            summary = "List machines",
            description = "Filters: search (name part, IP prefix or UUID), state, brand, package, tag (key or"
                    + " key=value). sort: name, state, brand, package, ip, created; prefix - for descending"
                    + " (default -created). The total is in the x-resource-count header.")
    ResponseEntity<List<MachineSummary>> list(
            @RequestParam(required = false) String search,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String brand,
            @RequestParam(name = "package", required = false) String pkg,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false, defaultValue = "-created") String sort,
            @RequestParam(required = false, defaultValue = "0") int offset,
            @RequestParam(required = false, defaultValue = "1000") int limit) {
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw ZoneDeckException.invalid("limit", "offset must be ≥ 0 and limit between 1 and 1000");
        }
        boolean desc = sort.startsWith("-");
        String by = desc ? sort.substring(1) : sort;
        if (!List.of("name", "state", "brand", "package", "ip", "created").contains(by)) {
            throw ZoneDeckException.invalid("sort", "sort by name, state, brand, package, ip or created");
        }
        MachineQuery q = new MachineQuery(search, state, brand, pkg, tag, by, desc);
        return ResponseEntity.ok()
                .header("x-resource-count", String.valueOf(machines.count(q)))
                .body(machines.page(q, offset, limit));
    }

    @PostMapping
    @Operation(
            summary = "Create a machine",
            description = "Idempotent by uuid when the client chooses it: the same request again returns the same"
                    + " machine and job; a different request with that uuid is refused (409 Duplicate).")
    ResponseEntity<Accepted> create(@RequestBody CreateBody body) {
        Accepted accepted = machines.create(new CreateMachineRequest(
                body.uuid(),
                body.name(),
                body.brand(),
                body.image(),
                body.pkg(),
                body.tenant(),
                body.networks(),
                body.tags(),
                body.metadata(),
                body.sshKeys(),
                body.affinity()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted);
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "A machine with its NICs, snapshots, tags, metadata and throttles",
            description = "throttles: each vmadm throttle with its value, the package's default, whether the machine"
                    + " overrides it, and the range you may set (tenant admins: within the package)")
    MachineView get(@PathVariable String id) {
        UUID uuid = Ids.parse(id, "machine");
        return MachineView.of(machines.detail(uuid), throttles.of(uuid));
    }

    @PatchMapping("/{id}")
    @Operation(
            summary = "Change live throttles by their vmadm names",
            description = "A JSON object of cpu_cap (% of one CPU, 0 = uncapped), cpu_shares, cpu_baseline (% of one"
                    + " CPU, 0 = none; needs a cap above it), cpu_burst_seconds, zfs_io_priority, disk_bps_max"
                    + " (bytes/s, 0 = unlimited), disk_iops_max (ops/s, 0 = unlimited), max_physical_memory (MiB)"
                    + " and max_lwps; absent properties stay unchanged. Applied live, without a restart. Operators"
                    + " may set any valid value, tenant admins values within the machine's package (403 for tenant"
                    + " users). Unknown or non-numeric properties and every violation are 422 field errors naming"
                    + " the property.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = ThrottleBody.class)))
    ResponseEntity<JobInfo> throttle(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        UUID uuid = Ids.parse(id, "machine");
        return accepted(changes.throttle(uuid, throttleRequest(body)));
    }

    @GetMapping("/{id}/throttles")
    @Operation(summary = "The machine's throttles with their package defaults and overrides")
    MachineThrottles throttles(@PathVariable String id) {
        return throttles.of(Ids.parse(id, "machine"));
    }

    /** Reads a PATCH body: whole numbers under the throttles' vmadm names, every problem named by its property. */
    static ThrottleRequest throttleRequest(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ZoneDeckException.invalid(
                    "body",
                    "Send a JSON object of throttles by their vmadm names: "
                            + String.join(", ", MachineThrottles.PROPERTIES));
        }
        List<ZoneDeckException.FieldProblem> problems = new java.util.ArrayList<>();
        Map<String, Long> values = new java.util.LinkedHashMap<>();
        body.fields().forEachRemaining(e -> {
            String name = e.getKey().isEmpty() ? "body" : Printable.of(e.getKey());
            JsonNode v = e.getValue();
            boolean isLong = MachineThrottles.DISK_BPS_MAX.equals(name)
                    || MachineThrottles.DISK_IOPS_MAX.equals(name)
                    || MachineThrottles.MAX_PHYSICAL_MEMORY.equals(name);
            if (!MachineThrottles.PROPERTIES.contains(name)) {
                problems.add(new ZoneDeckException.FieldProblem(
                        name,
                        "Invalid",
                        "Unknown throttle " + name + "; the throttles are "
                                + String.join(", ", MachineThrottles.PROPERTIES)));
            } else if (!v.isNumber() || (v.isFloatingPointNumber() && v.asDouble() != Math.rint(v.asDouble()))) {
                problems.add(new ZoneDeckException.FieldProblem(name, "Invalid", name + " must be a whole number"));
            } else if (!(isLong ? v.canConvertToLong() : v.canConvertToInt())) {
                problems.add(new ZoneDeckException.FieldProblem(name, "Invalid", name + " is out of range"));
            } else {
                values.put(name, v.asLong());
            }
        });
        if (!problems.isEmpty()) {
            throw ZoneDeckException.invalid(problems);
        }
        return ThrottleRequest.of(values);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<JobInfo> delete(@PathVariable String id) {
        return accepted(machines.delete(Ids.parse(id, "machine")));
    }

    @PostMapping("/{id}/start")
    ResponseEntity<JobInfo> start(@PathVariable String id) {
        return accepted(machines.start(Ids.parse(id, "machine")));
    }

    @PostMapping("/{id}/stop")
    ResponseEntity<JobInfo> stop(@PathVariable String id) {
        return accepted(machines.stop(Ids.parse(id, "machine")));
    }

    @PostMapping("/{id}/reboot")
    ResponseEntity<JobInfo> reboot(@PathVariable String id) {
        return accepted(machines.reboot(Ids.parse(id, "machine")));
    }

    @PostMapping("/{id}/resize")
    @Operation(summary = "Move to another package: live for zones, a restart for hardware VMs")
    ResponseEntity<JobInfo> resize(@PathVariable String id, @RequestBody ResizeBody body) {
        return accepted(changes.resize(Ids.parse(id, "machine"), body.pkg()));
    }

    @PostMapping("/{id}/rename")
    @Operation(summary = "Rename a machine (its alias)")
    ResponseEntity<JobInfo> rename(@PathVariable String id, @RequestBody NameBody body) {
        return accepted(changes.rename(Ids.parse(id, "machine"), body.name()));
    }

    @GetMapping("/{id}/tags")
    Map<String, String> tags(@PathVariable String id) {
        return machines.detail(Ids.parse(id, "machine")).tags();
    }

    @PutMapping("/{id}/tags")
    @Operation(summary = "Replace the machine's tags")
    ResponseEntity<JobInfo> setTags(@PathVariable String id, @RequestBody Map<String, String> tags) {
        return accepted(changes.setTags(Ids.parse(id, "machine"), tags));
    }

    @GetMapping("/{id}/metadata")
    Map<String, String> metadata(@PathVariable String id) {
        return machines.detail(Ids.parse(id, "machine")).metadata();
    }

    @PutMapping("/{id}/metadata")
    @Operation(summary = "Replace the machine's customer_metadata")
    ResponseEntity<JobInfo> setMetadata(@PathVariable String id, @RequestBody MetadataBody metadata) {
        return accepted(changes.setMetadata(Ids.parse(id, "machine"), metadata));
    }

    @GetMapping("/{id}/nics")
    List<NicInfo> nics(@PathVariable String id) {
        return machines.detail(Ids.parse(id, "machine")).nics();
    }

    @PostMapping("/{id}/nics")
    @Operation(summary = "Add a NIC on a network you may use (optionally with a chosen IP); up to 32")
    ResponseEntity<JobInfo> addNic(@PathVariable String id, @RequestBody NicRequest body) {
        return accepted(changes.addNic(Ids.parse(id, "machine"), body));
    }

    @DeleteMapping("/{id}/nics/{mac}")
    ResponseEntity<JobInfo> removeNic(@PathVariable String id, @PathVariable String mac) {
        return accepted(changes.removeNic(Ids.parse(id, "machine"), mac));
    }

    @GetMapping("/{id}/snapshots")
    List<SnapshotSummary> snapshots(@PathVariable String id) {
        return machines.detail(Ids.parse(id, "machine")).snapshots();
    }

    @PostMapping("/{id}/snapshots")
    @Operation(summary = "Take a snapshot (zones and bhyve; kvm has none, as on SmartOS)")
    ResponseEntity<JobInfo> createSnapshot(@PathVariable String id, @RequestBody NameBody body) {
        return accepted(changes.createSnapshot(Ids.parse(id, "machine"), body.name()));
    }

    @PostMapping("/{id}/snapshots/{name}/rollback")
    @Operation(summary = "Roll back to a snapshot: newer snapshots are destroyed, a running machine restarts")
    ResponseEntity<JobInfo> rollback(@PathVariable String id, @PathVariable String name) {
        return accepted(changes.rollbackSnapshot(Ids.parse(id, "machine"), name));
    }

    @DeleteMapping("/{id}/snapshots/{name}")
    ResponseEntity<JobInfo> deleteSnapshot(@PathVariable String id, @PathVariable String name) {
        return accepted(changes.deleteSnapshot(Ids.parse(id, "machine"), name));
    }

    @GetMapping("/{id}/jobs")
    @Operation(summary = "The machine's last 50 jobs, newest first")
    List<JobInfo> jobs(@PathVariable String id) {
        UUID uuid = Ids.parse(id, "machine");
        machines.get(uuid); // 404 for a missing or foreign machine
        return machines.jobs(uuid);
    }

    private static ResponseEntity<JobInfo> accepted(JobInfo job) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(job);
    }
}
