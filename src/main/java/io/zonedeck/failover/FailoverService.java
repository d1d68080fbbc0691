package io.zonedeck.failover;

import io.zonedeck.agent.api.VrrpSpec;
import io.zonedeck.audit.Audited;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import io.zonedeck.compute.MachineLookup;
import io.zonedeck.compute.MachineLookup.MachineRef;
import io.zonedeck.failover.internal.FailoverEventRepository;
import io.zonedeck.failover.internal.PairEntity;
import io.zonedeck.failover.internal.PairRepository;
import io.zonedeck.network.Network;
import io.zonedeck.network.NetworkService;
import io.zonedeck.nodes.AgentCallException;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.nodes.NodeState;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Roles;
import io.zonedeck.tenancy.TenantService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * VRRP failover pairs as first-class objects: two zones of one tenant on two nodes sharing a virtual IP.
 * The database holds the desired pair; each member's node runs its router (vrrpadm on SmartOS, keepalived on
 * Linux, the RFC 5798 state machine in the sim). Every read and write is scoped to the caller's tenant; a
 * foreign pair answers exactly like a missing one.
 */
@Service
public class FailoverService {
    private static final Logger log = LoggerFactory.getLogger(FailoverService.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final PairRepository pairs;
    private final FailoverEventRepository history;
    private final MachineLookup machines;
    private final NetworkService networks;
    private final NodeRegistry nodes;
    private final TenantService tenants;
    private final FailoverMonitor monitor;
    private final CurrentCaller currentCaller;
    private final TransactionTemplate tx;
    private final Clock clock;

    FailoverService(
            PairRepository pairs,
            FailoverEventRepository history,
            MachineLookup machines,
            NetworkService networks,
            NodeRegistry nodes,
            TenantService tenants,
            FailoverMonitor monitor,
            CurrentCaller currentCaller,
            PlatformTransactionManager txManager,
            Clock clock) {
        this.pairs = pairs;
        this.history = history;
        this.machines = machines;
        this.networks = networks;
        this.nodes = nodes;
        this.tenants = tenants;
        this.monitor = monitor;
        this.currentCaller = currentCaller;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    public List<FailoverPair> list() {
        Caller caller = currentCaller.get();
        List<PairEntity> list = tx.execute(s -> caller.isOperator()
                ? pairs.findAllByOrderByName()
                : pairs.findByTenantIdOrderByName(caller.tenantId()));
        Labels labels = labels();
        return list.stream().map(p -> toRecord(caller, p, labels)).toList();
    }

    public Optional<FailoverPair> find(UUID id) {
        Caller caller = currentCaller.get();
        return visible(caller, id).map(p -> toRecord(caller, p));
    }

    public FailoverPair get(UUID id) {
        return find(id).orElseThrow(() -> ZoneDeckException.notFound("failover pair " + id));
    }

    /** Failovers of a pair, newest first. */
    public List<FailoverRecord> history(UUID id) {
        Caller caller = currentCaller.get();
        PairEntity p = visible(caller, id).orElseThrow(() -> ZoneDeckException.notFound("failover pair " + id));
        Map<UUID, String> names = memberNames(p);
        return tx.execute(s -> history.findTop50ByPairIdOrderByAtDesc(p.id).stream()
                .map(e -> new FailoverRecord(
                        e.at,
                        e.fromMachine == null ? null : names.getOrDefault(e.fromMachine, "?"),
                        names.getOrDefault(e.toMachine, "?"),
                        e.durationMs,
                        e.reason))
                .toList());
    }

    /** Validates every rule, reserves the VIP, records the pair and starts a router on each member's node. */
    @Audited("failover.create")
    public FailoverPair create(CreatePairRequest req) {
        Caller caller = currentCaller.get();
        List<FieldProblem> problems = new ArrayList<>();
        String name = req.name() == null ? "" : req.name().trim();
        if (name.isEmpty()) {
            problems.add(new FieldProblem("name", "MissingParameter", "Name is required"));
        } else if (!NAME.matcher(name).matches()) {
            problems.add(new FieldProblem(
                    "name", "Invalid", "Use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        UUID scope = caller.isOperator() ? null : caller.tenantId();
        Optional<MachineRef> a = member(caller, scope, "machineA", req.machineA(), problems);
        Optional<MachineRef> b = member(caller, scope, "machineB", req.machineB(), problems);
        if (a.isPresent() && b.isPresent()) {
            MachineRef x = a.get();
            MachineRef y = b.get();
            if (x.id().equals(y.id())) {
                problems.add(conflict("machineB", "Choose two different machines"));
            } else if (!x.tenantId().equals(y.tenantId())) {
                problems.add(conflict("machineB", "Both machines must belong to the same tenant"));
            } else if (!Objects.equals(x.networkId(), y.networkId())) {
                problems.add(conflict("machineB", "Both machines must be on the same network as the virtual IP"));
            } else if (x.nodeId() != null && x.nodeId().equals(y.nodeId())) {
                problems.add(conflict(
                        "machineB",
                        x.name() + " and " + y.name() + " run on the same node; a failover pair needs two nodes"));
            }
        }
        int vridValue = req.vrid() == null ? 0 : req.vrid();
        if (req.vrid() != null && (vridValue < 1 || vridValue > 255)) {
            problems.add(new FieldProblem("vrid", "Invalid", "VRID must be 1 to 255"));
        }
        int prioA = req.priorityA() == null ? 200 : req.priorityA();
        int prioB = req.priorityB() == null ? 100 : req.priorityB();
        if (prioA < 1 || prioA > 255) {
            problems.add(new FieldProblem("priorityA", "Invalid", "Priority must be 1 to 255"));
        }
        if (prioB < 1 || prioB > 255) {
            problems.add(new FieldProblem("priorityB", "Invalid", "Priority must be 1 to 255"));
        }
        if (prioA == 255 && prioB == 255) {
            problems.add(conflict("priorityB", "Only one member can be the address owner (255)"));
        }
        int interval = req.intervalMs() == null ? 1000 : req.intervalMs();
        if (interval < Vrrp.MIN_INTERVAL_MS || interval > Vrrp.MAX_INTERVAL_MS) {
            problems.add(new FieldProblem("intervalMs", "Invalid", "Advertisement interval must be 10 to 40950 ms"));
        }
        if (!problems.isEmpty()) {
            throw ZoneDeckException.invalid(problems);
        }
        MachineRef x = a.orElseThrow();
        MachineRef y = b.orElseThrow();
        Network network = networks.findUnscoped(x.networkId()).orElseThrow(() -> ZoneDeckException.notFound("network"));
        UUID pairId = UUID.randomUUID();
        PairEntity p = tx.execute(s -> {
            if (pairs.findByTenantIdAndName(x.tenantId(), name).isPresent()) {
                throw ZoneDeckException.invalid(
                        List.of(new FieldProblem("name", "Duplicate", "A pair named " + name + " already exists")));
            }
            Set<Integer> taken = pairs.findByNetworkId(network.id()).stream()
                    .map(e -> e.vrid)
                    .collect(Collectors.toSet());
            int vrid = vridValue;
            if (vrid == 0) {
                vrid = java.util.stream.IntStream.rangeClosed(1, 255)
                        .filter(v -> !taken.contains(v))
                        .findFirst()
                        .orElseThrow(() -> ZoneDeckException.invalid("vrid", "Every VRID of this network is in use"));
            } else if (taken.contains(vrid)) {
                throw ZoneDeckException.invalid(List.of(new FieldProblem(
                        "vrid", "Duplicate", "VRID " + vrid + " is already used on network " + network.name())));
            }
            String vip;
            if (req.vip() == null || req.vip().isBlank()) {
                vip = networks.allocate(network.id(), pairId);
            } else {
                vip = req.vip().trim();
                networks.reserve(network.id(), vip, pairId);
            }
            PairEntity e = new PairEntity();
            e.id = pairId;
            e.tenantId = x.tenantId();
            e.name = name;
            e.networkId = network.id();
            e.vrid = vrid;
            e.vip = vip;
            e.intervalMs = interval;
            e.preempt = req.preempt() == null || req.preempt();
            e.accept = req.accept() == null || req.accept();
            e.machineA = x.id();
            e.priorityA = prioA;
            e.enabledA = true;
            e.machineB = y.id();
            e.priorityB = prioB;
            e.enabledB = true;
            e.createdAt = clock.instant();
            return pairs.saveAndFlush(e);
        });
        try {
            configure(p, network, x, p.priorityA);
            configure(p, network, y, p.priorityB);
        } catch (AgentCallException e) {
            log.info("pair {} not created: {}", name, e.getMessage());
            remove(p);
            throw new ZoneDeckException(
                    "NodeRefused",
                    409,
                    "A node refused the router: " + e.getMessage(),
                    List.of(new FieldProblem("machineA", "NodeRefused", e.getMessage())));
        }
        return toRecord(caller, p);
    }

    /** Removes both routers, releases the VIP and forgets the pair (its history goes with it). */
    @Audited("failover.delete")
    public void delete(UUID id) {
        Caller caller = currentCaller.get();
        PairEntity p = visible(caller, id).orElseThrow(() -> ZoneDeckException.notFound("failover pair " + id));
        remove(p);
    }

    /**
     * Graceful switchover: the backup is given the master's priority, then the master releases (a priority-0
     * advert) and carries on with the backup's old priority; the backup takes over after Skew_Time.
     */
    @Audited("failover.switchover")
    public FailoverPair switchover(UUID id) {
        Caller caller = currentCaller.get();
        PairEntity p = visible(caller, id).orElseThrow(() -> ZoneDeckException.notFound("failover pair " + id));
        FailoverPair now = toRecord(caller, p);
        FailoverPair.Member master = now.master()
                .orElseThrow(() -> ZoneDeckException.conflict("NoMaster", "Neither member is MASTER right now"));
        FailoverPair.Member backup = now.members().stream()
                .filter(m -> !m.machineId().equals(master.machineId()))
                .findFirst()
                .orElseThrow();
        if (!backup.enabled() || !"BACKUP".equals(backup.state())) {
            throw ZoneDeckException.conflict(
                    "NoBackup", backup.name() + " is not a ready BACKUP (it is " + backup.state() + ")");
        }
        int masterPrio = master.priority();
        int backupPrio = backup.priority();
        int newMaster = masterPrio == 255 ? 254 : masterPrio;
        int newBackup = backupPrio == masterPrio ? Math.max(1, backupPrio - 1) : backupPrio;
        Network network = networks.findUnscoped(p.networkId).orElseThrow();
        MachineRef bRef = machines.find(backup.machineId()).orElseThrow();
        MachineRef mRef = machines.find(master.machineId()).orElseThrow();
        configure(p, network, bRef, newMaster);
        nodes.client(mRef.nodeId()).vrrpAction(mRef.id(), p.vrid, "release", newBackup);
        tx.executeWithoutResult(s -> pairs.findById(p.id).ifPresent(e -> {
            boolean masterIsA = e.machineA.equals(master.machineId());
            e.priorityA = masterIsA ? newBackup : newMaster;
            e.priorityB = masterIsA ? newMaster : newBackup;
        }));
        return get(id);
    }

    /** Disables (the router releases and stays in INIT) or enables one member. */
    @Audited("failover.set-member")
    public FailoverPair setMemberEnabled(UUID id, UUID machineId, boolean enabled) {
        Caller caller = currentCaller.get();
        PairEntity p = visible(caller, id).orElseThrow(() -> ZoneDeckException.notFound("failover pair " + id));
        if (!p.machineA.equals(machineId) && !p.machineB.equals(machineId)) {
            throw ZoneDeckException.notFound("member " + machineId);
        }
        MachineRef ref = machines.find(machineId).orElseThrow(() -> ZoneDeckException.notFound("machine"));
        nodes.client(ref.nodeId()).vrrpAction(ref.id(), p.vrid, enabled ? "enable" : "disable", null);
        tx.executeWithoutResult(s -> pairs.findById(p.id).ifPresent(e -> {
            if (e.machineA.equals(machineId)) {
                e.enabledA = enabled;
            } else {
                e.enabledB = enabled;
            }
        }));
        return get(id);
    }

    /** Demo (sim nodes): takes the master's whole node down; the pair fails over by itself. */
    @RolesAllowed(Roles.OPERATOR)
    @Audited("failover.fail-node")
    public String failMasterNode(UUID id) {
        FailoverPair pair = get(id);
        FailoverPair.Member master = pair.master()
                .orElseThrow(() -> ZoneDeckException.conflict("NoMaster", "Neither member is MASTER right now"));
        MachineRef ref = machines.find(master.machineId()).orElseThrow();
        nodes.client(ref.nodeId()).simNode("fail");
        return nodes.find(ref.nodeId()).map(Node::name).orElse("?");
    }

    /** Demo (sim nodes): brings the members' nodes back. */
    @RolesAllowed(Roles.OPERATOR)
    @Audited("failover.recover-nodes")
    public void recoverNodes(UUID id) {
        FailoverPair pair = get(id);
        for (FailoverPair.Member m : pair.members()) {
            machines.find(m.machineId())
                    .ifPresent(ref -> nodes.client(ref.nodeId()).simNode("recover"));
        }
    }

    /** Makes each node run the routers the database says it should (idempotent; at start and on reconnect). */
    void reapply(UUID nodeId) {
        List<PairEntity> all = tx.execute(s -> pairs.findAll());
        for (PairEntity p : all) {
            Network network = networks.findUnscoped(p.networkId).orElse(null);
            for (UUID m : List.of(p.machineA, p.machineB)) {
                machines.find(m).filter(ref -> nodeId.equals(ref.nodeId())).ifPresent(ref -> {
                    try {
                        configure(p, network, ref, ref.id().equals(p.machineA) ? p.priorityA : p.priorityB);
                        boolean enabled = ref.id().equals(p.machineA) ? p.enabledA : p.enabledB;
                        if (!enabled) {
                            nodes.client(nodeId).vrrpAction(ref.id(), p.vrid, "disable", null);
                        }
                    } catch (RuntimeException e) {
                        log.debug("router of pair {} on {} not applied: {}", p.name, ref.name(), e.getMessage());
                    }
                });
            }
        }
    }

    private void configure(PairEntity p, Network network, MachineRef m, int priority) {
        nodes.client(m.nodeId())
                .configureVrrp(
                        m.id(),
                        new VrrpSpec(
                                p.vrid,
                                m.ip(),
                                priority,
                                p.intervalMs,
                                p.preempt,
                                p.accept,
                                List.of(p.vip),
                                network.nicTag(),
                                network.vlanId()));
    }

    private void remove(PairEntity p) {
        for (UUID m : List.of(p.machineA, p.machineB)) {
            machines.find(m).ifPresent(ref -> {
                try {
                    nodes.client(ref.nodeId()).removeVrrp(ref.id(), p.vrid);
                } catch (AgentCallException e) {
                    log.warn("router of pair {} on {} not removed: {}", p.name, ref.name(), e.getMessage());
                }
            });
            monitor.forget(m, p.vrid, p.id);
        }
        tx.executeWithoutResult(s -> {
            networks.release(p.id);
            pairs.deleteById(p.id);
        });
    }

    private Optional<MachineRef> member(
            Caller caller, UUID scope, String field, String idOrName, List<FieldProblem> problems) {
        if (idOrName == null || idOrName.isBlank()) {
            problems.add(new FieldProblem(field, "MissingParameter", "Choose a machine"));
            return Optional.empty();
        }
        Optional<MachineRef> ref =
                machines.find(scope, idOrName.trim()).filter(m -> caller.canAccessTenant(m.tenantId()));
        if (ref.isEmpty()) {
            problems.add(new FieldProblem(field, "NotFound", "No machine " + idOrName.trim()));
            return ref;
        }
        MachineRef m = ref.get();
        if (m.isHvm()) {
            problems.add(new FieldProblem(
                    field, "Invalid", m.name() + " is a " + m.brand() + " VM: VRRP works only for zones on SmartOS"));
        } else if (m.ip() == null) {
            problems.add(
                    new FieldProblem(field, "Invalid", m.name() + " has no primary NIC address for vrrp_primary_ip"));
        } else if (m.nodeId() == null) {
            problems.add(new FieldProblem(field, "Invalid", m.name() + " is not placed on a node"));
        }
        return ref;
    }

    private Optional<PairEntity> visible(Caller caller, UUID id) {
        return tx.execute(s -> pairs.findById(id).filter(p -> caller.canAccessTenant(p.tenantId)));
    }

    private Map<UUID, String> memberNames(PairEntity p) {
        return java.util.stream.Stream.of(p.machineA, p.machineB)
                .map(machines::find)
                .flatMap(Optional::stream)
                .collect(Collectors.toMap(MachineRef::id, MachineRef::name));
    }

    /** What labelling pairs needs, read once per call rather than once per pair. */
    private record Labels(Map<UUID, Node> nodes, Map<UUID, String> tenantNames, Map<UUID, String> networkNames) {}

    private Labels labels() {
        return new Labels(
                nodes.all().stream().collect(Collectors.toMap(Node::id, n -> n)),
                tenants.names(),
                networks.list().stream().collect(Collectors.toMap(Network::id, Network::name)));
    }

    private FailoverPair toRecord(Caller caller, PairEntity p) {
        return toRecord(caller, p, labels());
    }

    private FailoverPair toRecord(Caller caller, PairEntity p, Labels labels) {
        List<FailoverPair.Member> members = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            UUID id = i == 0 ? p.machineA : p.machineB;
            int prio = i == 0 ? p.priorityA : p.priorityB;
            boolean enabled = i == 0 ? p.enabledA : p.enabledB;
            Optional<MachineRef> ref = machines.find(id);
            Optional<FailoverMonitor.RouterState> rs = monitor.state(id, p.vrid);
            String state = rs.map(FailoverMonitor.RouterState::state).orElse("unknown");
            UUID nodeId = ref.map(MachineRef::nodeId).orElse(null);
            Node node = nodeId == null ? null : labels.nodes().get(nodeId);
            if (node != null && node.state() == NodeState.UNKNOWN) {
                state = "unknown";
            }
            if (!enabled) {
                state = "disabled";
            }
            members.add(new FailoverPair.Member(
                    id,
                    ref.map(MachineRef::name).orElse("(deleted)"),
                    caller.isOperator() && node != null ? node.name() : null,
                    ref.map(MachineRef::ip).orElse(null),
                    prio,
                    enabled,
                    state,
                    rs.map(FailoverMonitor.RouterState::since).orElse(null),
                    Vrrp.masterDownMillis(prio, p.intervalMs)));
        }
        Instant last = members.stream()
                .map(FailoverPair.Member::stateSince)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElse(null);
        return new FailoverPair(
                p.id,
                p.name,
                p.tenantId,
                labels.tenantNames().get(p.tenantId),
                labels.networkNames().getOrDefault(p.networkId, "?"),
                p.vrid,
                p.vip,
                Vrrp.mac(p.vrid),
                p.intervalMs,
                p.preempt,
                p.accept,
                List.copyOf(members),
                last,
                p.createdAt);
    }

    private static FieldProblem conflict(String field, String message) {
        return new FieldProblem(field, "ConflictingParameters", message);
    }
}
