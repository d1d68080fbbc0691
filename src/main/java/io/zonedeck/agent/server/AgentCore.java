package io.zonedeck.agent.server;

import io.zonedeck.agent.api.AgentEvent;
import io.zonedeck.agent.api.AgentJson;
import io.zonedeck.agent.api.ApiError;
import io.zonedeck.agent.api.ApiError.FieldError;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.NodeHealth;
import io.zonedeck.agent.api.NodeInfo;
import io.zonedeck.agent.api.SimFault;
import io.zonedeck.agent.api.SimHealthRequest;
import io.zonedeck.agent.api.SnapshotInfo;
import io.zonedeck.agent.api.StreamBatch;
import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.api.VrrpRouterInfo;
import io.zonedeck.agent.api.VrrpSpec;
import io.zonedeck.agent.driver.Driver;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.FaultInjector;
import io.zonedeck.agent.driver.HealthSimulator;
import io.zonedeck.agent.driver.NodeFailureSimulator;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.VmadmDefaults;
import io.zonedeck.agent.driver.VrrpSupport;
import io.zonedeck.agent.vrrp.VrrpSpecRules;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The agent without HTTP: runs driver operations asynchronously (one per machine), keeps create
 * idempotent by uuid, and feeds the stream with a sample per tick and an event per change.
 *
 * <p>Events: a state change carries the new state; a provisioning step carries state provisioning,
 * {@code step} and {@code progress}; a failed operation carries {@code message} (the reason),
 * {@code step} (the operation: create, start, stop, reboot, delete, update, snapshot, rollback,
 * delete-snapshot) and the machine's state after
 * the failure; a machine that disappeared carries state destroyed.
 */
public final class AgentCore implements AutoCloseable {
    public static final String AGENT_VERSION = "0.1.0";
    public static final long MAX_WAIT_MILLIS = 25_000;
    public static final int MAX_BATCH = 5_000;

    private static final System.Logger LOG = System.getLogger(AgentCore.class.getName());
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    /** Result of a create request: {@code accepted} is false for an idempotent repeat. */
    public record CreateResult(MachineInfo machine, boolean accepted) {}

    @FunctionalInterface
    private interface DriverCall {
        void run() throws DriverException;
    }

    private final String nodeId;
    private final Driver driver;
    private final RingBuffer stream;
    private final Clock clock;
    private final ExecutorService operations;
    private final PayloadValidator validator;

    private final Object lock = new Object();
    private final Map<UUID, String> busy = new HashMap<>();
    private final Map<UUID, CreatePayload> payloads = new HashMap<>();
    private final Map<UUID, MachineInfo> pending = new LinkedHashMap<>();
    private final Map<UUID, MachineInfo> failedCreates = new LinkedHashMap<>();
    private Map<UUID, MachineState> lastStates = new HashMap<>();
    private ScheduledFuture<?> ticking;

    /** Takes ownership of {@code operations}: {@link #close()} shuts it down. */
    public AgentCore(String nodeId, Driver driver, RingBuffer stream, Clock clock, ExecutorService operations) {
        this.nodeId = Objects.requireNonNull(nodeId);
        this.driver = driver;
        this.stream = stream;
        this.clock = clock;
        this.operations = operations;
        this.validator = new PayloadValidator(driver.resources().brands());
        driver.vrrp().ifPresent(v -> v.setTransitionListener(t -> stream.appendVrrp(t.at(), t)));
    }

    public String nodeId() {
        return nodeId;
    }

    public Driver driver() {
        return driver;
    }

    public NodeInfo nodeInfo() {
        NodeResources r = driver.resources();
        synchronized (lock) {
            List<MachineInfo> all = machines();
            return new NodeInfo(
                    nodeId,
                    r.hostname(),
                    driver.name(),
                    AGENT_VERSION,
                    AgentJson.PROTOCOL_VERSION,
                    r.cpus(),
                    r.ramMiB(),
                    r.diskGiB(),
                    provisionedRam(),
                    provisionedDisk(),
                    all.size(),
                    r.brands(),
                    driver.capabilities());
        }
    }

