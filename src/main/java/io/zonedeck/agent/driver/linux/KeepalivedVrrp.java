package io.zonedeck.agent.driver.linux;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.ApiError.FieldError;
import io.zonedeck.agent.api.VrrpRouterInfo;
import io.zonedeck.agent.api.VrrpSpec;
import io.zonedeck.agent.api.VrrpState;
import io.zonedeck.agent.api.VrrpTransition;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.VrrpSupport;
import io.zonedeck.agent.vrrp.VrrpEngine;
import io.zonedeck.agent.vrrp.VrrpRouter;
import io.zonedeck.agent.vrrp.VrrpSpecRules;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * VRRP of the linux driver: one keepalived per (machine, VRID), running inside the machine's network namespace.
 *
 * <p>Each router has a directory {@code <stateDir>/<machine>-<vrid>/} with {@code router.json} (the spec, whether
 * it is enabled, the machine's network), {@code keepalived.conf} ({@link KeepalivedConfig}), {@code notify.sh},
 * the pid files, {@code keepalived.log} and {@code state.log}: the notify script appends {@code <epoch_ms> INSTANCE
 * <name> <STATE> <priority>} on every state change, and a watcher thread tails it (every {@value #POLL_MS} ms) into
 * {@link VrrpTransition}s (stamped with the script's own time, so the poll delay does not count) and the routers'
 * state. keepalived's FAULT (interface down) and STOP are reported as INIT.
 *
 * <p>configure is idempotent (same spec, nothing happens; a changed spec is checked with {@code keepalived -t},
 * written and reloaded with SIGHUP); remove and setEnabled(false) stop keepalived (SIGTERM: a MASTER sends a
 * priority-0 advert); release stops it, rewrites the priority and starts it again as BACKUP. A router runs only
 * while its machine's namespace exists ({@link MachineNet#netnsPath()}); the driver calls {@link
 * #machineStarted(UUID)}, {@link #machineStopped(UUID)} and {@link #removeMachine(UUID)}. A new instance over the
 * same state directory re-adopts the routers and their running keepalived ({@link #close()} leaves them running).
 *
 * <p>keepalived runs the notify script only if neither it nor any directory above it is writable by others than
 * root ({@code enable_script_security}): the state directory must be root's (e.g. /var/lib/zonedeck/vrrp, 0755).
 *
 * <p>Not known from keepalived's notify: the peer (last advert, its IP and priority are null) and whether a BACKUP
 * took over because the master's adverts stopped or because it sent priority 0.
 */
public final class KeepalivedVrrp implements VrrpSupport, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KeepalivedVrrp.class.getName());
    static final long POLL_MS = 50;
    static final String REASON_TAKEOVER =
            VrrpRouter.REASON_MASTER_DOWN + " or priority-0 advert received (keepalived does not tell which)";
    static final String REASON_FAULT = "interface down (keepalived FAULT)";
    static final String REASON_EXITED = "keepalived exited";
    static final String REASON_STOPPED = "keepalived stopped";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What router.json holds. */
    record Saved(UUID machine, VrrpSpec spec, boolean enabled, MachineNet net) {}

    private record Key(UUID machine, int vrid) {}

    /** One router; fields guarded by its own monitor, operations serialized by {@link #ops}. */
    private static final class Router {
        final UUID machine;
        final int vrid;
        final Path dir;
        final KeepalivedProcess process;
        VrrpSpec spec;
        MachineNet net;
        boolean enabled;
        VrrpState state = VrrpState.INIT;
        long stateSince;
        long logOffset;
        String stopReason;
        boolean releasing;
        boolean expectRunning;

        Router(UUID machine, int vrid, Path dir) {
            this.machine = machine;
            this.vrid = vrid;
            this.dir = dir;
            this.process = new KeepalivedProcess(dir);
        }

        Path stateLog() {
            return dir.resolve("state.log");
        }
    }

    private final Path stateDir;
    private final Function<UUID, Optional<MachineNet>> machines;
    private final Clock clock;
    private final Map<Key, Router> routers = new ConcurrentHashMap<>();
    private final ReentrantLock ops = new ReentrantLock();
    private final ScheduledExecutorService watcher;
    private volatile Consumer<VrrpTransition> listener = t -> {};
    private volatile boolean malformedLogged;
    private int tick;

    /**
     * Re-adopts the routers found in {@code stateDir} (created if missing) and starts the watcher thread.
     *
     * @param machines the driver's machines: empty for an unknown machine
     */
    public KeepalivedVrrp(Path stateDir, Function<UUID, Optional<MachineNet>> machines, Clock clock)
            throws DriverException {
        this.stateDir = stateDir;
        this.machines = machines;
        this.clock = clock;
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED, "cannot create VRRP state directory " + stateDir, e);
        }
        adopt();
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keepalived-watcher");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::watch, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** Whether keepalived and {@code ip netns} are installed. */
    public static boolean available() {
        try {
            return KeepalivedProcess.run(List.of("keepalived", "--version"), 10_000)
                                    .exit()
                            == 0
                    && KeepalivedProcess.run(List.of("ip", "netns", "list"), 10_000)
                                    .exit()
                            == 0;
        } catch (DriverException e) {
            return false;
        }
    }

    // --- VrrpSupport ---------------------------------------------------------------------------------------

    @Override
    public VrrpRouterInfo configure(UUID machine, VrrpSpec spec) throws DriverException {
        if (spec == null) {
            throw new DriverException(DriverException.INVALID, "a VRRP spec is required");
        }
        MachineNet net = machine == null ? null : machines.apply(machine).orElse(null);
        if (net == null) {
            throw new DriverException(DriverException.NOT_FOUND, "no machine " + machine);
        }
        List<FieldError> errors = VrrpSpecRules.check(spec, net.brand(), List.of(net.ipv4()));
        if (!errors.isEmpty()) {
            throw new DriverException(
                    DriverException.INVALID,
                    errors.stream().map(FieldError::message).collect(Collectors.joining("; ")));
        }
        ops.lock();
        try {
            Key key = new Key(machine, spec.vrid());
            Router r = routers.get(key);
            if (r != null) {
                boolean same;
                synchronized (r) {
                    same = r.spec.equals(spec) && r.net.equals(net);
                }
                if (same) {
                    if (shouldRun(r) && !r.process.running()) {
                        start(r);
                    }
                    return info(r);
                }
                boolean moved = !r.net.equals(net);
                writeFiles(r, spec, net, r.enabled);
                if (moved) {
                    stop(r, VrrpEngine.REASON_RECONFIGURED);
                }
                if (!r.process.reload() && shouldRun(r)) {
                    start(r);
                }
                return info(r);
            }
            r = new Router(machine, spec.vrid(), stateDir.resolve(machine + "-" + spec.vrid()));
            r.stateSince = clock.millis();
            try {
                writeFiles(r, spec, net, true);
                routers.put(key, r);
                if (shouldRun(r)) {
                    start(r);
                }
            } catch (DriverException e) {
                // a router that cannot be written or started is not created
                routers.remove(key);
                try {
                    r.process.stop();
                    deleteDir(r.dir);
                } catch (DriverException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            return info(r);
        } finally {
            ops.unlock();
        }
    }

    @Override
    public void remove(UUID machine, int vrid) throws DriverException {
        ops.lock();
        try {
            Router r = require(machine, vrid);
            stop(r, VrrpEngine.REASON_REMOVED);
            routers.remove(new Key(machine, vrid));
            deleteDir(r.dir);
        } finally {
            ops.unlock();
        }
    }

    @Override
    public VrrpRouterInfo setEnabled(UUID machine, int vrid, boolean enabled) throws DriverException {
        ops.lock();
        try {
            Router r = require(machine, vrid);
            if (r.enabled != enabled) {
                writeFiles(r, r.spec, r.net, enabled);
            }
            if (!enabled) {
                stop(r, VrrpRouter.REASON_DISABLED);
            } else if (shouldRun(r) && !r.process.running()) {
                start(r);
            }
            return info(r);
        } finally {
            ops.unlock();
        }
    }

    @Override
    public VrrpRouterInfo release(UUID machine, int vrid, int newPriority) throws DriverException {
        if (newPriority < 1 || newPriority > 255) {
            throw new DriverException(DriverException.INVALID, "priority must be between 1 and 255");
        }
        ops.lock();
        try {
            Router r = require(machine, vrid);
            VrrpSpec s = r.spec;
            VrrpSpec lowered = new VrrpSpec(
                    s.vrid(),
                    s.primaryIp(),
                    newPriority,
                    s.intervalMs(),
                    s.preempt(),
                    s.accept(),
                    s.vips(),
                    s.nicTag(),
                    s.vlanId());
            boolean wasRunning = r.process.running();
            try {
                if (wasRunning) {
                    synchronized (r) {
                        r.releasing = true;
                    }
                    stop(r, VrrpRouter.REASON_RELEASED);
                }
                writeFiles(r, lowered, r.net, r.enabled);
                if (wasRunning && shouldRun(r)) {
                    start(r);
                }
            } catch (DriverException e) {
                synchronized (r) {
                    r.releasing = false;
                }
                fire(forceInit(r, VrrpRouter.REASON_RELEASED));
                throw e;
            }
            return info(r);
        } finally {
            ops.unlock();
        }
    }

    @Override
    public List<VrrpRouterInfo> routers() {
        return routers.values().stream()
                .sorted(Comparator.comparing((Router r) -> r.machine).thenComparingInt(r -> r.vrid))
                .map(KeepalivedVrrp::info)
                .toList();
    }

    @Override
    public void setTransitionListener(Consumer<VrrpTransition> listener) {
        this.listener = listener == null ? t -> {} : listener;
    }

    // --- the driver's hooks --------------------------------------------------------------------------------

    /** The machine's namespace is up: start its enabled routers. */
    public void machineStarted(UUID machine) throws DriverException {
        ops.lock();
        try {
            for (Router r : routersOf(machine)) {
                machines.apply(machine).ifPresent(net -> {
                    synchronized (r) {
                        r.net = net;
                    }
                });
                if (shouldRun(r) && !r.process.running()) {
                    writeFiles(r, r.spec, r.net, r.enabled);
                    start(r);
                }
            }
        } finally {
            ops.unlock();
        }
    }

    /** The machine stops: stop its routers before its namespace goes (keepalived would keep the netns alive). */
    public void machineStopped(UUID machine) throws DriverException {
        ops.lock();
        try {
            for (Router r : routersOf(machine)) {
                stop(r, VrrpEngine.REASON_MACHINE_STOPPED);
            }
        } finally {
            ops.unlock();
        }
    }

    /** The machine is deleted: remove all its routers (no keepalived, no files left). */
    public void removeMachine(UUID machine) throws DriverException {
        ops.lock();
        try {
            for (Router r : routersOf(machine)) {
                stop(r, VrrpEngine.REASON_REMOVED);
                routers.remove(new Key(r.machine, r.vrid));
                deleteDir(r.dir);
            }
        } finally {
            ops.unlock();
        }
    }

    /** The keepalived pid of a router, 0 when it does not run (tests, diagnostics). */
    public long pid(UUID machine, int vrid) {
        Router r = routers.get(new Key(machine, vrid));
        return r == null ? 0 : r.process.pid();
    }

    /** Stops watching; keepalived keeps running, and a new instance over the same state directory re-adopts it. */
    @Override
    public void close() {
        watcher.shutdownNow();
        try {
            watcher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes every router (stops every keepalived, deletes every file), then closes. */
    public void closeAndRemoveAll() throws DriverException {
        ops.lock();
        try {
            DriverException first = null;
            for (Router r : List.copyOf(routers.values())) {
                try {
                    stop(r, VrrpEngine.REASON_REMOVED);
                    routers.remove(new Key(r.machine, r.vrid));
                    deleteDir(r.dir);
                } catch (DriverException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            ops.unlock();
            close();
        }
    }

    // --- internals -----------------------------------------------------------------------------------------

    private Router require(UUID machine, int vrid) throws DriverException {
        Router r = routers.get(new Key(machine, vrid));
        if (r == null) {
            if (machine == null || machines.apply(machine).isEmpty()) {
                throw new DriverException(DriverException.NOT_FOUND, "no machine " + machine);
            }
            throw new DriverException(DriverException.NOT_FOUND, "machine " + machine + " has no VRRP router " + vrid);
        }
        return r;
    }

    private List<Router> routersOf(UUID machine) {
        return routers.values().stream()
                .filter(r -> r.machine.equals(machine))
                .sorted(Comparator.comparingInt(r -> r.vrid))
                .toList();
    }

    private static boolean shouldRun(Router r) {
        synchronized (r) {
            return r.enabled && Files.exists(r.net.netnsPath());
        }
    }

    private void start(Router r) throws DriverException {
        String netns;
        synchronized (r) {
            netns = r.net.netns();
            r.stopReason = null;
            r.expectRunning = true;
        }
        try {
            r.process.start(netns);
        } catch (DriverException e) {
            synchronized (r) {
                r.expectRunning = false;
            }
            throw e;
        }
    }

    /** Stops keepalived (if it runs) and reports the router INIT with {@code reason}. */
    private void stop(Router r, String reason) throws DriverException {
        synchronized (r) {
            r.stopReason = reason;
            r.expectRunning = false;
        }
        r.process.stop();
        // keepalived's notify script writes STOP as it goes; give it a moment, then make sure the router is INIT
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (true) {
            poll(r);
            synchronized (r) {
                if (r.state == VrrpState.INIT || r.releasing) {
                    break;
                }
            }
            if (System.nanoTime() > deadline) {
                fire(forceInit(r, reason));
                break;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    private Optional<VrrpTransition> forceInit(Router r, String reason) {
        synchronized (r) {
            if (r.state == VrrpState.INIT) {
                return Optional.empty();
            }
            return Optional.of(transition(r, VrrpState.INIT, clock.millis(), reason));
        }
    }

    private void writeFiles(Router r, VrrpSpec spec, MachineNet net, boolean enabled) throws DriverException {
        try {
            Files.createDirectories(r.dir);
            // keepalived's enable_script_security refuses a notify script in a directory others may write
            Files.setPosixFilePermissions(r.dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path notify = r.dir.resolve("notify.sh");
            Path script = r.dir.resolve("notify.sh.new");
            Files.writeString(script, KeepalivedConfig.notifyScript(r.stateLog()), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(script, notify, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path conf = r.dir.resolve("keepalived.conf.new");
            Files.writeString(conf, KeepalivedConfig.render(r.machine, spec, net, notify), StandardCharsets.UTF_8);
            KeepalivedProcess.check(conf, net);
            Files.move(conf, r.process.conf(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path json = r.dir.resolve("router.json.new");
            JSON.writeValue(json.toFile(), new Saved(r.machine, spec, enabled, net));
            Files.move(
                    json,
                    r.dir.resolve("router.json"),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            if (!Files.exists(r.stateLog())) {
                Files.createFile(r.stateLog());
            }
        } catch (IOException e) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED, "cannot write the keepalived files in " + r.dir + ": " + e, e);
        }
        synchronized (r) {
            r.spec = spec;
            r.net = net;
            r.enabled = enabled;
        }
    }

    private static void deleteDir(Path dir) throws DriverException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new DriverException(DriverException.OPERATION_FAILED, "cannot delete " + dir + ": " + e, e);
        }
    }

    private void adopt() {
        List<Path> dirs;
        try (Stream<Path> list = Files.list(stateDir)) {
            dirs = list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list VRRP state directory " + stateDir + ": " + e);
            return;
        }
        for (Path dir : dirs) {
            Path json = dir.resolve("router.json");
            if (!Files.isRegularFile(json)) {
                continue;
            }
            try {
                Saved s = JSON.readValue(json.toFile(), Saved.class);
                if (s.machine() == null || s.spec() == null || s.net() == null) {
                    throw new IOException("machine, spec and net are required");
                }
                Router r = new Router(s.machine(), s.spec().vrid(), dir);
                r.spec = s.spec();
                r.net = s.net();
                r.enabled = s.enabled();
                r.expectRunning = r.process.running();
                r.stateSince = clock.millis();
                if (Files.exists(r.stateLog())) {
                    List<String> lines = Files.readAllLines(r.stateLog(), StandardCharsets.UTF_8);
                    r.logOffset = Files.size(r.stateLog());
                    if (r.expectRunning) {
                        for (String line : lines) {
                            parse(line).ifPresent(n -> {
                                r.state = n.state();
                                r.stateSince = n.at();
                            });
                        }
                    }
                }
                routers.put(new Key(r.machine, r.vrid), r);
                LOG.log(
                        System.Logger.Level.INFO,
                        "re-adopted VRRP router " + r.vrid + " of " + r.machine + " (" + r.state
                                + (r.expectRunning ? ", keepalived " + r.process.pid() : ", not running") + ")");
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping unreadable VRRP router state " + json + ": " + e);
            }
        }
    }

    /** The watcher: tail every state log; now and then, notice keepalived that died or lost its namespace. */
    private void watch() {
        try {
            boolean check = ++tick % Math.max(1, 1000 / POLL_MS) == 0;
            for (Router r : routers.values()) {
                poll(r);
                if (check) {
                    checkAlive(r);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "keepalived watcher: " + e, e);
        }
    }

    private void checkAlive(Router r) {
        boolean expect;
        synchronized (r) {
            expect = r.expectRunning;
        }
        if (!expect || !ops.tryLock()) {
            return;
        }
        try {
            synchronized (r) {
                if (!r.expectRunning) {
                    return;
                }
            }
            if (!Files.exists(r.net.netnsPath())) {
                stop(r, VrrpEngine.REASON_MACHINE_STOPPED);
            } else if (!r.process.running()) {
                poll(r);
                synchronized (r) {
                    r.expectRunning = false;
                }
                fire(forceInit(r, REASON_EXITED));
            }
        } catch (DriverException e) {
            LOG.log(System.Logger.Level.WARNING, "keepalived watcher: " + e.getMessage());
        } finally {
            ops.unlock();
        }
    }

    /** Reads the new lines of a router's state log and applies them. */
    private void poll(Router r) {
        List<VrrpTransition> out = new ArrayList<>();
        synchronized (r) {
            Path log = r.stateLog();
            try {
                if (!Files.exists(log)) {
                    return;
                }
                long size = Files.size(log);
                if (size < r.logOffset) {
                    r.logOffset = 0; // truncated
                }
                if (size == r.logOffset) {
                    return;
                }
                byte[] bytes;
                try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
                    f.seek(r.logOffset);
                    bytes = new byte[(int) Math.min(size - r.logOffset, 1 << 20)];
                    f.readFully(bytes);
                }
                int end = lastNewline(bytes);
                if (end < 0) {
                    return; // a line still being written
                }
                r.logOffset += end + 1;
                for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                    Optional<Notified> n = parse(line);
                    if (n.isPresent()) {
                        apply(r, n.get()).ifPresent(out::add);
                    }
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot read " + log + ": " + e);
            }
        }
        out.forEach(t -> fire(Optional.of(t)));
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** One line of the notify script: {@code <epoch_ms> INSTANCE <name> <STATE> <priority>}. */
    record Notified(long at, String keepalivedState, VrrpState state) {}

    Optional<Notified> parse(String line) {
        String[] p = line.trim().split("\\s+");
        if (p.length < 4 || !"INSTANCE".equals(p[1])) {
            if (!line.isBlank()) {
                malformed(line);
            }
            return Optional.empty();
        }
        long at;
        try {
            at = Long.parseLong(p[0]);
        } catch (NumberFormatException e) {
            malformed(line);
            return Optional.empty();
        }
        String k = p[3].toUpperCase(Locale.ROOT);
        VrrpState s = switch (k) {
            case "MASTER" -> VrrpState.MASTER;
            case "BACKUP" -> VrrpState.BACKUP;
            case "FAULT", "STOP" -> VrrpState.INIT;
            default -> null;
        };
        if (s == null) {
            malformed(line);
            return Optional.empty();
        }
        return Optional.of(new Notified(at, k, s));
    }

    private void malformed(String line) {
        if (!malformedLogged) {
            malformedLogged = true;
            LOG.log(
                    System.Logger.Level.WARNING,
                    "keepalived notify: skipping unexpected line (further ones are not logged): " + line);
        }
    }

    /** Applies one notified state; the transition, if the state changed. Caller holds r's monitor. */
    private static Optional<VrrpTransition> apply(Router r, Notified n) {
        if ("STOP".equals(n.keepalivedState()) && r.releasing) {
            return Optional.empty(); // release restarts keepalived: it goes MASTER → BACKUP, not through INIT
        }
        VrrpState from = r.state;
        String reason = switch (n.keepalivedState()) {
            case "STOP" -> r.stopReason != null ? r.stopReason : REASON_STOPPED;
            case "FAULT" -> REASON_FAULT;
            case "BACKUP" ->
                from == VrrpState.MASTER
                        ? (r.releasing ? VrrpRouter.REASON_RELEASED : VrrpRouter.REASON_HIGHER_PRIORITY)
                        : VrrpRouter.REASON_STARTUP;
            default ->
                from == VrrpState.INIT && r.spec.priority() == 255 ? VrrpRouter.REASON_OWNER_STARTUP : REASON_TAKEOVER;
        };
        if (!"STOP".equals(n.keepalivedState())) {
            r.releasing = false;
        }
        if (from == n.state()) {
            return Optional.empty();
        }
        return Optional.of(transition(r, n.state(), n.at(), reason));
    }

    private static VrrpTransition transition(Router r, VrrpState to, long at, String reason) {
        VrrpTransition t = new VrrpTransition(r.machine, r.vrid, r.state, to, at, reason, null, null);
        r.state = to;
        r.stateSince = at;
        return t;
    }

    private void fire(Optional<VrrpTransition> t) {
        if (t.isEmpty()) {
            return;
        }
        try {
            listener.accept(t.get());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "VRRP transition listener failed: " + e, e);
        }
    }

    private static VrrpRouterInfo info(Router r) {
        synchronized (r) {
            VrrpSpec s = r.spec;
            return new VrrpRouterInfo(
                    r.machine,
                    r.vrid,
                    r.state,
                    r.enabled,
                    s.priority(),
                    s.intervalMs(),
                    s.preempt(),
                    s.accept(),
                    List.copyOf(s.vips()),
                    s.primaryIp(),
                    String.format(Locale.ROOT, "00:00:5e:00:01:%02x", r.vrid),
                    r.stateSince,
                    null,
                    null,
                    null);
        }
    }
}
