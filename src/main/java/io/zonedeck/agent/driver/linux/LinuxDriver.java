package io.zonedeck.agent.driver.linux;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.AgentJson;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.Histogram;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.agent.api.NodeCapabilities;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.agent.api.SnapshotInfo;
import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.driver.Driver;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.ProgressListener;
import io.zonedeck.agent.driver.VmadmDefaults;
import io.zonedeck.agent.driver.VrrpSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The {@code linux} driver: a zone-brand machine (joyent, joyent-minimal, lx) is a process tree in its own pid,
 * mount, uts, ipc and network namespaces and its own cgroup, running its image's {@link Workload}.
 *
 * <p>Boot: the machine's network namespace {@code zd-<8 hex>} and veth pair exist from create to delete ({@link
 * LinuxNetwork}); its cgroup {@code zonedeck/<node-id>/<uuid>} ({@link Cgroups}) is throttled before anything runs
 * in it. A detached {@code setsid sh} writes its own pid into every cgroup.procs of the machine, then execs {@code
 * ip netns exec NS unshare --pid --fork --mount-proc --uts --ipc --mount} an init (pid 1 of the machine) that sets
 * the hostname, starts the workload and on SIGTERM stops it. So the machine is entirely in its cgroup before the
 * workload runs. Stop: SIGTERM to every process of the cgroup, SIGKILL after {@link LinuxSettings#stopTimeout()};
 * the machine is stopped when its cgroup is empty.
 *
 * <p>State: {@code <stateDir>/machines/<uuid>/} holds machine.json (payload, throttles, netns, veth, ip, pid), the
 * pid file, the workload's data directory and its console log. {@link #close()} leaves machines running; a new
 * driver over the same state dir re-adopts those whose pid is alive and still in its cgroup, and shows the others
 * stopped. Throttles: see {@link Throttles} (burst is an approximation) and the Cgroups implementations.
 *
 * <p>Not here: kvm/bhyve (never advertised), snapshots (NotSupported), VRRP (the keepalived support plugs in by
 * {@link #machineNet(UUID)}), latency distributions (plug in a {@link LatencySource}).
 */
public final class LinuxDriver implements Driver {
    public static final List<String> BRANDS = List.of("joyent", "joyent-minimal", "lx");
    public static final List<String> PROVISION_STEPS =
            List.of("validating payload", "creating cgroup", "configuring network", "booting");

    private static final Logger LOG = Logger.getLogger(LinuxDriver.class.getName());
    private static final Set<MachineState> BUSY =
            Set.of(MachineState.PROVISIONING, MachineState.STARTING, MachineState.STOPPING);

    /** The wrapper that puts itself into the machine's cgroups, then becomes the machine. */
    static final String OUTER = """
            pidfile=$1; ns=$2; host=$3; data=$4; work=$5; init=$6; shift 6
            for f in "$@"; do echo $$ > "$f" || exit 111; done
            echo $$ > "$pidfile" || exit 112
            exec ip netns exec "$ns" unshare --pid --fork --mount-proc --uts --ipc --mount \
              sh -c "$init" zd-init "$host" "$data" "$work" "$pidfile.booted"
            """;

    /**
     * The machine's pid 1: first its SIGTERM handler (pid 1 of a namespace ignores signals it has no handler for),
     * then hostname, booted marker and the workload as its child.
     */
    static final String INIT = """
            trap 'kill -TERM $c 2>/dev/null; wait; exit 0' TERM INT
            hostname "$1" || exit 113
            cd "$2" || exit 114
            : > "$4" || exit 115
            sh -c "$3" &
            c=$!
            wait $c
            """;

    /** Per-second latency distributions of machines, by their pids (the bpftrace support plugs in here). */
    public interface LatencySource {
        /** The distribution keys it measures (runq_latency, disk_latency). */
        Set<String> distributions();

        /** This second's [runq, disk] histograms per machine (null entries where not measured). */
        Map<UUID, Histogram[]> latencies(Map<UUID, Set<Integer>> pidsByMachine);
    }

    private final LinuxSettings settings;
    private final Cgroups cgroups;
    private final LinuxNetwork network;
    private final Map<UUID, Workload> workloads;
    private final Optional<String> device;
    private final NodeResources resources;
    private volatile NodeCapabilities capabilities;
    /** keepalived VRRP, where the host has keepalived ({@link #enableHostFeatures()}). */
    private volatile KeepalivedVrrp keepalived;
    /** bpftrace latency tracing, where the host runs bpftrace ({@link #enableHostFeatures()}). */
    private volatile BpftraceLatency bpftrace;

    private final Clock clock;
    private final ObjectMapper json = AgentJson.newMapper();
    private final Map<UUID, LinuxMachine> machines = new LinkedHashMap<>();
    private final Object sampleLock = new Object();
    private volatile LatencySource latency;
    private ProcFiles.CpuTimes lastNodeCpu;

    /** Checks the host and opens the driver over the settings' state dir (re-adopting running machines). */
    public static LinuxDriver open(LinuxSettings settings) {
        return open(settings, Map.of());
    }

    /** As {@link #open(LinuxSettings)}, with extra workloads for tests (a memory hog). */
    static LinuxDriver open(LinuxSettings settings, Map<UUID, Workload> extraWorkloads) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            throw new IllegalStateException("the linux driver needs Linux, this is " + System.getProperty("os.name"));
        }
        if (!isRoot()) {
            throw new IllegalStateException("the linux driver needs root (cgroups, namespaces, veth)");
        }
        for (String[] tool : List.of(
                new String[] {"ip", "-V"}, new String[] {"unshare", "--version"}, new String[] {"setsid", "--version"
                })) {
            if (!Commands.works(tool)) {
                throw new IllegalStateException("the linux driver needs `" + tool[0] + "`, which does not run here");
            }
        }
        String mounts = ProcFiles.read(Path.of("/proc/self/mounts"))
                .orElseThrow(() -> new IllegalStateException("/proc/self/mounts is missing"));
        Cgroups cgroups = Cgroups.detect(mounts);
        Map<UUID, Workload> workloads = new LinkedHashMap<>(Workload.forHost());
        workloads.putAll(extraWorkloads);
        try {
            return new LinuxDriver(settings, cgroups, workloads, Clock.systemUTC());
        } catch (DriverException e) {
            throw new IllegalStateException("the linux driver cannot start: " + e.getMessage(), e);
        }
    }

    private static boolean isRoot() {
        return ProcFiles.read(Path.of("/proc/self/status"))
                .map(s -> s.lines()
                        .filter(l -> l.startsWith("Uid:"))
                        .anyMatch(l -> l.split("\\s+").length > 2 && l.split("\\s+")[2].equals("0")))
                .orElse(false);
    }

    LinuxDriver(LinuxSettings settings, Cgroups cgroups, Map<UUID, Workload> workloads, Clock clock)
            throws DriverException {
        this.settings = settings;
        this.cgroups = cgroups;
        this.workloads = Map.copyOf(workloads);
        this.clock = clock;
        this.network = new LinuxNetwork(settings.bridge(), settings.ipBase());
        try {
            Files.createDirectories(machinesDir());
        } catch (IOException e) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED, "cannot create state dir " + machinesDir() + ": " + e, e);
        }
        cgroups.create(nodeGroup());
        this.device = BlockDevices.diskOf(settings.stateDir());
        this.resources = hostResources(settings.stateDir());
        this.capabilities = capabilitiesOf(null);
        readopt();
    }

    private NodeCapabilities capabilitiesOf(LatencySource source) {
        Set<String> throttles = new HashSet<>(cgroups.throttles(nodeGroup(), device.isPresent()));
        if (!ioWeightWorks()) {
            throttles.remove("zfs_io_priority");
        }
        Set<String> metrics = new HashSet<>(Set.of(
                "cpu",
                "cpu_cap",
                "cpu_shares",
                "memory",
                "memory_cap",
                "disk_read",
                "disk_write",
                "disk_read_ops",
                "disk_write_ops",
                "net_rx",
                "net_tx",
                "net_rx_packets",
                "net_tx_packets",
                "lwps"));
        if (throttles.contains("cpu_baseline")) {
            metrics.add("cpu_baseline");
        }
        if (cgroups.measuresSwap(nodeGroup())) {
            metrics.add("swap");
        }
        List<String> images = workloads.keySet().stream()
                .filter(u -> io.zonedeck.agent.api.WorkloadImages.find(u).isPresent())
                .map(UUID::toString)
                .toList();
        return new NodeCapabilities(
                BRANDS,
                throttles,
                metrics,
                source == null ? Set.of() : source.distributions(),
                keepalived != null,
                false,
                images);
    }

    /**
     * An I/O weight (blkio.bfq.weight, io.weight) only acts under the bfq scheduler (or v1's legacy CFQ with
     * blkio.weight; v2's iocost is not configured by this driver).
     */
    private boolean ioWeightWorks() {
        if (device.isEmpty()) {
            return false;
        }
        if (cgroups instanceof CgroupV1
                && cgroups.procsFiles(nodeGroup()).stream()
                        .anyMatch(f -> Files.exists(f.resolveSibling("blkio.weight")))) {
            return true;
        }
        return ProcFiles.read(Path.of("/sys/dev/block", device.get(), "queue", "scheduler"))
                .orElse("")
                .contains("[bfq]");
    }

    private static NodeResources hostResources(Path stateDir) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = ProcFiles.read(Path.of("/proc/sys/kernel/hostname"))
                    .orElse("linux")
                    .trim();
        }
        long ramMiB = ProcFiles.read(Path.of("/proc/meminfo"))
                .map(ProcFiles::meminfo)
                .map(m -> m.getOrDefault("MemTotal", 1024L) / 1024)
                .orElse(1L);
        long diskGiB;
        try {
            diskGiB = Math.max(1, Files.getFileStore(stateDir).getTotalSpace() >> 30);
        } catch (IOException e) {
            diskGiB = 1;
        }
        return new NodeResources(
                host, Runtime.getRuntime().availableProcessors(), Math.max(1, ramMiB), diskGiB, BRANDS);
    }

    @Override
    public String name() {
        return "linux";
    }

    @Override
    public NodeResources resources() {
        return resources;
    }

    @Override
    public NodeCapabilities capabilities() {
        return capabilities;
    }

    /** Plugs in latency distributions (bpftrace): sample() then asks it every second; null unplugs. */
    public void setLatencySource(LatencySource source) {
        this.latency = source;
        this.capabilities = capabilitiesOf(source);
    }

    /**
     * Turns on what this host has beyond cgroups and namespaces: VRRP with keepalived (routers' state under
     * {@code <stateDir>/vrrp}) and latency distributions from bpftrace (attached in the background: it takes a
     * second or two; the capabilities say so once it runs). Each is left out, with the reason logged, where the
     * host lacks it.
     */
    public void enableHostFeatures() {
        if (KeepalivedVrrp.available()) {
            try {
                keepalived = new KeepalivedVrrp(settings.stateDir().resolve("vrrp"), this::machineNet, clock);
                capabilities = capabilitiesOf(latency);
            } catch (DriverException e) {
                LOG.warning("no VRRP on node " + settings.nodeId() + ": " + e.getMessage());
            }
        } else {
            LOG.info("keepalived is not installed: node " + settings.nodeId() + " offers no VRRP");
        }
        if (!BpftraceLatency.available()) {
            LOG.info("no latency distributions on node " + settings.nodeId() + ": "
                    + BpftraceLatency.unavailableReason().orElse("bpftrace does not run"));
            return;
        }
        Thread attach = new Thread(
                () -> {
                    try {
                        BpftraceLatency b = BpftraceLatency.start(clock, 30_000);
                        bpftrace = b;
                        setLatencySource(new BpftraceSource(b));
                    } catch (DriverException | RuntimeException e) {
                        LOG.warning("bpftrace did not start on node " + settings.nodeId() + ": " + e.getMessage());
                    }
                },
                "linux-bpftrace-attach");
        attach.setDaemon(true);
        attach.start();
    }

    /** bpftrace's latest second as a {@link LatencySource}: nothing (null, not zero) when it is stale or gone. */
    private record BpftraceSource(BpftraceLatency bpftrace) implements LatencySource {
        @Override
        public Set<String> distributions() {
            return Set.of("runq_latency", "disk_latency");
        }

        @Override
        public Map<UUID, Histogram[]> latencies(Map<UUID, Set<Integer>> pidsByMachine) {
            Optional<BpftraceInterval> latest = bpftrace.latest();
            if (latest.isEmpty()) {
                return Map.of();
            }
            Map<UUID, Histogram[]> out = new LinkedHashMap<>();
            pidsByMachine.forEach((uuid, pids) -> out.put(
                    uuid, new Histogram[] {latest.get().runq(pids), latest.get().disk(pids)}));
            return out;
        }
    }

    @Override
    public Optional<VrrpSupport> vrrp() {
        return Optional.ofNullable(keepalived);
    }

    /** What keepalived needs of a machine; empty for an unknown one. */
    synchronized Optional<MachineNet> machineNet(UUID uuid) {
        LinuxMachine m = machines.get(uuid);
        return m == null
                ? Optional.empty()
                : Optional.of(
                        new MachineNet(m.netns, LinuxNetwork.INSIDE_IF, m.ip, LinuxNetwork.PREFIX, m.payload.brand()));
    }

    private void vrrpStarted(UUID uuid) {
        KeepalivedVrrp k = keepalived;
        if (k != null) {
            try {
                k.machineStarted(uuid);
            } catch (DriverException e) {
                LOG.warning("VRRP routers of " + uuid + " did not start: " + e.getMessage());
            }
        }
    }

    private void vrrpStopped(UUID uuid, boolean removed) {
        KeepalivedVrrp k = keepalived;
        if (k != null) {
            try {
                if (removed) {
                    k.removeMachine(uuid);
                } else {
                    k.machineStopped(uuid);
                }
            } catch (DriverException e) {
                LOG.warning("VRRP routers of " + uuid + " did not stop: " + e.getMessage());
            }
        }
    }

    public LinuxSettings settings() {
        return settings;
    }

    // ---- list, get ----

    @Override
    public synchronized List<MachineInfo> list() {
        return machines.values().stream()
                .map(this::refreshed)
                .map(LinuxMachine::info)
                .toList();
    }

    @Override
    public synchronized Optional<MachineInfo> get(UUID uuid) {
        return Optional.ofNullable(machines.get(uuid)).map(this::refreshed).map(LinuxMachine::info);
    }

    /** A running machine whose process is gone is stopped (its workload ended or was OOM-killed). */
    private LinuxMachine refreshed(LinuxMachine m) {
        if (m.state == MachineState.RUNNING && !m.alive()) {
            m.state = MachineState.STOPPED;
            m.pid = null;
            m.last = null;
            saveQuietly(m);
        }
        return m;
    }

    // ---- lifecycle ----

    @Override
    public void create(CreatePayload p, ProgressListener progress) throws DriverException {
        LinuxMachine m;
        synchronized (this) {
            m = admit(p);
        }
        try {
            step(m, progress, 0);
            save(m);
            step(m, progress, 1);
            prepareCgroup(m);
            step(m, progress, 2);
            network.setUp(m.netns, m.veth, m.ip);
            step(m, progress, 3);
            launch(m);
            vrrpStarted(m.uuid());
        } catch (DriverException | RuntimeException e) {
            String message = e.getMessage();
            synchronized (this) {
                m.state = MachineState.FAILED;
                m.error = message;
                m.step = null;
                m.progress = null;
            }
            killAll(m, 2000);
            saveQuietly(m);
            throw e instanceof DriverException de
                    ? de
                    : new DriverException(DriverException.OPERATION_FAILED, "create failed: " + message, e);
        }
        synchronized (this) {
            m.step = null;
            m.progress = null;
        }
    }

    private void step(LinuxMachine m, ProgressListener progress, int i) {
        int pct = List.of(10, 40, 70, 90).get(i);
        synchronized (this) {
            m.step = PROVISION_STEPS.get(i);
            m.progress = pct;
        }
        progress.step(PROVISION_STEPS.get(i), pct);
    }

    private LinuxMachine admit(CreatePayload p) throws DriverException {
        if (p == null || p.uuid() == null) {
            throw new DriverException(DriverException.INVALID, "uuid is required");
        }
        if (machines.containsKey(p.uuid())) {
            throw new DriverException(DriverException.DUPLICATE, "machine " + p.uuid() + " already exists");
        }
        if (p.brand() == null || !BRANDS.contains(p.brand())) {
            throw new DriverException(
                    DriverException.INVALID,
                    "brand " + p.brand() + " is not supported by the linux driver (it runs " + BRANDS + ")");
        }
        if (p.imageUuid() == null || !workloads.containsKey(p.imageUuid())) {
            throw new DriverException(
                    DriverException.INVALID,
                    "image " + p.imageUuid() + " is not a workload of this linux node; it runs "
                            + capabilities.images());
        }
        String hex = LinuxMachine.hex(p.uuid());
        for (LinuxMachine other : machines.values()) {
            if (other.hex.equals(hex)) {
                throw new DriverException(
                        DriverException.DUPLICATE,
                        "machine " + other.uuid() + " already uses the names zd-" + hex + " / zdv" + hex);
            }
        }
        Throttles t = Throttles.of(p);
        long ram = t.maxPhysicalMemory();
        for (LinuxMachine other : machines.values()) {
            ram += other.throttles.maxPhysicalMemory();
        }
        if (ram > resources.ramMiB()) {
            throw new DriverException(
                    DriverException.INSUFFICIENT_CAPACITY,
                    "not enough memory: " + ram + " MiB needed, node has " + resources.ramMiB() + " MiB");
        }
        String ip = address(p);
        List<Nic> nics = nicsOf(p, ip, hex);
        LinuxMachine m = new LinuxMachine(
                new LinuxMachine.Saved(
                        p,
                        p.alias(),
                        t,
                        VmadmDefaults.diskGiB(p),
                        VmadmDefaults.maxSwapMiB(p),
                        nics,
                        p.tags(),
                        p.customerMetadata(),
                        clock.instant(),
                        "zd-" + hex,
                        "zdv" + hex,
                        ip,
                        null,
                        null),
                MachineState.PROVISIONING);
        machines.put(p.uuid(), m);
        return m;
    }

    /** The primary NIC's address if it is in ipBase and free; else the lowest free .10 .. .254. */
    private String address(CreatePayload p) throws DriverException {
        Set<String> used = new HashSet<>();
        machines.values().forEach(m -> used.add(m.ip));
        if (p.nics() != null) {
            for (Nic nic : p.nics()) {
                if (nic == null || nic.ips() == null || (nic.primary() != null && !nic.primary())) {
                    continue;
                }
                for (String ip : nic.ips()) {
                    String bare = ip == null ? "" : ip.replaceAll("/.*", "");
                    if (bare.startsWith(settings.ipBase() + ".")) {
                        String last = bare.substring(settings.ipBase().length() + 1);
                        if (last.matches("\\d{1,3}") && Integer.parseInt(last) >= 2 && Integer.parseInt(last) <= 254) {
                            if (used.contains(bare)) {
                                throw new DriverException(
                                        DriverException.DUPLICATE, "address " + bare + " is in use on this node");
                            }
                            return bare;
                        }
                    }
                }
            }
        }
        for (int host = 10; host <= 254; host++) {
            String ip = settings.ipBase() + "." + host;
            if (!used.contains(ip)) {
                return ip;
            }
        }
        throw new DriverException(
                DriverException.INSUFFICIENT_CAPACITY, "no free address left in " + settings.ipBase() + ".0/24");
    }

    private List<Nic> nicsOf(CreatePayload p, String ip, String hex) {
        String mac = "90:b8:d1:" + hex.substring(0, 2) + ":" + hex.substring(2, 4) + ":" + hex.substring(4, 6);
        Nic primary = null;
        if (p.nics() != null) {
            primary = p.nics().stream()
                    .filter(n -> n != null && Boolean.TRUE.equals(n.primary()))
                    .findFirst()
                    .orElse(p.nics().stream().filter(n -> n != null).findFirst().orElse(null));
        }
        return List.of(new Nic(
                primary != null && primary.nicTag() != null ? primary.nicTag() : settings.bridge(),
                List.of(ip + "/" + LinuxNetwork.PREFIX),
                List.of(),
                0,
                true,
                primary != null && primary.mac() != null ? primary.mac() : mac,
                VmadmDefaults.MTU));
    }

    @Override
    public void start(UUID uuid) throws DriverException {
        LinuxMachine m;
        synchronized (this) {
            m = refreshed(require(uuid));
            if (m.state == MachineState.RUNNING) {
                return;
            }
            requireState(m, MachineState.STOPPED, "start");
            m.state = MachineState.STARTING;
        }
        boot(m);
    }

    private void boot(LinuxMachine m) throws DriverException {
        try {
            prepareCgroup(m);
            network.setUp(m.netns, m.veth, m.ip);
            launch(m);
            vrrpStarted(m.uuid());
        } catch (DriverException | RuntimeException e) {
            killAll(m, 2000);
            synchronized (this) {
                m.state = MachineState.STOPPED;
                m.pid = null;
            }
            saveQuietly(m);
            throw e instanceof DriverException de
                    ? de
                    : new DriverException(DriverException.OPERATION_FAILED, "start failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop(UUID uuid) throws DriverException {
        LinuxMachine m;
        synchronized (this) {
            m = refreshed(require(uuid));
            if (m.state == MachineState.STOPPED) {
                return;
            }
            requireState(m, MachineState.RUNNING, "stop");
            m.state = MachineState.STOPPING;
        }
        halt(m);
    }

    /** SIGTERM to everything in the machine's cgroup, SIGKILL after the stop timeout; stopped when empty. */
    private void halt(LinuxMachine m) throws DriverException {
        vrrpStopped(m.uuid(), false);
        boolean empty = terminate(m);
        synchronized (this) {
            m.state = empty ? MachineState.STOPPED : MachineState.RUNNING;
            if (empty) {
                m.pid = null;
                m.last = null;
            }
        }
        saveQuietly(m);
        if (!empty) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED,
                    "processes " + cgroups.pids(group(m)) + " of machine " + m.uuid() + " survived SIGKILL");
        }
    }

    private boolean terminate(LinuxMachine m) {
        signalAll(m, false);
        if (waitEmpty(m, settings.stopTimeout().toMillis())) {
            return true;
        }
        return killAll(m, 3000);
    }

    /** SIGKILL to everything in the cgroup (repeated: a fork may race); whether it is empty within the time. */
    private boolean killAll(LinuxMachine m, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        do {
            signalAll(m, true);
            if (waitEmpty(m, 100)) {
                return true;
            }
        } while (System.nanoTime() < deadline);
        return cgroups.pids(group(m)).isEmpty();
    }

    private void signalAll(LinuxMachine m, boolean kill) {
        for (int pid : cgroups.pids(group(m))) {
            ProcessHandle.of(pid).ifPresent(h -> {
                if (kill) {
                    h.destroyForcibly();
                } else {
                    h.destroy();
                }
            });
        }
    }

    private boolean waitEmpty(LinuxMachine m, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!cgroups.pids(group(m)).isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void reboot(UUID uuid) throws DriverException {
        LinuxMachine m;
        synchronized (this) {
            m = refreshed(require(uuid));
            requireState(m, MachineState.RUNNING, "reboot");
            m.state = MachineState.STOPPING;
        }
        halt(m);
        synchronized (this) {
            m.state = MachineState.STARTING;
        }
        boot(m);
    }

    @Override
    public void delete(UUID uuid) throws DriverException {
        LinuxMachine m;
        synchronized (this) {
            m = refreshed(require(uuid));
            if (BUSY.contains(m.state)) {
                throw new DriverException(DriverException.INVALID_STATE, "cannot delete while " + m.state.wire());
            }
            if (m.state == MachineState.RUNNING) {
                m.state = MachineState.STOPPING;
            }
        }
        vrrpStopped(uuid, true);
        if (!terminate(m)) {
            synchronized (this) {
                m.state = MachineState.FAILED;
                m.error = "processes " + cgroups.pids(group(m)) + " survived SIGKILL";
            }
            throw new DriverException(DriverException.OPERATION_FAILED, "cannot delete " + uuid + ": " + m.error);
        }
        synchronized (this) {
            m.state = MachineState.STOPPED;
            m.pid = null;
        }
        network.tearDown(m.netns, m.veth);
        cgroups.delete(group(m));
        deleteTree(machineDir(uuid));
        synchronized (this) {
            machines.remove(uuid);
        }
    }

    @Override
    public void update(UUID uuid, UpdatePayload u) throws DriverException {
        if (u == null) {
            throw new DriverException(DriverException.INVALID, "update payload is required");
        }
        LinuxMachine m;
        Throttles next;
        synchronized (this) {
            m = require(uuid);
            next = m.throttles.with(u);
            long ram = next.maxPhysicalMemory();
            for (LinuxMachine other : machines.values()) {
                ram += other == m ? 0 : other.throttles.maxPhysicalMemory();
            }
            if (ram > resources.ramMiB()) {
                throw new DriverException(
                        DriverException.INSUFFICIENT_CAPACITY,
                        "not enough memory: " + ram + " MiB needed, node has " + resources.ramMiB() + " MiB");
            }
        }
        if (m.state != MachineState.PROVISIONING && Files.isDirectory(groupProbe(m))) {
            cgroups.apply(group(m), next, device.orElse(null), settings.periodUs());
        }
        synchronized (this) {
            m.throttles = next;
            if (u.alias() != null) {
                m.alias = u.alias();
            }
            if (u.quota() != null) {
                m.quota = u.quota();
            }
            m.maxSwap = u.maxSwap() != null ? u.maxSwap() : Math.max(m.maxSwap, next.maxPhysicalMemory());
            apply(m.tags, u.setTags(), u.removeTags());
            apply(m.customerMetadata, u.setCustomerMetadata(), u.removeCustomerMetadata());
        }
        save(m);
    }

    private static void apply(Map<String, String> target, Map<String, String> set, List<String> remove) {
        if (set != null) {
            set.forEach((k, v) -> {
                if (k != null && v != null) {
                    target.put(k, v);
                }
            });
        }
        if (remove != null) {
            remove.forEach(target::remove);
        }
    }

    @Override
    public synchronized List<SnapshotInfo> snapshots(UUID uuid) throws DriverException {
        require(uuid);
        return List.of();
    }

    @Override
    public void createSnapshot(UUID uuid, String name) throws DriverException {
        throw noSnapshots();
    }

    @Override
    public void rollbackSnapshot(UUID uuid, String name) throws DriverException {
        throw noSnapshots();
    }

    @Override
    public void deleteSnapshot(UUID uuid, String name) throws DriverException {
        throw noSnapshots();
    }

    private static DriverException noSnapshots() {
        return new DriverException(DriverException.NOT_SUPPORTED, "the linux driver has no snapshots");
    }

    /** Leaves machines (and their keepalived) running: a new driver over the same state dir re-adopts them. */
    @Override
    public void close() {
        KeepalivedVrrp k = keepalived;
        if (k != null) {
            k.close();
        }
        setLatencySource(null);
        BpftraceLatency b = bpftrace;
        if (b != null) {
            b.close();
        }
    }

    // ---- cgroup and process ----

    String nodeGroup() {
        return "zonedeck/" + settings.nodeId();
    }

    String group(LinuxMachine m) {
        return nodeGroup() + "/" + m.uuid();
    }

    /** A directory that exists while the machine's group does (the first cgroup.procs file's). */
    private Path groupProbe(LinuxMachine m) {
        return cgroups.procsFiles(group(m)).get(0).getParent();
    }

    private void prepareCgroup(LinuxMachine m) throws DriverException {
        cgroups.create(group(m));
        cgroups.apply(group(m), m.throttles, device.orElse(null), settings.periodUs());
        if (m.cpus != null) {
            cgroups.pin(group(m), m.cpus);
        }
    }

    /**
     * Starts the machine's init detached; returns once it is in its cgroup (the pid file is written) and its init
     * has set the hostname (the booted marker is written).
     */
    private void launch(LinuxMachine m) throws DriverException {
        if (!cgroups.pids(group(m)).isEmpty() && !killAll(m, 3000)) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED, "old processes " + cgroups.pids(group(m)) + " remain");
        }
        Workload w = workloads.get(m.payload.imageUuid());
        if (w == null) {
            throw new DriverException(
                    DriverException.INVALID,
                    "image " + m.payload.imageUuid() + " of machine " + m.uuid() + " is no longer runnable here");
        }
        Path dir = machineDir(m.uuid());
        Path data = dir.resolve("data");
        Path pidFile = dir.resolve("pid");
        Path log = dir.resolve("console.log");
        Path booted = dir.resolve("pid.booted");
        try {
            Files.createDirectories(data);
            Files.deleteIfExists(pidFile);
            Files.deleteIfExists(booted);
        } catch (IOException e) {
            throw new DriverException(DriverException.OPERATION_FAILED, "cannot prepare " + dir + ": " + e, e);
        }
        List<String> cmd = new ArrayList<>(List.of(
                "setsid",
                "sh",
                "-c",
                OUTER,
                "zd-wrap",
                pidFile.toString(),
                m.netns,
                m.hostname(),
                data.toString(),
                w.script(),
                INIT));
        cgroups.procsFiles(group(m)).forEach(f -> cmd.add(f.toString()));
        Process p;
        try {
            p = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(Commands.devNull()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED, "cannot start machine " + m.uuid() + ": " + e, e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Integer pid = null;
        while (pid == null && System.nanoTime() < deadline) {
            String text = ProcFiles.read(pidFile).orElse("").trim();
            if (!text.isEmpty() && Files.exists(booted)) {
                try {
                    pid = Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    throw new DriverException(
                            DriverException.OPERATION_FAILED, "the pid file " + pidFile + " holds '" + text + "'");
                }
            } else if (!p.isAlive()) {
                throw new DriverException(
                        DriverException.OPERATION_FAILED,
                        "machine " + m.uuid() + " did not boot: its wrapper exited " + p.exitValue() + " (" + tail(log)
                                + ")");
            } else {
                sleep(10);
            }
        }
        if (pid == null) {
            p.destroyForcibly();
            throw new DriverException(
                    DriverException.OPERATION_FAILED, "machine " + m.uuid() + " did not boot within 10 s");
        }
        synchronized (this) {
            m.pid = pid;
            m.state = MachineState.RUNNING;
            m.error = null;
            m.last = null;
        }
        save(m);
    }

    private static String tail(Path log) {
        String s = ProcFiles.read(log).orElse("").strip();
        return s.length() > 300 ? "…" + s.substring(s.length() - 300) : s.isEmpty() ? "no output" : s;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- tests and integration hooks ----

    /** Restricts a machine to CPUs (cpuset syntax), now and at its next boots (tests pin burners to one CPU). */
    void pin(UUID uuid, String cpus) throws DriverException {
        LinuxMachine m;
        synchronized (this) {
            m = require(uuid);
            m.cpus = cpus;
        }
        cgroups.pin(group(m), cpus);
        save(m);
    }

    /** The pid of each running machine's processes, from its cgroup (for latency tracing). */
    Map<UUID, Set<Integer>> machinePids() {
        List<LinuxMachine> running;
        synchronized (this) {
            running = machines.values().stream()
                    .filter(m -> m.state == MachineState.RUNNING)
                    .toList();
        }
        Map<UUID, Set<Integer>> out = new LinkedHashMap<>();
        for (LinuxMachine m : running) {
            out.put(m.uuid(), cgroups.pids(group(m)));
        }
        return out;
    }

    /** A real shell inside the running machine, or its console log ({@link LinuxConsole}). */
    @Override
    public io.zonedeck.agent.driver.ConsoleSession openConsole(
            UUID uuid, io.zonedeck.agent.api.ConsoleKind kind, int cols, int rows) throws DriverException {
        LinuxMachine m;
        synchronized (this) {
            m = machines.get(uuid);
        }
        if (m == null) {
            throw new DriverException(DriverException.NOT_FOUND, "no machine " + uuid);
        }
        int init = initPid(uuid)
                .orElseThrow(() ->
                        new DriverException(DriverException.INVALID_STATE, "machine " + uuid + " is not running"));
        return LinuxConsole.open(
                uuid,
                kind,
                cols,
                rows,
                init,
                m.hostname(),
                cgroups.procsFiles(group(m)),
                machineDir(uuid).resolve("console.log"));
    }

    /** A machine's pid as recorded (the wrapper that became {@code unshare}); empty unless running. */
    synchronized Optional<Integer> pid(UUID uuid) {
        LinuxMachine m = machines.get(uuid);
        return m == null || m.state != MachineState.RUNNING ? Optional.empty() : Optional.ofNullable(m.pid);
    }

    /**
     * The machine's init, pid 1 of its pid namespace (as seen from the host): the child of the recorded pid, once
     * {@code unshare} has forked it.
     */
    Optional<Integer> initPid(UUID uuid) {
        Optional<Integer> pid = pid(uuid);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        String children = ProcFiles.read(Path.of("/proc", "" + pid.get(), "task", "" + pid.get(), "children"))
                .orElse("")
                .trim();
        if (children.isEmpty()) {
            return Optional.empty();
        }
        int child = Integer.parseInt(children.split("\\s+")[0]);
        // until unshare has forked, the child may be a tool of the wrapper: pid 1 of a pid namespace it must be
        boolean init = ProcFiles.read(Path.of("/proc", "" + child, "status"))
                .orElse("")
                .lines()
                .anyMatch(l -> l.startsWith("NSpid:")
                        && l.trim().split("\\s+").length > 2
                        && l.trim().endsWith("\t1"));
        return init ? Optional.of(child) : Optional.empty();
    }

    /** The machine's cgroup, relative to each hierarchy's root: zonedeck/&lt;node&gt;/&lt;uuid&gt;. */
    String cgroupOf(UUID uuid) {
        return nodeGroup() + "/" + uuid;
    }

    Cgroups cgroups() {
        return cgroups;
    }

    LinuxNetwork network() {
        return network;
    }

    /** OOM kills in the machine's memory cgroup so far (-1 when not measured). */
    long oomKills(UUID uuid) {
        return cgroups.usage(cgroupOf(uuid)).oomKills();
    }

    // ---- sampling ----

    @Override
    public NodeSample sample() {
        synchronized (sampleLock) {
            List<LinuxMachine> running;
            synchronized (this) {
                running = machines.values().stream()
                        .map(this::refreshed)
                        .filter(m -> m.state == MachineState.RUNNING)
                        .toList();
            }
            LatencySource source = latency;
            Map<UUID, Histogram[]> latencies = Map.of();
            if (source != null) {
                try {
                    latencies = source.latencies(machinePids());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "latency source failed", e);
                }
            }
            List<MachineSample> samples = new ArrayList<>(running.size());
            for (LinuxMachine m : running) {
                try {
                    samples.add(sample(m, latencies.get(m.uuid())));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "cannot sample machine " + m.uuid() + ": " + e.getMessage());
                }
            }
            return new NodeSample(nodeCpu(), nodeMemory(), samples);
        }
    }

    private MachineSample sample(LinuxMachine m, Histogram[] latency) {
        Cgroups.Usage u = cgroups.usage(group(m));
        long now = System.nanoTime();
        LinuxMachine.Counters c = new LinuxMachine.Counters(
                now,
                u.cpuNs(),
                u.readBytes(),
                u.writeBytes(),
                u.readOps(),
                u.writeOps(),
                LinuxNetwork.vethCounter(m.veth, "tx_bytes"), // what the host side sends, the machine receives
                LinuxNetwork.vethCounter(m.veth, "rx_bytes"),
                LinuxNetwork.vethCounter(m.veth, "tx_packets"),
                LinuxNetwork.vethCounter(m.veth, "rx_packets"));
        LinuxMachine.Counters last = m.last;
        m.last = c;
        double seconds = last == null ? 0 : (now - last.nanos()) / 1e9;
        Throttles t = m.throttles;
        return new MachineSample(
                m.uuid(),
                seconds <= 0
                        ? 0
                        : Math.round(rate(c.cpuNs(), last == null ? 0 : last.cpuNs(), seconds) / 1e7 * 10) / 10.0,
                t.cpuCap(),
                Math.max(0, u.memoryBytes()) >> 20,
                t.maxPhysicalMemory(),
                perSecond(c.readBytes(), last == null ? 0 : last.readBytes(), seconds),
                perSecond(c.writeBytes(), last == null ? 0 : last.writeBytes(), seconds),
                perSecond(c.rxBytes(), last == null ? 0 : last.rxBytes(), seconds),
                perSecond(c.txBytes(), last == null ? 0 : last.txBytes(), seconds),
                t.cpuShares(),
                t.bursting() ? t.cpuBaseline() : 0,
                0,
                0,
                perSecond(c.readOps(), last == null ? 0 : last.readOps(), seconds),
                perSecond(c.writeOps(), last == null ? 0 : last.writeOps(), seconds),
                0,
                (int) Math.max(0, u.lwps()),
                Math.max(0, u.swapBytes()) >> 20,
                perSecond(c.rxPackets(), last == null ? 0 : last.rxPackets(), seconds),
                perSecond(c.txPackets(), last == null ? 0 : last.txPackets(), seconds),
                null,
                null,
                latency == null || latency.length < 2 ? null : latency[1],
                latency == null || latency.length < 1 ? null : latency[0]);
    }

    /** The increase per second; 0 without a previous reading, when unmeasured (-1) or when a counter reset. */
    private static double rate(long now, long before, double seconds) {
        if (seconds <= 0 || now < 0 || before < 0 || now < before) {
            return 0;
        }
        return (now - before) / seconds;
    }

    private static long perSecond(long now, long before, double seconds) {
        return Math.round(rate(now, before, seconds));
    }

    private double nodeCpu() {
        try {
            ProcFiles.CpuTimes now =
                    ProcFiles.procStat(ProcFiles.read(Path.of("/proc/stat")).orElse(""));
            ProcFiles.CpuTimes before = lastNodeCpu;
            lastNodeCpu = now;
            if (before == null || now.total() <= before.total()) {
                return 0;
            }
            return Math.round(1000.0 * (now.busy() - before.busy()) / (now.total() - before.total())) / 10.0;
        } catch (IllegalArgumentException e) {
            LOG.warning(e.getMessage());
            return 0;
        }
    }

    private static long nodeMemory() {
        try {
            return ProcFiles.memUsedMiB(
                    ProcFiles.meminfo(ProcFiles.read(Path.of("/proc/meminfo")).orElse("")));
        } catch (IllegalArgumentException e) {
            LOG.warning(e.getMessage());
            return 0;
        }
    }

    // ---- state dir ----

    private Path machinesDir() {
        return settings.stateDir().resolve("machines");
    }

    private Path machineDir(UUID uuid) {
        return machinesDir().resolve(uuid.toString());
    }

    private void save(LinuxMachine m) throws DriverException {
        LinuxMachine.Saved saved;
        synchronized (this) {
            saved = m.saved();
        }
        Path dir = machineDir(m.uuid());
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("machine.json.tmp");
            json.writeValue(tmp.toFile(), saved);
            Files.move(
                    tmp,
                    dir.resolve("machine.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED, "cannot save machine " + m.uuid() + " in " + dir + ": " + e, e);
        }
    }

    private void saveQuietly(LinuxMachine m) {
        try {
            save(m);
        } catch (DriverException e) {
            LOG.warning(e.getMessage());
        }
    }

    /** Machines of the state dir: running if their pid is alive and in their cgroup, else stopped. */
    private void readopt() {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(machinesDir())) {
            dirs = s.sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + machinesDir(), e);
        }
        for (Path dir : dirs) {
            Path file = dir.resolve("machine.json");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            LinuxMachine.Saved saved;
            try {
                saved = json.readValue(file.toFile(), LinuxMachine.Saved.class);
            } catch (IOException e) {
                LOG.warning("ignoring unreadable " + file + ": " + e.getMessage());
                continue;
            }
            if (saved.payload() == null || saved.payload().uuid() == null || saved.throttles() == null) {
                LOG.warning("ignoring " + file + ": no payload, uuid or throttles");
                continue;
            }
            LinuxMachine m = new LinuxMachine(saved, MachineState.STOPPED);
            if (m.pid != null && m.alive() && cgroups.pids(group(m)).contains(m.pid)) {
                m.state = MachineState.RUNNING;
            } else {
                m.pid = null;
            }
            machines.put(m.uuid(), m);
        }
    }

    private static void deleteTree(Path dir) throws DriverException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new DriverException(DriverException.OPERATION_FAILED, "cannot remove " + dir + ": " + e, e);
        }
    }

    private LinuxMachine require(UUID uuid) throws DriverException {
        LinuxMachine m = machines.get(uuid);
        if (m == null) {
            throw new DriverException(DriverException.NOT_FOUND, "no machine " + uuid);
        }
        return m;
    }

    private static void requireState(LinuxMachine m, MachineState expected, String op) throws DriverException {
        if (m.state != expected) {
            throw new DriverException(
                    DriverException.INVALID_STATE, "cannot " + op + " a machine that is " + m.state.wire());
        }
    }

    /** Removes the node's bridge and its empty cgroup parent (tests, an operator's uninstall). */
    synchronized void removeNodeResources() throws DriverException {
        if (!machines.isEmpty()) {
            throw new DriverException(DriverException.INVALID_STATE, "machines remain: " + machines.keySet());
        }
        network.removeBridge();
        cgroups.delete(nodeGroup());
    }
}