    /** All machines: the driver's view plus accepted creates not yet visible there and failed creates. */
    public List<MachineInfo> machines() {
        synchronized (lock) {
            Map<UUID, MachineInfo> all = new LinkedHashMap<>();
            for (MachineInfo m : driver.list()) {
                all.put(m.uuid(), inTransition(m));
            }
            pending.forEach(all::putIfAbsent);
            failedCreates.forEach(all::putIfAbsent);
            return List.copyOf(all.values());
        }
    }

    public Optional<MachineInfo> machine(UUID uuid) {
        synchronized (lock) {
            return driver.get(uuid)
                    .map(this::inTransition)
                    .or(() -> Optional.ofNullable(pending.get(uuid)))
                    .or(() -> Optional.ofNullable(failedCreates.get(uuid)));
        }
    }

    /**
     * Accepts a create (runs it asynchronously) or answers an idempotent repeat.
     *
     * @throws ApiException 422 invalid payload, 409 Duplicate / Busy / InsufficientCapacity
     */
    public CreateResult create(CreatePayload p) {
        validator.check(p);
        UUID uuid = p.uuid();
        synchronized (lock) {
            Optional<MachineInfo> existing = machine(uuid);
            if (existing.isPresent()) {
                if (sameRequest(p, existing.get())) {
                    return new CreateResult(existing.get(), false);
                }
                throw ApiException.of(409, "Duplicate", "machine " + uuid + " exists with a different payload");
            }
            requireIdle(uuid);
            checkCapacity(p);
            failedCreates.remove(uuid);
            payloads.put(uuid, p);
            pending.put(uuid, info(p, MachineState.PROVISIONING, "queued", 0, null));
            busy.put(uuid, "create");
        }
        submit(
                uuid,
                "create",
                () -> driver.create(
                        p, (step, pct) -> emit(new AgentEvent(uuid, MachineState.PROVISIONING, step, pct, null))));
        return new CreateResult(machine(uuid).orElseThrow(), true);
    }

    public MachineInfo start(UUID uuid) {
        return lifecycle(uuid, "start", () -> driver.start(uuid));
    }

    public MachineInfo stop(UUID uuid) {
        return lifecycle(uuid, "stop", () -> driver.stop(uuid));
    }

    public MachineInfo reboot(UUID uuid) {
        return lifecycle(uuid, "reboot", () -> driver.reboot(uuid));
    }

    public MachineInfo delete(UUID uuid) {
        synchronized (lock) {
            MachineInfo failed = failedCreates.get(uuid);
            if (failed != null && driver.get(uuid).isEmpty() && !busy.containsKey(uuid)) {
                failedCreates.remove(uuid);
                payloads.remove(uuid);
                diffStates();
                return withState(failed, MachineState.DESTROYED);
            }
        }
        return lifecycle(uuid, "delete", () -> driver.delete(uuid));
    }

    /**
     * vmadm update, synchronous under the machine's one-operation guard.
     *
     * @param bodyFields top-level property names of the request (image_uuid and brand are refused)
     * @throws ApiException 404 unknown machine, 409 Busy / InvalidState / InsufficientCapacity, 422 field errors,
     *     500 OperationFailed
     */
    public MachineInfo update(UUID uuid, UpdatePayload update, Set<String> bodyFields) {
        acquire(uuid, "update", m -> {
            if (m.state() == MachineState.PROVISIONING) {
                throw ApiException.of(409, "InvalidState", "cannot update a machine that is provisioning");
            }
            UpdateValidator.check(update, bodyFields, m);
        });
        runSync(uuid, "update", () -> driver.update(uuid, update));
        return machine(uuid).orElseThrow(() -> notFound(uuid));
    }

    /** The machine's snapshots, oldest first; 404 for an unknown machine, 409 NotSupported for kvm. */
    public List<SnapshotInfo> snapshots(UUID uuid) {
        try {
            return driver.snapshots(uuid);
        } catch (DriverException e) {
            throw driverError(e);
        }
    }

