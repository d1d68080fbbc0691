package io.zonedeck.compute;

import io.zonedeck.audit.Audited;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.internal.MachineRepository;
import io.zonedeck.compute.internal.NicEntity;
import io.zonedeck.compute.internal.NicRepository;
import io.zonedeck.compute.internal.SnapshotRepository;
import io.zonedeck.network.Network;
import io.zonedeck.network.NetworkService;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.tenancy.QuotaService;
import io.zonedeck.tenancy.QuotaUsage;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Changes to an existing machine, each a durable job accepted by {@link JobAdmission} (tenant scope, one
 * active job, node answering, state allowing it): resize to another package, rename, tags, metadata, NICs and
 * snapshots. Reservations (package sizes on the node, a new name, a NIC's address) are made when the job is
 * accepted and given back if it fails.
 */
@Service
public class MachineChanges {
    static final Set<String> RUNNING_OR_STOPPED = Set.of("running", "stopped");
    static final int MAX_SNAPSHOTS = 100;

    private final JobAdmission admission;
    private final CurrentCaller currentCaller;
    private final CatalogService catalog;
    private final NetworkService networks;
    private final Placement placement;
    private final MachineRepository machines;
    private final NicRepository nics;
    private final SnapshotRepository snapshots;
    private final Clock clock;
    private final QuotaService quotas;
    private final NodeAbilities abilities;
    private final SecureRandom random = new SecureRandom();

    MachineChanges(
            JobAdmission admission,
            CurrentCaller currentCaller,
            CatalogService catalog,
            NetworkService networks,
            Placement placement,
            MachineRepository machines,
            NicRepository nics,
            SnapshotRepository snapshots,
            Clock clock,
            QuotaService quotas,
            NodeAbilities abilities) {
        this.admission = admission;
        this.abilities = abilities;
        this.currentCaller = currentCaller;
        this.quotas = quotas;
        this.catalog = catalog;
        this.networks = networks;
        this.placement = placement;
        this.machines = machines;
        this.nics = nics;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    /**
     * Moves the machine to another package: live for zones, a restart for hardware VMs. The node must have room
     * for the growth (machines are not moved between nodes); a hardware VM's disk cannot shrink.
     */
    @Audited("machine.resize")
    public JobInfo resize(UUID id, String pkg) {
        Caller caller = currentCaller.get();
        return placement.locked(() -> admission.admit(caller, id, "resize", RUNNING_OR_STOPPED, m -> {
            if (MachineService.blank(pkg)) {
                throw ZoneDeckException.invalid(
                        List.of(new FieldProblem("package", "MissingParameter", "Choose the new package")));
            }
            MachinePackage to = catalog.findPackage(pkg.strip())
                    .orElseThrow(() -> ZoneDeckException.invalid(List.of(new FieldProblem(
                            "package", "NotFound", "No active package " + MachineRules.printable(pkg.strip())))));
            if (to.id().equals(m.packageId)) {
                throw ZoneDeckException.invalid(
                        List.of(new FieldProblem("package", "Invalid", m.name + " already uses " + to.name())));
            }
            if (MachineRules.isHvm(m.brand) && to.diskGiB() < m.diskGiB) {
                throw ZoneDeckException.invalid(List.of(new FieldProblem(
                        "package",
                        "ConflictingParameters",
                        "The disk of a hardware VM cannot shrink (" + m.diskGiB + " GiB → " + to.diskGiB() + " GiB)")));
            }
            quotas.reserve(m.tenantId, MachineFootprint.growth(to, m.ramMiB, m.diskGiB, m.vcpus, m.cpuCap, m.brand));
            placement.checkRoomOnNode(
                    m.nodeId, to.ramMiB() - m.ramMiB, to.diskGiB() - m.diskGiB, to.cpuCap() - m.cpuCap);
            UUID from = m.packageId;
            MachineResources.apply(to, m);
            m.updatedAt = clock.instant();
            return new JobParams.Resize(from, to.id());
        }));
    }

    @Audited("machine.rename")
    public JobInfo rename(UUID id, String newName) {
        Caller caller = currentCaller.get();
        return admission.admit(caller, id, "rename", RUNNING_OR_STOPPED, m -> {
            List<FieldProblem> problems = new ArrayList<>();
            String name = MachineRules.name(newName, "name", problems);
            if (name != null && name.equals(m.name)) {
                problems.add(new FieldProblem("name", "Invalid", "That is already its name"));
            } else if (name != null
                    && machines.findByTenantIdAndName(m.tenantId, name).isPresent()) {
                problems.add(new FieldProblem("name", "Duplicate", "A machine named " + name + " already exists"));
            }
            if (!problems.isEmpty()) {
                throw ZoneDeckException.invalid(problems);
            }
            String from = m.name;
            m.name = name;
            m.updatedAt = clock.instant();
            return new JobParams.Rename(from, name);
        });
    }

    /** Replaces the machine's tags. */
    @Audited("machine.set-tags")
    public JobInfo setTags(UUID id, Map<String, String> tags) {
        Caller caller = currentCaller.get();
        Map<String, String> wanted = tags == null ? Map.of() : tags;
        return admission.admit(caller, id, "update-tags", RUNNING_OR_STOPPED, m -> {
            List<FieldProblem> problems = new ArrayList<>();
            MachineRules.tags(wanted, "tags", problems);
            if (!problems.isEmpty()) {
                throw ZoneDeckException.invalid(problems);
            }
            return new JobParams.Tags(new java.util.LinkedHashMap<>(wanted));
        });
    }

    /** Replaces the machine's customer_metadata (root_authorized_keys included). */
    @Audited("machine.set-metadata")
    public JobInfo setMetadata(UUID id, Map<String, String> metadata) {
        Caller caller = currentCaller.get();
        Map<String, String> wanted = metadata == null ? Map.of() : metadata;
        return admission.admit(caller, id, "update-metadata", RUNNING_OR_STOPPED, m -> {
            List<FieldProblem> problems = new ArrayList<>();
            MachineRules.metadata(wanted, "metadata", problems);
            if (!problems.isEmpty()) {
                throw ZoneDeckException.invalid(problems);
            }
            return new JobParams.Metadata(new java.util.LinkedHashMap<>(wanted));
        });
    }

    /** Adds a VNIC on a network the caller may use, with a chosen or the next free address (up to 32 NICs). */
    @Audited("machine.add-nic")
    public JobInfo addNic(UUID id, NicRequest req) {
        Caller caller = currentCaller.get();
        // addresses are allocated under the same lock as creates'
        return placement.locked(() -> addNicLocked(caller, id, req));
    }

    private JobInfo addNicLocked(Caller caller, UUID id, NicRequest req) {
        return admission.admit(caller, id, "add-nic", RUNNING_OR_STOPPED, m -> {
            List<NicEntity> existing = nics.findByMachineIdOrderByCreatedAtAsc(m.id);
            List<FieldProblem> problems = new ArrayList<>();
            if (req == null || MachineService.blank(req.network())) {
                throw ZoneDeckException.invalid(
                        List.of(new FieldProblem("network", "MissingParameter", "Choose a network")));
            }
            if (existing.size() >= MachineRules.MAX_NICS) {
                problems.add(new FieldProblem("network", "Invalid", "A machine has at most 32 NICs"));
            }
            if (Boolean.TRUE.equals(req.primary())) {
                problems.add(new FieldProblem(
                        "primary", "ConflictingParameters", "The primary NIC is chosen when the machine is created"));
            }
            if (req.ip() != null && !io.zonedeck.network.Ipv4.isValid(req.ip())) {
                problems.add(
                        new FieldProblem("ip", "Invalid", "Not an IPv4 address (leave ip out for the next free one)"));
            }
            String want = req.network().strip();
            Network net = networks.usableBy(m.tenantId).stream()
                    .filter(n -> n.name().equals(want) || n.id().toString().equalsIgnoreCase(want))
                    .findFirst()
                    .orElse(null);
            if (net == null) {
                problems.add(new FieldProblem("network", "NotFound", "No network " + MachineRules.printable(want)));
            }
            if (!problems.isEmpty()) {
                throw ZoneDeckException.invalid(problems);
            }
            quotas.reserve(m.tenantId, new QuotaUsage(0, 0, 0, 0, 0, 0, 1, net.isPublic() ? 1 : 0));
            String ip = networks.allocate(net.id(), m.id, req.ip(), "ip");
            NicEntity nic = new NicEntity();
            nic.id = UUID.randomUUID();
            nic.machineId = m.id;
            nic.networkId = net.id();
            String mac;
            do {
                mac = Macs.forNic(m.id, 1000 + random.nextInt(1_000_000));
            } while (nics.existsByMac(mac));
            nic.mac = mac;
            nic.ip = ip;
            nic.primary = false;
            nic.state = "adding";
            nic.createdAt = clock.instant();
            nics.saveAndFlush(nic);
            return new JobParams.Nic(mac);
        });
    }

    @Audited("machine.remove-nic")
    public JobInfo removeNic(UUID id, String mac) {
        Caller caller = currentCaller.get();
        return admission.admit(caller, id, "remove-nic", RUNNING_OR_STOPPED, m -> {
            NicEntity nic = nics.findByMachineIdAndMac(
                            m.id, mac == null ? "" : mac.strip().toLowerCase())
                    .orElseThrow(() -> ZoneDeckException.notFound("NIC " + MachineRules.printable(mac)));
            if (nic.primary) {
                throw new ZoneDeckException(
                        "ConflictingParameters",
                        409,
                        "The primary NIC cannot be removed",
                        List.of(new FieldProblem("mac", "ConflictingParameters", "The primary NIC cannot be removed")));
            }
            nic.state = "removing";
            return new JobParams.Nic(nic.mac);
        });
    }

    /** A ZFS snapshot of the machine (zones and bhyve; kvm has none, as on SmartOS). */
    @Audited("machine.snapshot")
    public JobInfo createSnapshot(UUID id, String name) {
        Caller caller = currentCaller.get();
        return admission.admit(caller, id, "snapshot", RUNNING_OR_STOPPED, m -> {
            if ("kvm".equals(m.brand)) {
                throw ZoneDeckException.conflict("NotSupported", "Snapshots are not supported for kvm machines");
            }
            NodeAbilities.Ability node = abilities.of(m.nodeId, caller);
            if (!node.snapshots()) {
                throw new ZoneDeckException(
                        "NotSupported",
                        422,
                        node.noSnapshots(),
                        List.of(new FieldProblem("name", "NotSupported", node.noSnapshots())));
            }
            List<FieldProblem> problems = new ArrayList<>();
            String n = MachineRules.snapshotName(name, problems);
            if (n != null && snapshots.findByMachineIdAndName(m.id, n).isPresent()) {
                problems.add(new FieldProblem("name", "Duplicate", "A snapshot named " + n + " already exists"));
            }
            if (n != null && snapshots.countByMachineId(m.id) >= MAX_SNAPSHOTS) {
                problems.add(new FieldProblem("name", "Invalid", "At most " + MAX_SNAPSHOTS + " snapshots"));
            }
            if (!problems.isEmpty()) {
                throw ZoneDeckException.invalid(problems);
            }
            quotas.reserve(m.tenantId, new QuotaUsage(0, 0, 0, 0, 0, 1, 0, 0));
            return new JobParams.Snapshot(n);
        });
    }

    /** Rolls back to a snapshot; snapshots newer than it are destroyed, a running machine restarts. */
    @Audited("machine.rollback")
    public JobInfo rollbackSnapshot(UUID id, String name) {
        Caller caller = currentCaller.get();
        return admission.admit(caller, id, "rollback", RUNNING_OR_STOPPED, m -> {
            snapshots
                    .findByMachineIdAndName(m.id, name == null ? "" : name)
                    .orElseThrow(() -> ZoneDeckException.notFound("snapshot " + MachineRules.printable(name)));
            return new JobParams.Snapshot(name);
        });
    }

    @Audited("machine.delete-snapshot")
    public JobInfo deleteSnapshot(UUID id, String name) {
        Caller caller = currentCaller.get();
        return admission.admit(caller, id, "delete-snapshot", RUNNING_OR_STOPPED, m -> {
            snapshots
                    .findByMachineIdAndName(m.id, name == null ? "" : name)
                    .orElseThrow(() -> ZoneDeckException.notFound("snapshot " + MachineRules.printable(name)));
            return new JobParams.Snapshot(name);
        });
    }

    /**
     * Changes the machine's live throttles (vmadm names; absent = unchanged) without a restart: operators to any
     * valid value, the owning tenant's admins within the package's bounds, tenant users not at all (Forbidden).
     * The new values are the machine's at once; the job sends them to the node in one update and puts the old ones
     * back if that fails. More memory or a higher cap needs room on the node.
     */
    @Audited("machine.throttle")
    public JobInfo throttle(UUID id, ThrottleRequest request) {
        Caller caller = currentCaller.get();
        if (!ThrottleRules.mayChange(caller)) {
            machines.findById(id)
                    .filter(x -> caller.canAccessTenant(x.tenantId))
                    .orElseThrow(() -> ZoneDeckException.notFound("machine " + id));
            throw ThrottleRules.forbidden();
        }
        // growth is placed under the same lock as creates and resizes
        return placement.locked(() -> admission.admit(caller, id, "throttle", RUNNING_OR_STOPPED, m -> {
            MachinePackage pkg = catalog.packageById(m.packageId).orElse(null);
            Map<String, Long> before = ThrottleRules.current(m);
            Map<String, Long> wanted = ThrottleRules.check(request, m, pkg, caller, abilities.of(m.nodeId, caller));
            checkThrottleRoom(m.nodeId, before, wanted);
            JobParams.Throttle params = ThrottleRules.params(m, wanted);
            ThrottleRules.apply(wanted, m);
            m.updatedAt = clock.instant();
            return params;
        }));
    }

    /** Room on the node for more memory or a higher cap (an uncapped machine reserves no CPU). */
    private void checkThrottleRoom(UUID nodeId, Map<String, Long> before, Map<String, Long> wanted) {
        String ram = MachineThrottles.MAX_PHYSICAL_MEMORY;
        String cap = MachineThrottles.CPU_CAP;
        long extraRam = wanted.getOrDefault(ram, before.get(ram)) - before.get(ram);
        long newCap = wanted.getOrDefault(cap, before.get(cap));
        long extraCap = newCap > 0 ? newCap - before.get(cap) : 0;
        if (extraRam > 0) {
            ThrottleRules.roomFor(ram, () -> placement.checkRoomOnNode(nodeId, extraRam, 0, 0));
        }
        if (extraCap > 0) {
            ThrottleRules.roomFor(cap, () -> placement.checkRoomOnNode(nodeId, 0, 0, extraCap));
        }
    }
}
