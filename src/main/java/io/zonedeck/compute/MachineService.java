package io.zonedeck.compute;

import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.catalog.Image;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.internal.JobEntity;
import io.zonedeck.compute.internal.JobRepository;
import io.zonedeck.compute.internal.MachineEntity;
import io.zonedeck.compute.internal.MachineRepository;
import io.zonedeck.network.Network;
import io.zonedeck.network.NetworkService;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.nodes.NodeState;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.tenancy.Tenant;
import io.zonedeck.tenancy.TenantService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tenant-scoped machine operations. Every method reads the caller from the security context: tenant users see
 * and touch only their tenant's machines, and a foreign id answers exactly like a missing one (NotFound).
 * Operations become durable jobs, one active job per machine.
 */
@Service
public class MachineService {
    public static final Set<String> BRANDS = Set.of("joyent", "lx", "kvm", "bhyve");
    static final Set<String> ACTIVE_JOB_STATES = Set.of("queued", "running");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final MachineRepository machines;
    private final JobRepository jobs;
    private final CatalogService catalog;
    private final NetworkService networks;
    private final TenantService tenants;
    private final NodeRegistry nodes;
    private final Placement placement;
    private final CurrentCaller currentCaller;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Object placementLock = new Object();
    private final List<DeletionGuard> deletionGuards;

