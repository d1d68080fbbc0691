package io.zonedeck.compute;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.audit.AuditScope;
import io.zonedeck.audit.Audited;
import io.zonedeck.base.OffsetPage;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.catalog.Image;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.internal.JobEntity;
import io.zonedeck.compute.internal.JobRepository;
import io.zonedeck.compute.internal.MachineEntity;
import io.zonedeck.compute.internal.MachineRepository;
import io.zonedeck.compute.internal.NicEntity;
import io.zonedeck.compute.internal.NicRepository;
import io.zonedeck.compute.internal.SnapshotRepository;
import io.zonedeck.network.Network;
import io.zonedeck.network.NetworkService;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.tenancy.QuotaService;
import io.zonedeck.tenancy.QuotaUsage;
import io.zonedeck.tenancy.Tenant;
import io.zonedeck.tenancy.TenantService;
import jakarta.persistence.criteria.Predicate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tenant-scoped machine queries, creation and lifecycle. Every method reads the caller from the security
 * context: tenant users see and touch only their tenant's machines, and a foreign id answers exactly like a
 * missing one (NotFound). Operations become durable jobs, one active job per machine; changes to an existing
 * machine's configuration are in {@link MachineChanges}.
 */
@Service
public class MachineService {
    public static final Set<String> BRANDS = MachineRules.BRANDS;
    static final Set<String> ACTIVE_JOB_STATES = JobAdmission.ACTIVE_JOB_STATES;

    private final MachineRepository machines;
    private final JobRepository jobs;
    private final NicRepository nics;
    private final SnapshotRepository snapshots;
    private final CatalogService catalog;
    private final NetworkService networks;
    private final TenantService tenants;
    private final NodeRegistry nodes;
    private final Placement placement;
    private final CurrentCaller currentCaller;
    private final JobAdmission admission;
    private final MachinePayloads payloads;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final QuotaService quotas;
    private final NodeAbilities abilities;