    /** vmadm create-snapshot; 422 for a bad name, 409 Duplicate / NotSupported (kvm) / Busy. */
    public SnapshotInfo createSnapshot(UUID uuid, String name) {
        if (name == null || name.isEmpty()) {
            throw new ApiException(
                    422,
                    new ApiError(
                            PayloadValidator.MISSING, "name is required", List.of(PayloadValidator.missing("name"))));
        }
        if (!SNAPSHOT_NAME.matcher(name).matches()) {
            throw new ApiException(
                    422,
                    new ApiError(
                            PayloadValidator.INVALID,
                            "invalid snapshot name",
                            List.of(PayloadValidator.invalid(
                                    "name", "name must be 1 to 64 letters, digits, '-', '_', '.' or ':'"))));
        }
        acquire(uuid, "snapshot", m -> {});
        runSync(uuid, "snapshot", () -> driver.createSnapshot(uuid, name));
        return snapshots(uuid).stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> ApiException.of(404, "NotFound", "snapshot " + name + " is gone"));
    }

    /** vmadm rollback-snapshot (stops and restarts a running machine; newer snapshots are destroyed). */
    public MachineInfo rollbackSnapshot(UUID uuid, String name) {
        acquire(uuid, "rollback", m -> {});
        runSync(uuid, "rollback", () -> driver.rollbackSnapshot(uuid, name));
        return machine(uuid).orElseThrow(() -> notFound(uuid));
    }

    public void deleteSnapshot(UUID uuid, String name) {
        acquire(uuid, "delete-snapshot", m -> {});
        runSync(uuid, "delete-snapshot", () -> driver.deleteSnapshot(uuid, name));
    }

    /**
     * Injects a fault into the sim driver.
     *
     * @return the active faults
     * @throws ApiException 404 when the driver cannot inject faults, 422 for an unknown mode or operation
     */
    public List<SimFault> injectFault(SimFault fault) {
        FaultInjector injector = faultInjector();
        List<FieldError> errors = new ArrayList<>();
        if (fault.operation() == null) {
            errors.add(PayloadValidator.missing("operation"));
        } else if (!FaultInjector.OPERATIONS.contains(fault.operation())) {
            errors.add(PayloadValidator.invalid(
                    "operation",
                    "operation must be one of " + String.join(", ", new TreeSet<>(FaultInjector.OPERATIONS))));
        }
        if (fault.mode() == null) {
            errors.add(PayloadValidator.missing("mode"));
        } else if (!FaultInjector.MODES.contains(fault.mode())) {
            errors.add(PayloadValidator.invalid("mode", "mode must be one of drop, fail, hang, slow"));
        }
        if (fault.step() != null && (fault.step() < 1 || fault.step() > injector.provisionSteps())) {
            errors.add(PayloadValidator.invalid("step", "step must be between 1 and " + injector.provisionSteps()));
        }
        if (fault.count() != null && fault.count() < 1) {
            errors.add(PayloadValidator.invalid("count", "count must be at least 1"));
        }
        PayloadValidator.throwIfAny(errors);
        return injector.injectFault(fault);
    }

    public List<SimFault> faults() {
        return faultInjector().faults();
    }

    /** Clears every injected fault; operations hanging on one go on. */
    public void clearFaults() {
        faultInjector().clearFaults();
    }

    /** The node's SMF services and FMA faults ({@link NodeHealth#UNSUPPORTED} where the driver cannot tell). */
    public NodeHealth health() {
        return driver.health();
    }

    /**
     * Sim only: puts a service into a state or diagnoses an FMA fault.
     *
     * @return the node's health after the change
     * @throws ApiException 404 when the driver cannot simulate health, 422 for a bad request
     */
    public NodeHealth injectHealth(SimHealthRequest request) {
        HealthRules.apply(healthSimulator(), driver.health(), request);
        return driver.health();
    }

    /** Sim only: every service back to healthy, no faults. */
    public NodeHealth clearHealth() {
        healthSimulator().resetHealth();
        return driver.health();
    }

    private HealthSimulator healthSimulator() {
        if (driver instanceof HealthSimulator.Provider p) {
            return p.healthSimulator();
        }
        throw ApiException.of(404, "NotFound", "health simulation needs the sim driver");
    }

    /** Whether the answer to this performed request is to be dropped (a sim drop fault hits it). */
    public boolean takeDrop(String operation, UUID machine) {
        return driver instanceof FaultInjector injector && injector.takeDrop(operation, machine);
    }

    /** Stream entries after {@code afterSeq}; waits up to {@code waitMillis} (max 25 s) when none. */
    public StreamBatch stream(long afterSeq, int max, long waitMillis) throws InterruptedException {
        int limit = Math.max(1, Math.min(MAX_BATCH, max));
        return stream.await(afterSeq, limit, Math.max(0, Math.min(MAX_WAIT_MILLIS, waitMillis)));
    }

    /**
     * One second of work: a sample and events for every state change since the last tick. A node that is
     * down (simulated failure) records no samples.
     */
    public void tick() {
        if (!nodeDown()) {
            stream.appendSample(clock.millis(), driver.sample());
        }
        synchronized (lock) {
            diffStates();
        }
    }

    /** Calls {@link #tick()} once per second on {@code scheduler} until {@link #close()}. */
    public void startTicking(ScheduledExecutorService scheduler) {
        synchronized (lock) {
            if (ticking != null) {
                throw new IllegalStateException("already ticking");
            }
            ticking = scheduler.scheduleAtFixedRate(this::safeTick, 0, 1, TimeUnit.SECONDS);
        }
    }

    /** True while the (simulated) node is failed: the server then answers 503 NodeDown. */
    public boolean nodeDown() {
        return driver instanceof NodeFailureSimulator sim && sim.nodeDown();
    }

    /**
     * Fails or recovers the simulated node.
     *
     * @throws ApiException 404 when the driver cannot simulate failures (not the sim driver)
     */
    public void setNodeDown(boolean down) {
        if (!(driver instanceof NodeFailureSimulator sim)) {
            throw ApiException.of(404, "NotFound", "node failure simulation needs the sim driver");
        }
        sim.setNodeDown(down);
    }

    /** All VRRP routers of the node; 501 NotSupported when the driver has no VRRP. */
    public List<VrrpRouterInfo> vrrpRouters() {
        return vrrp().routers();
    }

    public VrrpRouterInfo vrrpRouter(UUID uuid, int vrid) {
        VrrpSupport v = vrrp();
        requireMachine(uuid);
        return v.routers().stream()
                .filter(r -> r.uuid().equals(uuid) && r.vrid() == vrid)
                .findFirst()
                .orElseThrow(() -> ApiException.of(404, "NotFound", "machine " + uuid + " has no VRRP router " + vrid));
    }

    /**
     * Creates or updates a router (idempotent).
     *
     * @throws ApiException 404 unknown machine, 422 field errors, 501 no VRRP on this driver
     */
    public VrrpRouterInfo configureVrrp(UUID uuid, int vrid, VrrpSpec spec) {
        VrrpSupport v = vrrp();
        MachineInfo m = requireMachine(uuid);
        List<FieldError> errors = new ArrayList<>(VrrpSpecRules.check(spec, m.brand(), m.ips()));
        if (spec.vrid() != vrid) {
            errors.add(
                    0, new FieldError("vrid", "Invalid", "vrid " + spec.vrid() + " differs from the path's " + vrid));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(422, new ApiError("Invalid", "invalid VRRP router", List.copyOf(errors)));
        }
        return vrrpCall(() -> v.configure(uuid, spec));
    }

    public void removeVrrp(UUID uuid, int vrid) {
        VrrpSupport v = vrrp();
        requireMachine(uuid);
        vrrpCall(() -> {
            v.remove(uuid, vrid);
            return null;
        });
    }

    public VrrpRouterInfo setVrrpEnabled(UUID uuid, int vrid, boolean enabled) {
        VrrpSupport v = vrrp();
        requireMachine(uuid);
        return vrrpCall(() -> v.setEnabled(uuid, vrid, enabled));
    }

    /** Graceful switchover; {@code newPriority} null keeps the current priority. */
    public VrrpRouterInfo releaseVrrp(UUID uuid, int vrid, Integer newPriority) {
        VrrpSupport v = vrrp();
        int priority =
                newPriority != null ? newPriority : vrrpRouter(uuid, vrid).priority();
        if (priority < 1 || priority > 255) {
            throw new ApiException(
                    422,
                    new ApiError(
                            "Invalid",
                            "invalid release",
                            List.of(new FieldError("priority", "Invalid", "priority must be between 1 and 255"))));
        }
        requireMachine(uuid);
        return vrrpCall(() -> v.release(uuid, vrid, priority));
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (ticking != null) {
                ticking.cancel(false);
            }
        }
        operations.shutdownNow();
    }

    @FunctionalInterface
    private interface VrrpCall<T> {
        T run() throws DriverException;
    }

    private VrrpSupport vrrp() {
        return driver.vrrp()
                .orElseThrow(
                        () -> ApiException.of(501, "NotSupported", "driver " + driver.name() + " has no VRRP support"));
    }

    private MachineInfo requireMachine(UUID uuid) {
        return driver.get(uuid).orElseThrow(() -> ApiException.of(404, "NotFound", "no machine " + uuid));
    }

    private static <T> T vrrpCall(VrrpCall<T> call) {
        try {
            return call.run();
        } catch (DriverException e) {
            int status = switch (e.code()) {
                case DriverException.NOT_FOUND -> 404;
                case DriverException.INVALID -> 422;
                case DriverException.INVALID_STATE, DriverException.DUPLICATE -> 409;
                default -> 500;
            };
            throw ApiException.of(status, e.code(), e.getMessage());
        }
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "agent tick failed", e);
        }
    }

    private FaultInjector faultInjector() {
        if (driver instanceof FaultInjector injector) {
            return injector;
        }
        throw ApiException.of(404, "NotFound", "fault injection needs the sim driver");
    }

    /** Marks the machine busy with {@code op} after {@code check} accepted it (409 Busy, 404 unknown). */
    private void acquire(UUID uuid, String op, java.util.function.Consumer<MachineInfo> check) {
        synchronized (lock) {
            requireIdle(uuid);
            MachineInfo m = driver.get(uuid).map(this::inTransition).orElseThrow(() -> notFound(uuid));
            check.accept(m);
            busy.put(uuid, op);
        }
    }

    /**
     * Runs a synchronous operation of a machine marked busy on the operations executor (so closing the agent
     * interrupts it), waits for it and frees the machine. A driver failure becomes the matching ApiException;
     * an OperationFailed also becomes a failure event.
     */
    private void runSync(UUID uuid, String op, DriverCall call) {
        Future<?> done;
        try {
            done = operations.submit(() -> {
                call.run();
                return null;
            });
        } catch (RuntimeException e) {
            synchronized (lock) {
                busy.remove(uuid);
            }
            throw ApiException.of(503, "Unavailable", "agent is shutting down");
        }
        try {
            done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DriverException de) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        op + " of " + uuid + " failed: " + de.code() + " " + de.getMessage());
                if (de.code().equals(DriverException.OPERATION_FAILED)) {
                    synchronized (lock) {
                        MachineState state =
                                machine(uuid).map(MachineInfo::state).orElse(MachineState.DESTROYED);
                        emit(new AgentEvent(uuid, state, op, null, de.getMessage()));
                    }
                }
                throw driverError(de);
            }
            LOG.log(System.Logger.Level.ERROR, op + " of " + uuid + " failed", e.getCause());
            throw ApiException.of(500, "InternalError", op + " failed: internal error");
        } catch (InterruptedException e) {
            done.cancel(true);
            Thread.currentThread().interrupt();
            throw ApiException.of(503, "Unavailable", "agent is shutting down");
        } finally {
            synchronized (lock) {
                busy.remove(uuid);
                diffStates();
            }
        }
    }

    private static ApiException driverError(DriverException e) {
        int status = switch (e.code()) {
            case DriverException.NOT_FOUND -> 404;
            case DriverException.INVALID -> 422;
            case DriverException.INVALID_STATE,
                    DriverException.DUPLICATE,
                    DriverException.NOT_SUPPORTED,
                    DriverException.INSUFFICIENT_CAPACITY -> 409;
            default -> 500;
        };
        return ApiException.of(status, e.code(), e.getMessage());
    }

    private static ApiException notFound(UUID uuid) {
        return ApiException.of(404, "NotFound", "no machine " + uuid);
    }

    private MachineInfo lifecycle(UUID uuid, String op, DriverCall call) {
        MachineInfo before;
        synchronized (lock) {
            requireIdle(uuid);
            before = driver.get(uuid).orElseThrow(() -> ApiException.of(404, "NotFound", "no machine " + uuid));
            checkState(before, op);
            busy.put(uuid, op);
        }
        submit(uuid, op, call);
        return machine(uuid).orElse(before);
    }

    private void submit(UUID uuid, String op, DriverCall call) {
        try {
            operations.execute(() -> runOperation(uuid, op, call));
        } catch (RuntimeException e) {
            synchronized (lock) {
                busy.remove(uuid);
                pending.remove(uuid);
            }
            LOG.log(System.Logger.Level.ERROR, "cannot schedule " + op + " of " + uuid, e);
            throw ApiException.of(503, "Unavailable", "agent is shutting down");
        }
    }

    private void runOperation(UUID uuid, String op, DriverCall call) {
        String failure = null;
        try {
            call.run();
        } catch (DriverException e) {
            failure = e.getMessage();
            LOG.log(System.Logger.Level.WARNING, op + " of " + uuid + " failed: " + e.code() + " " + failure);
        } catch (RuntimeException e) {
            failure = op + " failed: internal error";
            LOG.log(System.Logger.Level.ERROR, op + " of " + uuid + " failed", e);
        }
        synchronized (lock) {
            if (failure != null && op.equals("create") && driver.get(uuid).isEmpty()) {
                failedCreates.put(uuid, info(payloads.get(uuid), MachineState.FAILED, null, null, failure));
            }
            pending.remove(uuid);
            busy.remove(uuid);
            if (failure == null && op.equals("delete")) {
                payloads.remove(uuid);
            }
            if (failure != null) {
                MachineState state = machine(uuid).map(MachineInfo::state).orElse(MachineState.DESTROYED);
                emit(new AgentEvent(uuid, state, op, null, failure));
                if (state != MachineState.DESTROYED) {
                    lastStates.put(uuid, state);
                }
            }
            diffStates();
        }
    }

    private void diffStates() {
        Map<UUID, MachineState> current = new HashMap<>();
        for (MachineInfo m : machines()) {
            current.put(m.uuid(), m.state());
            if (lastStates.get(m.uuid()) != m.state()) {
                emit(new AgentEvent(m.uuid(), m.state(), m.provisionStep(), m.provisionProgress(), null));
            }
        }
        for (UUID gone : lastStates.keySet()) {
            if (!current.containsKey(gone)) {
                emit(new AgentEvent(gone, MachineState.DESTROYED, null, null, null));
            }
        }
        lastStates = current;
    }

    private void emit(AgentEvent event) {
        stream.appendEvent(clock.millis(), event);
    }

    private void requireIdle(UUID uuid) {
        String running = busy.get(uuid);
        if (running != null) {
            throw ApiException.of(409, "Busy", "machine " + uuid + " is busy with " + running);
        }
    }

    private static void checkState(MachineInfo m, String op) {
        MachineState s = m.state();
        boolean ok = switch (op) {
            case "start", "stop" -> s == MachineState.RUNNING || s == MachineState.STOPPED;
            case "reboot" -> s == MachineState.RUNNING;
            case "delete" -> s == MachineState.RUNNING || s == MachineState.STOPPED || s == MachineState.FAILED;
            default -> false;
        };
        if (!ok) {
            throw ApiException.of(409, "InvalidState", "cannot " + op + " a machine that is " + s.wire());
        }
    }

    private void checkCapacity(CreatePayload p) {
        NodeResources r = driver.resources();
        long ram = provisionedRam() + VmadmDefaults.ramMiB(p);
        long disk = provisionedDisk() + VmadmDefaults.diskGiB(p);
        if (ram > r.ramMiB()) {
            throw ApiException.of(
                    409,
                    "InsufficientCapacity",
                    "not enough memory: " + ram + " MiB needed, node has " + r.ramMiB() + " MiB");
        }
        if (disk > r.diskGiB()) {
            throw ApiException.of(
                    409,
                    "InsufficientCapacity",
                    "not enough disk: " + disk + " GiB needed, node has " + r.diskGiB() + " GiB");
        }
    }

    private long provisionedRam() {
        return provisioned().stream().mapToLong(MachineInfo::maxPhysicalMemory).sum();
    }

    private long provisionedDisk() {
        return provisioned().stream().mapToLong(MachineInfo::quota).sum();
    }

    /** Machines that hold resources: everything on the driver plus accepted creates. */
    private List<MachineInfo> provisioned() {
        Map<UUID, MachineInfo> all = new LinkedHashMap<>();
        driver.list().forEach(m -> all.put(m.uuid(), m));
        pending.forEach(all::putIfAbsent);
        return new ArrayList<>(all.values());
    }

    private boolean sameRequest(CreatePayload p, MachineInfo existing) {
        CreatePayload accepted = payloads.get(p.uuid());
        if (accepted != null) {
            return accepted.equals(p);
        }
        // adopted or pre-existing machine: compare what the node knows of it
        return Objects.equals(existing.brand(), p.brand())
                && Objects.equals(existing.alias(), p.alias())
                && Objects.equals(existing.imageUuid(), p.imageUuid())
                && existing.maxPhysicalMemory() == VmadmDefaults.ramMiB(p)
                && existing.quota() == VmadmDefaults.diskGiB(p)
                && existing.cpuCap() == VmadmDefaults.cpuCap(p);
    }

    private MachineInfo info(CreatePayload p, MachineState state, String step, Integer progress, String error) {
        return new MachineInfo(
                p.uuid(),
                p.alias(),
                p.brand(),
                state,
                p.imageUuid(),
                VmadmDefaults.ramMiB(p),
                VmadmDefaults.diskGiB(p),
                VmadmDefaults.cpuCap(p),
                VmadmDefaults.cpuShares(p),
                List.of(),
                clock.instant(),
                step,
                progress,
                error,
                VmadmDefaults.vcpus(p),
                VmadmDefaults.zfsIoPriority(p),
                VmadmDefaults.maxLwps(p),
                VmadmDefaults.guestRamMiB(p),
                VmadmDefaults.maxSwapMiB(p),
                p.nics() == null
                        ? List.of()
                        : p.nics().stream().filter(Objects::nonNull).toList(),
                List.of(),
                p.tags() == null ? Map.of() : Map.copyOf(p.tags()),
                p.customerMetadata() == null ? Map.of() : Map.copyOf(p.customerMetadata()),
                VmadmDefaults.cpuBaseline(p),
                VmadmDefaults.cpuBurstSeconds(p),
                VmadmDefaults.diskBpsMax(p),
                VmadmDefaults.diskIopsMax(p));
    }

    /**
     * An accepted operation whose driver call has not yet begun would show the old stable state;
     * show the transitional state the operation is about to enter instead. Not for reboot: once the
     * driver is back to running, an overlay could briefly report a stopping that is not happening.
     */
    private MachineInfo inTransition(MachineInfo m) {
        String op = busy.get(m.uuid());
        if (op == null) {
            return m;
        }
        boolean fromRunning = m.state() == MachineState.RUNNING;
        return switch (op) {
            case "start" -> m.state() == MachineState.STOPPED ? withState(m, MachineState.STARTING) : m;
            case "stop", "delete" -> fromRunning ? withState(m, MachineState.STOPPING) : m;
            default -> m;
        };
    }

    private static MachineInfo withState(MachineInfo m, MachineState state) {
        return new MachineInfo(
                m.uuid(),
                m.alias(),
                m.brand(),
                state,
                m.imageUuid(),
                m.maxPhysicalMemory(),
                m.quota(),
                m.cpuCap(),
                m.cpuShares(),
                m.ips(),
                m.createTimestamp(),
                null,
                null,
                m.error(),
                m.vcpus(),
                m.zfsIoPriority(),
                m.maxLwps(),
                m.ram(),
                m.maxSwap(),
                m.nics(),
                m.snapshots(),
                m.tags(),
                m.customerMetadata(),
                m.cpuBaseline(),
                m.cpuBurstSeconds(),
                m.diskBpsMax(),
                m.diskIopsMax());
    }
}