    MachineService(
            MachineRepository machines,
            JobRepository jobs,
            CatalogService catalog,
            NetworkService networks,
            TenantService tenants,
            NodeRegistry nodes,
            Placement placement,
            CurrentCaller currentCaller,
            ApplicationEventPublisher events,
            PlatformTransactionManager txManager,
            Clock clock,
            List<DeletionGuard> deletionGuards) {
        this.deletionGuards = List.copyOf(deletionGuards);
        this.machines = machines;
        this.jobs = jobs;
        this.catalog = catalog;
        this.networks = networks;
        this.tenants = tenants;
        this.nodes = nodes;
        this.placement = placement;
        this.currentCaller = currentCaller;
        this.events = events;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    /** One page of the caller's machines (all machines for operators), newest first. */
    public List<MachineSummary> page(int offset, int limit) {
        Caller caller = currentCaller.get();
        PageRequest page = PageRequest.of(
                offset / Math.max(limit, 1),
                Math.max(limit, 1),
                Sort.by("createdAt").descending().and(Sort.by("id")));
        return tx.execute(s -> {
            List<MachineEntity> list =
                    caller.isOperator() ? machines.findAllBy(page) : machines.findByTenantId(caller.tenantId(), page);
            return summaries(caller, list);
        });
    }

    public int count() {
        Caller caller = currentCaller.get();
        return tx.execute(
                s -> (int) (caller.isOperator() ? machines.count() : machines.countByTenantId(caller.tenantId())));
    }

    public List<MachineSummary> list() {
        return page(0, 10_000);
    }

    /** The machine if the caller may see it; a foreign machine is indistinguishable from a missing one. */
    public Optional<MachineSummary> find(UUID id) {
        Caller caller = currentCaller.get();
        return tx.execute(s -> machines.findById(id)
                .filter(m -> caller.canAccessTenant(m.tenantId))
                .map(m -> summaries(caller, List.of(m)).get(0)));
    }

    public MachineSummary get(UUID id) {
        return find(id).orElseThrow(() -> ZoneDeckException.notFound("machine " + id));
    }

    /** Validates, places, allocates an IP and accepts a create job; the job runs after commit. */
    public Accepted create(CreateMachineRequest req) {
        Caller caller = currentCaller.get();
        List<FieldProblem> problems = new ArrayList<>();
        UUID tenantId = resolveTenant(caller, req.tenant(), problems);
        String name = req.name() == null ? "" : req.name().trim();
        if (name.isEmpty()) {
            problems.add(new FieldProblem("name", "MissingParameter", "Name is required"));
        } else if (!NAME.matcher(name).matches()) {
            problems.add(new FieldProblem(
                    "name", "Invalid", "Use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        String brand = req.brand() == null ? "" : req.brand().trim();
        if (brand.isEmpty()) {
            problems.add(new FieldProblem("brand", "MissingParameter", "Brand is required"));
        } else if (!BRANDS.contains(brand)) {
            problems.add(new FieldProblem("brand", "Invalid", "Brand must be one of joyent, lx, kvm, bhyve"));
        }
        Optional<Image> image = Optional.empty();
        if (blank(req.image())) {
            problems.add(new FieldProblem("image", "MissingParameter", "Image is required"));
        } else {
            image = catalog.findImage(req.image().trim());
            if (image.isEmpty()) {
                problems.add(new FieldProblem(
                        "image", "NotFound", "No active image " + req.image().trim()));
            } else if (BRANDS.contains(brand) && !image.get().supports(brand)) {
                problems.add(new FieldProblem(
                        "image",
                        "Invalid",
                        "Image " + image.get().label() + " runs only as "
                                + String.join(", ", image.get().brands())));
            }
        }
        Optional<MachinePackage> pkg = Optional.empty();
        if (blank(req.pkg())) {
            problems.add(new FieldProblem("package", "MissingParameter", "Package is required"));
        } else {
            pkg = catalog.findPackage(req.pkg().trim());
            if (pkg.isEmpty()) {
                problems.add(new FieldProblem(
                        "package", "NotFound", "No active package " + req.pkg().trim()));
            }
        }
        if (tenantId != null
                && problems.stream().noneMatch(p -> p.field().equals("name"))
                && tx.execute(
                        s -> machines.findByTenantIdAndName(tenantId, name).isPresent())) {
            problems.add(new FieldProblem("name", "Duplicate", "A machine named " + name + " already exists"));
        }
        if (!problems.isEmpty()) {
            throw ZoneDeckException.invalid(problems);
        }
        Network network = networks.list().stream()
                .findFirst()
                .orElseThrow(
                        () -> new ZoneDeckException("InsufficientCapacity", 409, "no network is defined", List.of()));
        MachinePackage p = pkg.orElseThrow();
        Image img = image.orElseThrow();
        UUID machineId = UUID.randomUUID();
        synchronized (placementLock) {
            return tx.execute(s -> {
                UUID nodeId = placement.choose(p, brand);
                String ip = networks.allocate(network.id(), machineId);
                MachineEntity m = new MachineEntity();
                m.id = machineId;
                m.tenantId = tenantId;
                m.name = name;
                m.brand = brand;
                m.imageId = img.id();
                m.packageId = p.id();
                m.networkId = network.id();
                m.nodeId = nodeId;
                m.state = "provisioning";
                m.ip = ip;
                m.ramMiB = p.ramMiB();
                m.diskGiB = p.diskGiB();
                m.cpuCap = p.cpuCap();
                m.createdAt = clock.instant();
                m.updatedAt = m.createdAt;
                machines.saveAndFlush(m);
                JobEntity job = newJob(m, "create", caller);
                return new Accepted(summaries(caller, List.of(m)).get(0), toInfo(job));
            });
        }
    }

    public JobInfo start(UUID id) {
        return action(id, "start");
    }

    public JobInfo stop(UUID id) {
        return action(id, "stop");
    }

    public JobInfo reboot(UUID id) {
        return action(id, "reboot");
    }

    public JobInfo delete(UUID id) {
        return action(id, "delete");
    }

    /** A job of a machine the caller may see. */
    public Optional<JobInfo> job(UUID jobId) {
        Caller caller = currentCaller.get();
        return tx.execute(s -> jobs.findById(jobId)
                .filter(j -> caller.canAccessTenant(j.tenantId))
                .map(MachineService::toInfo));
    }

    /** The machine's running job, if any. */
    public Optional<JobInfo> activeJob(UUID machineId) {
        Caller caller = currentCaller.get();
        return tx.execute(s -> jobs.findFirstByMachineIdAndStateIn(machineId, ACTIVE_JOB_STATES)
                .filter(j -> caller.canAccessTenant(j.tenantId))
                .map(MachineService::toInfo));
    }

    /** The machine's last ten jobs, newest first. */
    public List<JobInfo> recentJobs(UUID machineId) {
        Caller caller = currentCaller.get();
        return tx.execute(s -> jobs.findTop10ByMachineIdOrderByCreatedAtDesc(machineId).stream()
                .filter(j -> caller.canAccessTenant(j.tenantId))
                .map(MachineService::toInfo)
                .toList());
    }

    private JobInfo action(UUID id, String action) {
        Caller caller = currentCaller.get();
        return tx.execute(s -> {
            MachineEntity m = machines.lockById(id)
                    .filter(x -> caller.canAccessTenant(x.tenantId))
                    .orElseThrow(() -> ZoneDeckException.notFound("machine " + id));
            jobs.findFirstByMachineIdAndStateIn(id, ACTIVE_JOB_STATES).ifPresent(j -> {
                throw ZoneDeckException.conflict(
                        "Busy",
                        "Machine " + m.name + " is busy: its " + j.action + " job is still running (" + j.progress
                                + "%). Try again when it has finished.");
            });
            if ("delete".equals(action)) {
                for (DeletionGuard guard : deletionGuards) {
                    guard.refuseDeletion(id).ifPresent(why -> {
                        throw ZoneDeckException.conflict("InUse", "Cannot delete " + m.name + ": " + why);
                    });
                }
            }
            if (m.nodeId != null
                    && nodes.find(m.nodeId)
                            .map(n -> n.state() != NodeState.ONLINE)
                            .orElse(false)) {
                throw ZoneDeckException.conflict(
                        "NodeUnavailable",
                        "The node of " + m.name + " is not responding; nothing is changed on it "
                                + "until it is back.");
            }
            String allowedFrom = switch (action) {
                case "start" -> "stopped failed";
                case "stop", "reboot" -> "running";
                default -> "running stopped failed missing";
            };
            if (!Arrays.asList(allowedFrom.split(" ")).contains(m.state)) {
                throw ZoneDeckException.conflict(
                        "InvalidState", "Cannot " + action + " " + m.name + " while it is " + m.state);
            }
            return toInfo(newJob(m, action, caller));
        });
    }

    private JobEntity newJob(MachineEntity m, String action, Caller caller) {
        JobEntity j = new JobEntity();
        j.id = UUID.randomUUID();
        j.machineId = m.id;
        j.tenantId = m.tenantId;
        j.action = action;
        j.state = "queued";
        j.step = "queued";
        j.progress = 0;
        j.createdBy = caller.username();
        j.createdAt = clock.instant();
        j.updatedAt = j.createdAt;
        jobs.saveAndFlush(j);
        events.publishEvent(new JobRunner.JobAccepted(j.id));
        events.publishEvent(new MachineChanged(m.id, m.tenantId, m.state));
        return j;
    }

    private UUID resolveTenant(Caller caller, String requested, List<FieldProblem> problems) {
        if (!caller.isOperator()) {
            return caller.tenantId();
        }
        if (blank(requested)) {
            problems.add(
                    new FieldProblem("tenant", "MissingParameter", "Operators must name the tenant to create for"));
            return null;
        }
        Optional<Tenant> t = tenants.list().stream()
                .filter(x ->
                        x.name().equals(requested.trim()) || x.id().toString().equals(requested.trim()))
                .findFirst();
        if (t.isEmpty()) {
            problems.add(new FieldProblem("tenant", "NotFound", "No tenant " + requested.trim()));
            return null;
        }
        return t.get().id();
    }

    private List<MachineSummary> summaries(Caller caller, List<MachineEntity> list) {
        Map<UUID, String> tenantNames = tenants.names();
        Map<UUID, String> imageNames = catalog.images().stream().collect(Collectors.toMap(Image::id, Image::label));
        Map<UUID, String> packageNames =
                catalog.packages().stream().collect(Collectors.toMap(MachinePackage::id, MachinePackage::name));
        Map<UUID, String> nodeNames =
                caller.isOperator() ? nodes.all().stream().collect(Collectors.toMap(Node::id, Node::name)) : Map.of();
        Function<UUID, String> image = id -> imageNames.getOrDefault(
                id, catalog.imageById(id).map(Image::label).orElse("?"));
        Function<UUID, String> pkg = id -> packageNames.getOrDefault(
                id, catalog.packageById(id).map(MachinePackage::name).orElse("?"));
        return list.stream()
                .map(m -> new MachineSummary(
                        m.id,
                        m.name,
                        m.brand,
                        m.state,
                        m.tenantId,
                        tenantNames.get(m.tenantId),
                        image.apply(m.imageId),
                        pkg.apply(m.packageId),
                        caller.isOperator() ? m.nodeId : null,
                        caller.isOperator() && m.nodeId != null ? nodeNames.get(m.nodeId) : null,
                        m.ip,
                        m.ramMiB,
                        m.diskGiB,
                        m.cpuCap,
                        m.createdAt,
                        m.error))
                .toList();
    }

    static JobInfo toInfo(JobEntity j) {
        List<String> steps = j.stepLog == null || j.stepLog.isEmpty() ? List.of() : List.of(j.stepLog.split("\n"));
        return new JobInfo(
                j.id, j.machineId, j.action, j.state, j.step, j.progress, steps, j.error, j.createdAt, j.finishedAt);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