    MachineService(
            MachineRepository machines,
            JobRepository jobs,
            NicRepository nics,
            SnapshotRepository snapshots,
            CatalogService catalog,
            NetworkService networks,
            TenantService tenants,
            NodeRegistry nodes,
            Placement placement,
            CurrentCaller currentCaller,
            JobAdmission admission,
            MachinePayloads payloads,
            PlatformTransactionManager txManager,
            Clock clock,
            QuotaService quotas,
            NodeAbilities abilities) {
        this.machines = machines;
        this.abilities = abilities;
        this.jobs = jobs;
        this.nics = nics;
        this.snapshots = snapshots;
        this.catalog = catalog;
        this.networks = networks;
        this.tenants = tenants;
        this.nodes = nodes;
        this.quotas = quotas;
        this.placement = placement;
        this.currentCaller = currentCaller;
        this.admission = admission;
        this.payloads = payloads;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    /** One page of the caller's machines (all machines for operators), newest first. */
    public List<MachineSummary> page(int offset, int limit) {
        return page(MachineQuery.all(), offset, limit);
    }

    /** One page of the caller's machines matching the query, in its order. */
    public List<MachineSummary> page(MachineQuery query, int offset, int limit) {
        Caller caller = currentCaller.get();
        int size = Math.max(1, Math.min(limit, 1000));
        Specification<MachineEntity> spec = spec(caller, query);
        Sort sort = sort(query);
        return tx.execute(s -> {
            List<MachineEntity> list = machines.findBy(
                    spec,
                    q -> q.slice(new OffsetPage(Math.max(0, offset), size, sort))
                            .getContent());
            return summaries(caller, list);
        });
    }

    public int count() {
        return count(MachineQuery.all());
    }

    public int count(MachineQuery query) {
        Caller caller = currentCaller.get();
        return tx.execute(s -> (int) machines.count(spec(caller, query)));
    }

    public List<MachineSummary> list() {
        return page(0, 1000);
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

    /** What the online nodes can run (brands, images): the create wizard offers only that. */
    public NodeOffer offer() {
        return placement.offer();
    }

    /** The machine with its NICs, snapshots, tags and metadata. */
    public MachineDetail detail(UUID id) {
        Caller caller = currentCaller.get();
        return tx.execute(s -> {
            MachineEntity m = machines.findById(id)
                    .filter(x -> caller.canAccessTenant(x.tenantId))
                    .orElseThrow(() -> ZoneDeckException.notFound("machine " + id));
            Map<UUID, Network> nets =
                    networks.list().stream().collect(Collectors.toMap(Network::id, Function.identity()));
            List<NicInfo> nicList = nics.findByMachineIdOrderByCreatedAtAsc(id).stream()
                    .map(n -> {
                        Network net = nets.get(n.networkId);
                        return new NicInfo(
                                n.mac,
                                n.networkId,
                                net == null ? "?" : net.name(),
                                n.ip,
                                n.primary,
                                net == null ? 0 : net.vlanId(),
                                n.state);
                    })
                    .toList();
            List<SnapshotSummary> snaps = snapshots.findByMachineIdOrderByCreatedAtAsc(id).stream()
                    .map(x -> new SnapshotSummary(x.name, x.createdAt))
                    .toList();
            return new MachineDetail(
                    summaries(caller, List.of(m)).get(0),
                    m.vcpus,
                    m.cpuShares,
                    m.zfsIoPriority,
                    m.maxLwps,
                    m.maxSwapMiB,
                    nicList,
                    snaps,
                    MachineJson.strings(m.tags),
                    MachineJson.strings(m.customerMetadata),
                    m.affinity.isEmpty() ? List.of() : List.of(m.affinity.split("\n")),
                    snapshotRefusal(m, caller));
        });
    }

    private String snapshotRefusal(MachineEntity m, Caller caller) {
        NodeAbilities.Ability node = abilities.of(m.nodeId, caller);
        return node.snapshots() ? null : node.noSnapshots();
    }

    /**
     * The problems of a create request, without creating anything (the wizard checks each step with it), and once
     * the request is valid the quota limits it would pass.
     */
    public List<FieldProblem> check(CreateMachineRequest req) {
        Caller caller = currentCaller.get();
        List<FieldProblem> problems = new ArrayList<>();
        Validated v = validate(caller, req, problems);
        if (problems.isEmpty()) { // a preview: create() decides under the tenant's lock
            problems.addAll(quotas.check(v.tenantId(), footprint(v)));
        }
        return problems;
    }

    /**
     * Validates (with vmadm's rules), places, allocates addresses and accepts a create job; the job runs after
     * commit. With a client-chosen UUID the request is idempotent: repeating it returns the same machine and
     * job, a different request under the same UUID is refused as Duplicate.
     */
    @Audited("machine.create")
    public Accepted create(CreateMachineRequest req) {
        Caller caller = currentCaller.get();
        if (req.uuid() != null) {
            Optional<Accepted> earlier = repeated(caller, req);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        List<FieldProblem> problems = new ArrayList<>();
        Validated v = validate(caller, req, problems);
        if (!problems.isEmpty()) {
            throw ZoneDeckException.invalid(problems);
        }
        UUID machineId = req.uuid() == null ? UUID.randomUUID() : req.uuid();
        List<Affinity.Peer> peers = v.affinity().isEmpty() ? List.of() : peers(v.tenantId());
        return placement.locked(() -> {
            if (req.uuid() != null && machines.existsById(machineId)) {
                throw duplicateUuid(machineId);
            }
            quotas.reserve(v.tenantId(), footprint(v));
            UUID nodeId = placement.choose(v.pkg(), v.brand(), v.image(), v.affinity(), peers);
            MachineEntity m = new MachineEntity();
            m.id = machineId;
            m.tenantId = v.tenantId();
            AuditScope.subjectTenant(m.tenantId);
            m.name = v.name();
            m.brand = v.brand();
            m.imageId = v.image().id();
            m.nodeId = nodeId;
            m.state = "provisioning";
            m.tags = MachineJson.write(req.tags());
            m.customerMetadata = MachineJson.write(v.metadata());
            m.affinity = v.affinity().stream().map(Affinity::toString).collect(Collectors.joining("\n"));
            MachineResources.apply(v.pkg(), m);
            m.createdAt = clock.instant();
            m.updatedAt = m.createdAt;
            for (int i = 0; i < v.nics().size(); i++) {
                PlannedNic p = v.nics().get(i);
                String ip = networks.allocate(p.network().id(), machineId, p.ip(), "networks." + i + ".ip");
                if (p.primary()) {
                    m.networkId = p.network().id();
                    m.ip = ip;
                }
                NicEntity nic = new NicEntity();
                nic.id = UUID.randomUUID();
                nic.machineId = machineId;
                nic.networkId = p.network().id();
                nic.mac = Macs.forNic(machineId, i);
                nic.ip = ip;
                nic.primary = p.primary();
                nic.state = "attached";
                nic.createdAt = m.createdAt.plusNanos(i * 1000L);
                p.entity = nic;
            }
            machines.saveAndFlush(m);
            v.nics().forEach(p -> nics.save(p.entity));
            nics.flush();
            JobEntity job = admission.newJob(m, "create", caller, JobParams.NONE);
            return new Accepted(summaries(caller, List.of(m)).get(0), toInfo(job));
        });
    }

    @Audited("machine.start")
    public JobInfo start(UUID id) {
        return admission.admit(currentCaller.get(), id, "start", Set.of("stopped", "failed"), m -> JobParams.NONE);
    }

    @Audited("machine.stop")
    public JobInfo stop(UUID id) {
        return admission.admit(currentCaller.get(), id, "stop", Set.of("running"), m -> JobParams.NONE);
    }

    @Audited("machine.reboot")
    public JobInfo reboot(UUID id) {
        return admission.admit(currentCaller.get(), id, "reboot", Set.of("running"), m -> JobParams.NONE);
    }

    @Audited("machine.delete")
    public JobInfo delete(UUID id) {
        return admission.admit(
                currentCaller.get(),
                id,
                "delete",
                Set.of("running", "stopped", "failed", "missing"),
                m -> JobParams.NONE);
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

    /** The machine's last fifty jobs, newest first (its Jobs tab). */
    public List<JobInfo> jobs(UUID machineId) {
        Caller caller = currentCaller.get();
        return tx.execute(s -> jobs.findTop50ByMachineIdOrderByCreatedAtDesc(machineId).stream()
                .filter(j -> caller.canAccessTenant(j.tenantId))
                .map(MachineService::toInfo)
                .toList());
    }

    // --- create: validation -------------------------------------------------------------------------------

    /** A NIC to create: the network, an address if the user chose one, and whether it is primary. */
    private static final class PlannedNic {
        final Network network;
        final String ip;
        final boolean primary;
        NicEntity entity;

        PlannedNic(Network network, String ip, boolean primary) {
            this.network = network;
            this.ip = ip;
            this.primary = primary;
        }

        Network network() {
            return network;
        }

        String ip() {
            return ip;
        }

        boolean primary() {
            return primary;
        }
    }

    private record Validated(
            UUID tenantId,
            String name,
            String brand,
            Image image,
            MachinePackage pkg,
            List<PlannedNic> nics,
            Map<String, String> metadata,
            List<Affinity> affinity) {}

    private Validated validate(Caller caller, CreateMachineRequest req, List<FieldProblem> problems) {
        UUID tenantId = resolveTenant(caller, req.tenant(), problems);
        String name = MachineRules.name(req.name(), "name", problems);
        String brand = MachineRules.brand(req.brand(), problems);
        Image image = null;
        if (blank(req.image())) {
            problems.add(new FieldProblem("image", "MissingParameter", "Image is required"));
        } else {
            image = catalog.findImage(req.image().strip()).orElse(null);
            if (image == null) {
                problems.add(new FieldProblem(
                        "image",
                        "NotFound",
                        "No active image " + MachineRules.printable(req.image().strip())));
            } else if (brand != null && !image.supports(brand)) {
                problems.add(new FieldProblem(
                        "image",
                        "Invalid",
                        "Image " + image.label() + " runs only as " + String.join(", ", image.brands())));
            }
        }
        MachinePackage pkg = null;
        if (blank(req.pkg())) {
            problems.add(new FieldProblem("package", "MissingParameter", "Package is required"));
        } else {
            pkg = catalog.findPackage(req.pkg().strip()).orElse(null);
            if (pkg == null) {
                problems.add(new FieldProblem(
                        "package",
                        "NotFound",
                        "No active package " + MachineRules.printable(req.pkg().strip())));
            }
        }
        if (tenantId != null
                && name != null
                && tx.execute(
                        s -> machines.findByTenantIdAndName(tenantId, name).isPresent())) {
            problems.add(new FieldProblem("name", "Duplicate", "A machine named " + name + " already exists"));
        }
        List<PlannedNic> planned = planNics(caller, tenantId, req.networks(), problems);
        MachineRules.tags(req.tags(), "tags", problems);
        MachineRules.metadata(req.metadata(), "metadata", problems);
        MachineRules.sshKeys(req.sshKeys(), problems);
        Map<String, String> metadata = new LinkedHashMap<>(req.metadata());
        if (!req.sshKeys().isEmpty()) {
            metadata.put(
                    "root_authorized_keys",
                    req.sshKeys().stream().map(String::trim).collect(Collectors.joining("\n")));
        }
        List<Affinity> affinity = Affinity.parse(req.affinity(), problems);
        if (problems.isEmpty() && tenantId != null && name != null && brand != null && image != null && pkg != null) {
            CreatePayload payload = payloads.preview(
                    UUID.randomUUID(),
                    name,
                    brand,
                    image,
                    pkg,
                    planned.stream()
                            .map(p -> new MachinePayloads.PlannedNic(p.network(), p.ip(), p.primary()))
                            .toList(),
                    req.tags(),
                    metadata,
                    tenantId);
            MachineRules.vmadm(payload, problems);
        }
        return new Validated(tenantId, name, brand, image, pkg, planned, metadata, affinity);
    }

    private static QuotaUsage footprint(Validated v) {
        int publicNics =
                (int) v.nics().stream().filter(n -> n.network().isPublic()).count();
        return MachineFootprint.of(v.pkg(), v.brand(), v.nics().size(), publicNics);
    }

    private List<PlannedNic> planNics(
            Caller caller, UUID tenantId, List<NicRequest> requested, List<FieldProblem> problems) {
        List<Network> usable = networks.usableBy(caller.isOperator() ? tenantId : caller.tenantId());
        List<PlannedNic> out = new ArrayList<>();
        if (requested.isEmpty()) {
            usable.stream()
                    .filter(Network::isPublic)
                    .findFirst()
                    .or(() -> usable.stream().findFirst())
                    .ifPresentOrElse(
                            n -> out.add(new PlannedNic(n, null, true)),
                            () -> problems.add(new FieldProblem(
                                    "networks", "MissingParameter", "No network is available to you")));
            return out;
        }
        if (requested.size() > MachineRules.MAX_NICS) {
            problems.add(new FieldProblem("networks", "Invalid", "At most 32 NICs per machine"));
            return out;
        }
        long primaries = requested.stream()
                .filter(Objects::nonNull)
                .filter(r -> Boolean.TRUE.equals(r.primary()))
                .count();
        if (primaries > 1) {
            problems.add(new FieldProblem("networks", "ConflictingParameters", "Exactly one NIC can be primary"));
        }
        for (int i = 0; i < requested.size(); i++) {
            NicRequest r = requested.get(i);
            String field = "networks." + i;
            if (r == null || blank(r.network())) {
                problems.add(new FieldProblem(field + ".network", "MissingParameter", "Choose a network"));
                continue;
            }
            String want = r.network().strip();
            Optional<Network> net = usable.stream()
                    .filter(n -> n.name().equals(want) || n.id().toString().equalsIgnoreCase(want))
                    .findFirst();
            if (net.isEmpty()) {
                problems.add(
                        new FieldProblem(field + ".network", "NotFound", "No network " + MachineRules.printable(want)));
                continue;
            }
            // absent (null) means the next free address; anything else must be an address ("" and " " are not)
            String ip = r.ip();
            if (ip != null && !io.zonedeck.network.Ipv4.isValid(ip)) {
                problems.add(new FieldProblem(field + ".ip", "Invalid", "Not an IPv4 address"));
                continue;
            }
            if (ip != null && !io.zonedeck.network.Ipv4.inSubnet(ip, net.get().subnet())) {
                problems.add(new FieldProblem(
                        field + ".ip",
                        "Invalid",
                        ip + " is not in " + net.get().name() + " (" + net.get().subnet() + ")"));
                continue;
            }
            boolean primary = primaries == 0 ? i == 0 : Boolean.TRUE.equals(r.primary());
            out.add(new PlannedNic(net.get(), ip, primary));
        }
        return out;
    }

    private Optional<Accepted> repeated(Caller caller, CreateMachineRequest req) {
        return tx.execute(s -> machines.findById(req.uuid()).map(m -> {
            boolean same = caller.canAccessTenant(m.tenantId)
                    && m.name.equals(req.name() == null ? "" : req.name().strip())
                    && m.brand.equals(req.brand() == null ? "" : req.brand().strip())
                    && catalog.findImage(String.valueOf(req.image()).strip())
                            .map(i -> i.id().equals(m.imageId))
                            .orElse(false);
            if (!same) {
                throw duplicateUuid(m.id);
            }
            JobEntity create = jobs.findTop50ByMachineIdOrderByCreatedAtDesc(m.id).stream()
                    .filter(j -> "create".equals(j.action))
                    .findFirst()
                    .orElseThrow(() -> duplicateUuid(m.id));
            return new Accepted(summaries(caller, List.of(m)).get(0), toInfo(create));
        }));
    }

    private static ZoneDeckException duplicateUuid(UUID id) {
        return new ZoneDeckException(
                "Duplicate",
                409,
                "A different machine already has UUID " + id,
                List.of(new FieldProblem("uuid", "Duplicate", "A different machine already has this UUID")));
    }

    /** The tenant's machines as affinity rules see them. */
    private List<Affinity.Peer> peers(UUID tenantId) {
        return tx.execute(s -> machines.findByTenantId(tenantId).stream()
                .map(m -> new Affinity.Peer(m.id, m.name, MachineJson.strings(m.tags), m.nodeId))
                .toList());
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
                        x.name().equals(requested.strip()) || x.id().toString().equals(requested.strip()))
                .findFirst();
        if (t.isEmpty()) {
            problems.add(
                    new FieldProblem("tenant", "NotFound", "No tenant " + MachineRules.printable(requested.strip())));
            return null;
        }
        return t.get().id();
    }

    // --- queries --------------------------------------------------------------------------------------------

    private Specification<MachineEntity> spec(Caller caller, MachineQuery q) {
        UUID packageId = blank(q.pkg())
                ? null
                : catalog.findPackage(q.pkg().strip()).map(MachinePackage::id).orElse(new UUID(0, 0));
        return (root, cq, cb) -> {
            List<Predicate> ps = new ArrayList<>();
            if (!caller.isOperator()) {
                ps.add(cb.equal(root.get("tenantId"), caller.tenantId()));
            }
            if (!blank(q.state())) {
                ps.add(cb.equal(root.get("state"), q.state().strip()));
            }
            if (!blank(q.brand())) {
                ps.add(cb.equal(root.get("brand"), q.brand().strip()));
            }
            if (packageId != null) {
                ps.add(cb.equal(root.get("packageId"), packageId));
            }
            if (!blank(q.tag())) {
                String t = q.tag().strip();
                int eq = t.indexOf('=');
                String fragment = eq < 0
                        ? MachineJson.fragment(t, null)
                        : MachineJson.fragment(
                                t.substring(0, eq).strip(), t.substring(eq + 1).strip());
                ps.add(cb.like(root.get("tags"), "%" + escapeLike(fragment) + "%", '\\'));
            }
            if (!blank(q.search())) {
                String text = q.search().strip();
                Optional<UUID> uuid = parseUuid(text);
                if (uuid.isPresent()) {
                    ps.add(cb.equal(root.get("id"), uuid.get()));
                } else if (text.matches("[0-9.]+")) {
                    ps.add(cb.or(
                            cb.like(root.get("ip"), escapeLike(text) + "%", '\\'),
                            cb.like(cb.lower(root.get("name")), "%" + escapeLike(text.toLowerCase()) + "%", '\\')));
                } else {
                    ps.add(cb.like(cb.lower(root.get("name")), "%" + escapeLike(text.toLowerCase()) + "%", '\\'));
                }
            }
            return cb.and(ps.toArray(Predicate[]::new));
        };
    }

    private static Sort sort(MachineQuery q) {
        String by = q.sortBy() == null ? "created" : q.sortBy();
        Sort.Direction dir = q.descending() ? Sort.Direction.DESC : Sort.Direction.ASC;
        Sort primary = switch (by) {
            case "name" -> Sort.by(dir, "name");
            case "state" -> Sort.by(dir, "state");
            case "brand" -> Sort.by(dir, "brand");
            case "ip" -> Sort.by(dir, "ip");
            case "package" -> Sort.by(dir, "ramMiB");
            default -> Sort.by(dir, "createdAt");
        };
        return primary.and(Sort.by(Sort.Direction.ASC, "id"));
    }

    /** A user's text as a literal inside a LIKE pattern whose escape character is the backslash. */
    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
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
                j.id,
                j.machineId,
                j.machineName,
                j.tenantId,
                j.action,
                j.state,
                j.step,
                j.progress,
                steps,
                j.error,
                j.createdBy,
                j.createdAt,
                j.finishedAt);
    }

    static Optional<UUID> parseUuid(String s) {
        try {
            UUID u = UUID.fromString(s);
            return u.toString().equalsIgnoreCase(s) ? Optional.of(u) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
