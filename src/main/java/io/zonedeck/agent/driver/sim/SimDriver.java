package io.zonedeck.agent.driver.sim;

import io.zonedeck.agent.api.ConsoleKind;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.agent.api.NodeHealth;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.agent.api.SimFault;
import io.zonedeck.agent.api.SnapshotInfo;
import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.driver.ConsoleSession;
import io.zonedeck.agent.driver.Driver;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.FaultInjector;
import io.zonedeck.agent.driver.HealthSimulator;
import io.zonedeck.agent.driver.NodeFailureSimulator;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.ProgressListener;
import io.zonedeck.agent.driver.Sleeper;
import io.zonedeck.agent.driver.VmadmDefaults;
import io.zonedeck.agent.driver.VrrpSupport;
import io.zonedeck.agent.vrrp.SimLan;
import io.zonedeck.agent.vrrp.VrrpEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * In-memory driver for demos and scale tests. Deterministic for a given seed, clock and call sequence.
 *
 * <p>For failure drills, a create payload whose customer_metadata maps {@value #FAIL_AT_KEY} to a
 * provisioning step name fails at that step and leaves the machine in state failed.
 *
 * <p>VRRP: machines' routers run on a {@link VrrpEngine} attached to a {@link SimLan}; pass one LAN to all
 * sim drivers of a demo datacenter so their routers hear each other. A router runs while its machine is
 * running. {@link #setNodeDown(boolean)} plays a failed node.
 *
 * <p>Faults ({@link FaultInjector}): a fail fault makes the operation fail before it changes anything (a create
 * fails at its provisioning step, leaving the machine failed); a hang fault blocks it in its transitional state
 * until the faults are cleared, the thread is interrupted or the driver closes; a slow fault makes it take
 * {@value #SLOW_FACTOR} times as long. Drop faults are for the HTTP server ({@link #takeDrop}).
 *
 * <p>NICs get a mac (90:b8:d0:xx:xx:xx, derived from the seed and the machine, unique on the node) when the
 * payload has none; snapshots are kept per machine, oldest first (none for kvm, as on SmartOS).
 */
public final class SimDriver implements Driver, NodeFailureSimulator, FaultInjector, HealthSimulator.Provider {
    public static final List<String> BRANDS = List.of("joyent", "joyent-minimal", "lx", "kvm", "bhyve");
    /** vmadm's limit of NICs per machine. */
    public static final int MAX_NICS = 32;
    /** How much longer an operation hit by a slow fault takes. */
    public static final int SLOW_FACTOR = 10;

    public static final List<String> PROVISION_STEPS =
            List.of("validating payload", "creating dataset from image", "configuring network", "booting");
    public static final List<Integer> PROVISION_PROGRESS = List.of(10, 40, 70, 90);
    public static final String FAIL_AT_KEY = "zonedeck:sim-fail-at";
    /** Faults the driver applies itself; drop is applied by the HTTP server. */
    private static final Set<String> DRIVER_MODES = Set.of("fail", "hang", "slow");

    private final long seed;
    private final NodeResources resources;
    private final Clock clock;
    private final Sleeper sleeper;
    private final SimSettings settings;
    private final int ipBase;
    private final Map<UUID, SimMachine> machines = new LinkedHashMap<>();
    private final SimVrrp vrrp;
    private final SimFaults faults = new SimFaults();
    private final SimHealth health;
    private final NodeModel nodeModel;
    private int ipCounter;
    private volatile NodeSample lastSample;
    private volatile java.net.InetSocketAddress vncTarget;

    /** A driver on a private LAN of its own. */
    public SimDriver(long seed, NodeResources resources, Clock clock, Sleeper sleeper, SimSettings settings) {
        this(seed, resources, clock, sleeper, settings, new SimLan());
    }

    /** A driver whose routers live on {@code lan}, with real-time VRRP timers; node id = hostname. */
    public SimDriver(
            long seed, NodeResources resources, Clock clock, Sleeper sleeper, SimSettings settings, SimLan lan) {
        this(seed, resources, clock, sleeper, settings, VrrpEngine.realTime(resources.hostname(), lan, clock));
    }

    /** A driver whose routers run on {@code vrrpEngine} (tests pass a manual one); closing closes it. */
    public SimDriver(
            long seed,
            NodeResources resources,
            Clock clock,
            Sleeper sleeper,
            SimSettings settings,
            VrrpEngine vrrpEngine) {
        this.vrrp = new SimVrrp(this, vrrpEngine);
        this.seed = seed;
        this.resources = resources;
        this.clock = clock;
        this.sleeper = sleeper;
        this.settings = settings;
        this.ipBase = Ipv4.parseBase(settings.ipBase());
        this.nodeModel = new NodeModel(resources.cpus(), seed);
        this.health = new SimHealth(clock);
    }

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public NodeResources resources() {
        return resources;
    }

    @Override
    public Optional<VrrpSupport> vrrp() {
        return Optional.of(vrrp);
    }

    /** The LAN this driver's routers are on. */
    public SimLan simLan() {
        return vrrp.engine().lan();
    }

    public VrrpEngine vrrpEngine() {
        return vrrp.engine();
    }

    @Override
    public void setNodeDown(boolean down) {
        vrrp.engine().setNodeDown(down);
    }

    @Override
    public boolean nodeDown() {
        return vrrp.engine().nodeDown();
    }

    @Override
    public void close() {
        faults.close();
        vrrp.engine().close();
    }

    @Override
    public synchronized List<MachineInfo> list() {
        return machines.values().stream().map(SimMachine::info).toList();
    }

    @Override
    public synchronized Optional<MachineInfo> get(UUID uuid) {
        return Optional.ofNullable(machines.get(uuid)).map(SimMachine::info);
    }

    @Override
    public void create(CreatePayload payload, ProgressListener progress) throws DriverException {
        SimMachine m;
        synchronized (this) {
            m = admit(payload, MachineState.PROVISIONING);
        }
        SimFault fault = faults.take("create", payload.uuid(), DRIVER_MODES);
        int faultStep = fault == null || fault.step() == null ? 1 : fault.step();
        Duration perStep = settings.provisionTime().dividedBy(PROVISION_STEPS.size());
        for (int i = 0; i < PROVISION_STEPS.size(); i++) {
            String step = PROVISION_STEPS.get(i);
            int pct = PROVISION_PROGRESS.get(i);
            synchronized (this) {
                m.step = step;
                m.progress = pct;
            }
            progress.step(step, pct);
            if (step.equals(metadata(payload, FAIL_AT_KEY))) {
                throw fail(m, "simulated failure at step '" + step + "'");
            }
            SimFault atStep = faultStep == i + 1 || isSlow(fault) ? fault : null;
            if (atStep != null && atStep.mode().equals("fail")) {
                throw fail(m, "injected failure at step " + (i + 1) + " (" + step + ")");
            }
            if (!pause(perStep, atStep)) {
                throw fail(m, "provisioning interrupted at step '" + step + "'");
            }
        }
        synchronized (this) {
            setState(m, MachineState.RUNNING);
            m.step = null;
            m.progress = null;
        }
    }

    /** Adds a running machine at once, without provisioning steps (seeding a demo datacenter). */
    public MachineInfo createImmediately(CreatePayload payload) throws DriverException {
        return createImmediately(payload, MachineState.RUNNING);
    }

    /** Adds a machine at once in state running, stopped or failed. */
    public synchronized MachineInfo createImmediately(CreatePayload payload, MachineState state)
            throws DriverException {
        if (state != MachineState.RUNNING && state != MachineState.STOPPED && state != MachineState.FAILED) {
            throw new DriverException(DriverException.INVALID, "state must be running, stopped or failed");
        }
        return admit(payload, state).info();
    }

    @Override
    public void start(UUID uuid) throws DriverException {
        SimFault fault;
        synchronized (this) {
            SimMachine m = require(uuid);
            if (m.state == MachineState.RUNNING) {
                return;
            }
            requireState(m, MachineState.STOPPED, "start");
            fault = failFast("start", uuid);
            setState(m, MachineState.STARTING);
        }
        transition(uuid, settings.startTime(), MachineState.RUNNING, MachineState.STOPPED, fault);
    }

    @Override
    public void stop(UUID uuid) throws DriverException {
        SimFault fault;
        synchronized (this) {
            SimMachine m = require(uuid);
            if (m.state == MachineState.STOPPED) {
                return;
            }
            requireState(m, MachineState.RUNNING, "stop");
            fault = failFast("stop", uuid);
            setState(m, MachineState.STOPPING);
        }
        transition(uuid, settings.stopTime(), MachineState.STOPPED, MachineState.RUNNING, fault);
    }

    @Override
    public void reboot(UUID uuid) throws DriverException {
        SimFault fault;
        synchronized (this) {
            SimMachine m = require(uuid);
            requireState(m, MachineState.RUNNING, "reboot");
            fault = failFast("reboot", uuid);
            setState(m, MachineState.STOPPING);
        }
        transition(uuid, settings.stopTime(), MachineState.STARTING, MachineState.RUNNING, fault);
        transition(uuid, settings.startTime(), MachineState.RUNNING, MachineState.RUNNING, slowOnly(fault));
    }

    @Override
    public void delete(UUID uuid) throws DriverException {
        boolean running;
        SimFault fault;
        synchronized (this) {
            SimMachine m = require(uuid);
            if (m.state == MachineState.PROVISIONING
                    || m.state == MachineState.STARTING
                    || m.state == MachineState.STOPPING) {
                throw new DriverException(DriverException.INVALID_STATE, "cannot delete while " + m.state.wire());
            }
            fault = failFast("delete", uuid);
            running = m.state == MachineState.RUNNING;
            if (running) {
                setState(m, MachineState.STOPPING);
            }
        }
        if (running) {
            transition(uuid, settings.stopTime(), MachineState.STOPPED, MachineState.RUNNING, fault);
        } else if (!pause(Duration.ZERO, fault)) {
            throw interrupted();
        }
        synchronized (this) {
            machines.remove(uuid);
            vrrp.engine().removeMachine(uuid);
        }
    }

    /**
     * vmadm update: checks everything first, then applies all of it (no partial update). Zones take resources
     * live; an HVM's ram and vcpus are stored and reported at once (effective at its next boot).
     */
    @Override
    public void update(UUID uuid, UpdatePayload u) throws DriverException {
        SimFault fault;
        synchronized (this) {
            require(uuid);
            fault = failFast("update", uuid);
        }
        if (!pause(quickTime(), fault)) {
            throw interrupted();
        }
        synchronized (this) {
            SimMachine m = require(uuid);
            Resources r = Resources.of(m, u);
            checkCapacity(m, r.maxPhysicalMemory, r.quota);
            List<Nic> nics = nicsAfter(m, u);
            if (u.alias() != null) {
                m.alias = u.alias();
            }
            r.applyTo(m);
            m.nics.clear();
            m.nics.addAll(nics);
            apply(m.tags, u.setTags(), u.removeTags());
            apply(m.customerMetadata, u.setCustomerMetadata(), u.removeCustomerMetadata());
        }
    }

    @Override
    public synchronized List<SnapshotInfo> snapshots(UUID uuid) throws DriverException {
        return List.copyOf(require(uuid).snapshots);
    }

    @Override
    public void createSnapshot(UUID uuid, String name) throws DriverException {
        SimFault fault;
        synchronized (this) {
            SimMachine m = require(uuid);
            requireSnapshots(m);
            if (snapshot(m, name) >= 0) {
                throw new DriverException(DriverException.DUPLICATE, "snapshot " + name + " exists");
            }
            fault = failFast("snapshot", uuid);
        }
        if (!pause(quickTime(), fault)) {
            throw interrupted();
        }
        synchronized (this) {
            SimMachine m = require(uuid);
            if (snapshot(m, name) >= 0) {
                throw new DriverException(DriverException.DUPLICATE, "snapshot " + name + " exists");
            }
            m.snapshots.add(new SnapshotInfo(name, clock.instant()));
        }
    }

    /** Stops a running machine, rolls back (destroying newer snapshots) and starts it again. */
    @Override
    public void rollbackSnapshot(UUID uuid, String name) throws DriverException {
        SimFault fault;
        boolean running;
        synchronized (this) {
            SimMachine m = require(uuid);
            requireSnapshots(m);
            if (snapshot(m, name) < 0) {
                throw new DriverException(DriverException.NOT_FOUND, "no snapshot " + name + " of machine " + uuid);
            }
            if (m.state != MachineState.RUNNING && m.state != MachineState.STOPPED) {
                throw new DriverException(
                        DriverException.INVALID_STATE, "cannot roll back a machine that is " + m.state.wire());
            }
            fault = failFast("rollback", uuid);
            running = m.state == MachineState.RUNNING;
            if (running) {
                setState(m, MachineState.STOPPING);
            }
        }
        if (running) {
            transition(uuid, settings.stopTime(), MachineState.STOPPED, MachineState.RUNNING, fault);
        } else if (!pause(quickTime(), fault)) {
            throw interrupted();
        }
        synchronized (this) {
            SimMachine m = require(uuid);
            int at = snapshot(m, name);
            if (at >= 0) {
                m.snapshots.subList(at + 1, m.snapshots.size()).clear();
            }
            if (running) {
                setState(m, MachineState.STARTING);
            }
        }
        if (running) {
            transition(uuid, settings.startTime(), MachineState.RUNNING, MachineState.STOPPED, slowOnly(fault));
        }
    }

    @Override
    public void deleteSnapshot(UUID uuid, String name) throws DriverException {
        SimFault fault;
        synchronized (this) {
            SimMachine m = require(uuid);
            requireSnapshots(m);
            if (snapshot(m, name) < 0) {
                throw new DriverException(DriverException.NOT_FOUND, "no snapshot " + name + " of machine " + uuid);
            }
            fault = failFast("delete-snapshot", uuid);
        }
        if (!pause(quickTime(), fault)) {
            throw interrupted();
        }
        synchronized (this) {
            SimMachine m = require(uuid);
            int at = snapshot(m, name);
            if (at >= 0) {
                m.snapshots.remove(at);
            }
        }
    }

    @Override
    public NodeHealth health() {
        return health.snapshot();
    }

    @Override
    public HealthSimulator healthSimulator() {
        return health;
    }

    @Override
    public List<SimFault> injectFault(SimFault fault) {
        return faults.add(fault);
    }

    @Override
    public List<SimFault> faults() {
        return faults.list();
    }

    @Override
    public void clearFaults() {
        faults.clear();
    }

    @Override
    public int provisionSteps() {
        return PROVISION_STEPS.size();
    }

    @Override
    public boolean takeDrop(String operation, UUID machine) {
        return faults.take(operation, machine, Set.of("drop")) != null;
    }

    /** One second of the node: every machine's demand, shared by the node the way {@link NodeModel} says. */
    @Override
    public synchronized NodeSample sample() {
        NodeSample s = nodeModel.tick(clock.instant(), machines.values());
        lastSample = s;
        return s;
    }

    /** A simulated shell for zones ({@link SimShell}), a simulated framebuffer for hardware VMs. */
    @Override
    public ConsoleSession openConsole(UUID uuid, ConsoleKind kind, int cols, int rows) throws DriverException {
        MachineInfo m =
                get(uuid).orElseThrow(() -> new DriverException(DriverException.NOT_FOUND, "no machine " + uuid));
        if (!ConsoleKind.of(m.brand()).contains(kind)) {
            throw new DriverException(
                    DriverException.NOT_SUPPORTED, m.brand() + " machines have no " + kind.wire() + " console");
        }
        if (m.state() != MachineState.RUNNING) {
            throw new DriverException(
                    DriverException.INVALID_STATE,
                    "machine " + uuid + " is " + m.state().wire());
        }
        if (kind == ConsoleKind.VNC) {
            java.net.InetSocketAddress real = vncTarget;
            return real == null ? new SimFramebuffer(m, clock) : io.zonedeck.agent.driver.SocketConsole.connect(real);
        }
        return new SimShell(kind, () -> get(uuid), () -> latestSample(uuid), clock);
    }

    /**
     * Puts a real VNC server behind every hardware VM's console of this node (null: the simulated boot screen again):
     * a VM's screen in a demo, and the test that proves noVNC against a real server.
     */
    public void showVncOf(java.net.InetSocketAddress server) {
        this.vncTarget = server;
    }

    @Override
    public boolean simulatedConsole() {
        return true;
    }

    private Optional<io.zonedeck.agent.api.MachineSample> latestSample(UUID uuid) {
        NodeSample s = lastSample;
        return s == null
                ? Optional.empty()
                : s.machines().stream().filter(m -> m.uuid().equals(uuid)).findFirst();
    }

    /**
     * Fixes a machine's demand (tests and drills): a constant CPU demand in % of one CPU and a constant disk demand
     * in bytes/s; null restores the synthetic load.
     */
    synchronized void fixDemand(UUID uuid, Double cpuPct, Double diskBytesPerSecond) throws DriverException {
        require(uuid).workload.fixDemand(cpuPct, diskBytesPerSecond);
    }

    /** Fixes a machine's memory working set in MiB (tests and drills); null restores the synthetic one. */
    synchronized void fixMemory(UUID uuid, Double workingSetMiB) throws DriverException {
        require(uuid).workload.fixMemory(workingSetMiB);
    }

    /** The node's noisy neighbour (tests and drills): who makes noise now, and switching it off. */
    synchronized NoisyNeighbour noisyNeighbour() {
        return nodeModel.noisyNeighbour();
    }

    private SimMachine admit(CreatePayload p, MachineState state) throws DriverException {
        if (p.uuid() == null) {
            throw new DriverException(DriverException.INVALID, "uuid is required");
        }
        if (machines.containsKey(p.uuid())) {
            throw new DriverException(DriverException.DUPLICATE, "machine " + p.uuid() + " already exists");
        }
        if (!resources.brands().contains(p.brand())) {
            throw new DriverException(DriverException.INVALID, "brand " + p.brand() + " not supported on this node");
        }
        checkCapacity(null, VmadmDefaults.ramMiB(p), VmadmDefaults.diskGiB(p));
        List<Nic> nics = new ArrayList<>();
        if (p.nics() != null) {
            for (Nic nic : p.nics()) {
                if (nic != null) {
                    String mac = nic.mac() != null ? normalizeMac(nic.mac()) : newMac(p.uuid(), nics.size(), nics);
                    nics.add(normalized(nic, mac, nic.primary()));
                }
            }
        }
        if (nics.size() > MAX_NICS) {
            throw new DriverException(DriverException.INVALID, "at most " + MAX_NICS + " NICs per machine");
        }
        fixPrimary(nics, -1);
        String assigned = staticIps(nics).isEmpty() ? Ipv4.host(ipBase, ipCounter++) : null;
        SimMachine m = new SimMachine(
                p, nics, assigned, clock.instant(), new WorkloadModel(seed, p.uuid(), resources.cpus()), state);
        machines.put(p.uuid(), m);
        return m;
    }

    /** Capacity with machine {@code m} (null: a new one) at the given sizes; caller holds the monitor. */
    private void checkCapacity(SimMachine m, long ramMiB, long diskGiB) throws DriverException {
        long ram = ramMiB;
        long disk = diskGiB;
        for (SimMachine other : machines.values()) {
            if (other != m) {
                ram += other.ramMiB();
                disk += other.diskGiB();
            }
        }
        if (ram > resources.ramMiB()) {
            throw new DriverException(
                    DriverException.INSUFFICIENT_CAPACITY,
                    "not enough memory: " + ram + " MiB needed, node has " + resources.ramMiB() + " MiB");
        }
        if (disk > resources.diskGiB()) {
            throw new DriverException(
                    DriverException.INSUFFICIENT_CAPACITY,
                    "not enough disk: " + disk + " GiB needed, node has " + resources.diskGiB() + " GiB");
        }
    }

    /** Static IPv4 addresses of {@code nics}, without prefix (not dhcp or addrconf). */
    static List<String> staticIps(List<Nic> nics) {
        List<String> ips = new ArrayList<>();
        for (Nic nic : nics) {
            if (nic.ips() != null) {
                nic.ips().stream()
                        .filter(ip -> ip != null && !ip.equals("dhcp") && !ip.equals("addrconf"))
                        .map(ip -> ip.contains("/") ? ip.substring(0, ip.indexOf('/')) : ip)
                        .forEach(ips::add);
            }
        }
        return ips;
    }

    /** The NICs after remove_nics, then add_nics (idempotent by mac); caller holds the monitor. */
    private List<Nic> nicsAfter(SimMachine m, UpdatePayload u) throws DriverException {
        List<Nic> nics = new ArrayList<>(m.nics);
        if (u.removeNics() != null) {
            for (String mac : u.removeNics()) {
                if (mac != null) {
                    nics.removeIf(n -> n.mac().equals(normalizeMac(mac)));
                }
            }
        }
        int newPrimary = -1;
        if (u.addNics() != null) {
            for (Nic nic : u.addNics()) {
                if (nic == null) {
                    continue;
                }
                String given = nic.mac() == null ? null : normalizeMac(nic.mac());
                if (given != null && nics.stream().anyMatch(n -> n.mac().equals(given))) {
                    continue;
                }
                String mac = given != null ? given : newMac(m.payload.uuid(), m.nics.size() + nics.size(), nics);
                if (Boolean.TRUE.equals(nic.primary())) {
                    newPrimary = nics.size();
                }
                nics.add(normalized(nic, mac, nic.primary()));
            }
        }
        if (nics.size() > MAX_NICS) {
            throw new DriverException(
                    DriverException.INVALID, "at most " + MAX_NICS + " NICs per machine, would be " + nics.size());
        }
        fixPrimary(nics, newPrimary);
        return nics;
    }

    /** Exactly one primary NIC: {@code preferred} if set, else the first primary, else the first NIC. */
    private static void fixPrimary(List<Nic> nics, int preferred) {
        if (nics.isEmpty()) {
            return;
        }
        int primary = preferred;
        for (int i = 0; i < nics.size() && primary < 0; i++) {
            if (Boolean.TRUE.equals(nics.get(i).primary())) {
                primary = i;
            }
        }
        primary = Math.max(0, primary);
        for (int i = 0; i < nics.size(); i++) {
            Nic n = nics.get(i);
            nics.set(i, normalized(n, n.mac(), i == primary));
        }
    }

    private static Nic normalized(Nic n, String mac, Boolean primary) {
        return new Nic(
                n.nicTag(),
                n.ips() == null ? List.of() : List.copyOf(n.ips()),
                n.gateways() == null ? List.of() : List.copyOf(n.gateways()),
                n.vlanId() == null ? 0 : n.vlanId(),
                Boolean.TRUE.equals(primary),
                mac,
                n.mtu() == null ? VmadmDefaults.MTU : n.mtu());
    }

    static String normalizeMac(String mac) {
        return mac.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * A mac like 90:b8:d0:xx:xx:xx derived from the seed, the machine and the NIC's index, unique on this node;
     * caller holds the monitor.
     */
    private String newMac(UUID machine, int index, List<Nic> alsoUsed) {
        Set<String> used = new HashSet<>();
        machines.values().forEach(m -> m.nics.forEach(n -> used.add(n.mac())));
        alsoUsed.forEach(n -> used.add(n.mac()));
        long h = seed ^ machine.getMostSignificantBits() ^ Long.rotateLeft(machine.getLeastSignificantBits(), 17);
        h = mix(h + index * 0x9E3779B97F4A7C15L);
        int v = (int) (h & 0xFFFFFF);
        String mac = mac(v);
        while (used.contains(mac)) {
            v = (v + 1) & 0xFFFFFF;
            mac = mac(v);
        }
        return mac;
    }

    private static String mac(int v) {
        return String.format(Locale.ROOT, "90:b8:d0:%02x:%02x:%02x", (v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
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

    /** The resource properties after an update, with vmadm's couplings; checked before anything changes. */
    private record Resources(
            long maxPhysicalMemory,
            long ram,
            long maxSwap,
            long quota,
            int cpuCap,
            int cpuShares,
            int zfsIoPriority,
            int maxLwps,
            Integer vcpus,
            int cpuBaseline,
            int cpuBurstSeconds,
            long diskBpsMax,
            long diskIopsMax) {
        static Resources of(SimMachine m, UpdatePayload u) throws DriverException {
            long mpm = u.maxPhysicalMemory() != null ? u.maxPhysicalMemory() : m.maxPhysicalMemory;
            long ram;
            if (m.hvm()) {
                ram = u.ram() != null ? u.ram() : m.ram;
                if (u.maxPhysicalMemory() == null && ram > mpm) {
                    mpm = ram; // vmadm raises max_physical_memory with ram
                }
                if (mpm < ram) {
                    throw new DriverException(
                            DriverException.INVALID, "max_physical_memory " + mpm + " is less than ram " + ram);
                }
            } else {
                if (u.maxPhysicalMemory() == null && u.ram() != null) {
                    mpm = u.ram(); // a zone's ram is its max_physical_memory
                }
                ram = mpm;
            }
            long swap = u.maxSwap() != null ? u.maxSwap() : Math.max(m.maxSwap, mpm);
            if (swap < mpm || swap < VmadmDefaults.MIN_SWAP) {
                throw new DriverException(
                        DriverException.INVALID,
                        "max_swap " + swap + " must be at least 256 and at least max_physical_memory " + mpm);
            }
            return new Resources(
                    mpm,
                    ram,
                    swap,
                    u.quota() != null ? u.quota() : m.quota,
                    u.cpuCap() != null ? u.cpuCap() : m.cpuCap,
                    u.cpuShares() != null ? u.cpuShares() : m.cpuShares,
                    u.zfsIoPriority() != null ? u.zfsIoPriority() : m.zfsIoPriority,
                    u.maxLwps() != null ? u.maxLwps() : m.maxLwps,
                    m.hvm() ? (u.vcpus() != null ? u.vcpus() : m.vcpus) : null,
                    u.cpuBaseline() != null ? u.cpuBaseline() : m.cpuBaseline,
                    u.cpuBurstSeconds() != null ? u.cpuBurstSeconds() : m.cpuBurstSeconds,
                    u.diskBpsMax() != null ? u.diskBpsMax() : m.diskBpsMax,
                    u.diskIopsMax() != null ? u.diskIopsMax() : m.diskIopsMax);
        }

        void applyTo(SimMachine m) {
            m.maxPhysicalMemory = maxPhysicalMemory;
            m.ram = ram;
            m.maxSwap = maxSwap;
            m.quota = quota;
            m.cpuCap = cpuCap;
            m.cpuShares = cpuShares;
            m.zfsIoPriority = zfsIoPriority;
            m.maxLwps = maxLwps;
            m.vcpus = vcpus;
            // a new baseline starts with a full credit; a shorter burst limit trims the credit left
            m.burstCredit =
                    m.cpuBaseline == 0 && cpuBaseline > 0 ? cpuBurstSeconds : Math.min(m.burstCredit, cpuBurstSeconds);
            m.cpuBaseline = cpuBaseline;
            m.cpuBurstSeconds = cpuBurstSeconds;
            m.diskBpsMax = diskBpsMax;
            m.diskIopsMax = diskIopsMax;
        }
    }

    private static void requireSnapshots(SimMachine m) throws DriverException {
        if (m.payload.brand().equals("kvm")) {
            throw new DriverException(DriverException.NOT_SUPPORTED, "snapshots are not supported for kvm VMs");
        }
        if (m.state != MachineState.RUNNING && m.state != MachineState.STOPPED) {
            throw new DriverException(
                    DriverException.INVALID_STATE, "cannot snapshot a machine that is " + m.state.wire());
        }
    }

    private static int snapshot(SimMachine m, String name) {
        for (int i = 0; i < m.snapshots.size(); i++) {
            if (m.snapshots.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Takes the fault hitting this operation: a fail fault throws at once (nothing has changed yet); a hang
     * or slow fault is returned for {@link #pause(Duration, SimFault)}.
     */
    private SimFault failFast(String operation, UUID uuid) throws DriverException {
        SimFault fault = faults.take(operation, uuid, DRIVER_MODES);
        if (fault != null && fault.mode().equals("fail")) {
            throw new DriverException(DriverException.OPERATION_FAILED, "injected failure of " + operation);
        }
        return fault;
    }

    private static boolean isSlow(SimFault fault) {
        return fault != null && fault.mode().equals("slow");
    }

    private static SimFault slowOnly(SimFault fault) {
        return isSlow(fault) ? fault : null;
    }

    /** Time of an operation that has no state of its own (update, snapshots): a quarter of a stop. */
    private Duration quickTime() {
        return settings.stopTime().dividedBy(4);
    }

    private static DriverException interrupted() {
        return new DriverException(DriverException.OPERATION_FAILED, "operation interrupted");
    }

    private void transition(UUID uuid, Duration duration, MachineState to, MachineState onInterrupt, SimFault fault)
            throws DriverException {
        boolean completed = pause(duration, fault);
        synchronized (this) {
            SimMachine m = machines.get(uuid);
            if (m != null) {
                setState(m, completed ? to : onInterrupt);
            }
        }
        if (!completed) {
            throw interrupted();
        }
    }

    /** Waits {@code d} (ten times that for a slow fault, after the faults are cleared for a hang one). */
    private boolean pause(Duration d, SimFault fault) {
        try {
            if (fault != null && fault.mode().equals("hang")) {
                faults.hang();
            }
            sleeper.sleep(isSlow(fault) ? d.multipliedBy(SLOW_FACTOR) : d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized DriverException fail(SimMachine m, String message) {
        setState(m, MachineState.FAILED);
        m.error = message;
        m.step = null;
        m.progress = null;
        return new DriverException(DriverException.OPERATION_FAILED, message);
    }

    /** Caller holds the monitor; routers follow the machine (lock order: driver, then LAN). */
    private void setState(SimMachine m, MachineState state) {
        m.state = state;
        vrrp.engine().setMachineRunning(m.payload.uuid(), state == MachineState.RUNNING);
    }

    private SimMachine require(UUID uuid) throws DriverException {
        SimMachine m = machines.get(uuid);
        if (m == null) {
            throw new DriverException(DriverException.NOT_FOUND, "no machine " + uuid);
        }
        return m;
    }

    private static void requireState(SimMachine m, MachineState expected, String op) throws DriverException {
        if (m.state != expected) {
            throw new DriverException(
                    DriverException.INVALID_STATE, "cannot " + op + " a machine that is " + m.state.wire());
        }
    }

    private static String metadata(CreatePayload p, String key) {
        return p.customerMetadata() == null ? null : p.customerMetadata().get(key);
    }
}
