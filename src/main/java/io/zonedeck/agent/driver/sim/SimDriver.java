package io.zonedeck.agent.driver.sim;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.agent.driver.Driver;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.NodeFailureSimulator;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.ProgressListener;
import io.zonedeck.agent.driver.Sleeper;
import io.zonedeck.agent.driver.VrrpSupport;
import io.zonedeck.agent.vrrp.SimLan;
import io.zonedeck.agent.vrrp.VrrpEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 */
public final class SimDriver implements Driver, NodeFailureSimulator {
    public static final List<String> BRANDS = List.of("joyent", "lx", "kvm", "bhyve");
    public static final List<String> PROVISION_STEPS =
            List.of("validating payload", "creating dataset from image", "configuring network", "booting");
    public static final List<Integer> PROVISION_PROGRESS = List.of(10, 40, 70, 90);
    public static final String FAIL_AT_KEY = "zonedeck:sim-fail-at";

    private final long seed;
    private final NodeResources resources;
    private final Clock clock;
    private final Sleeper sleeper;
    private final SimSettings settings;
    private final int ipBase;
    private final Map<UUID, SimMachine> machines = new LinkedHashMap<>();
    private final SimVrrp vrrp;
    private int ipCounter;

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
            if (!pause(perStep)) {
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
        synchronized (this) {
            SimMachine m = require(uuid);
            if (m.state == MachineState.RUNNING) {
                return;
            }
            requireState(m, MachineState.STOPPED, "start");
            setState(m, MachineState.STARTING);
        }
        transition(uuid, settings.startTime(), MachineState.RUNNING, MachineState.STOPPED);
    }

    @Override
    public void stop(UUID uuid) throws DriverException {
        synchronized (this) {
            SimMachine m = require(uuid);
            if (m.state == MachineState.STOPPED) {
                return;
            }
            requireState(m, MachineState.RUNNING, "stop");
            setState(m, MachineState.STOPPING);
        }
        transition(uuid, settings.stopTime(), MachineState.STOPPED, MachineState.RUNNING);
    }

    @Override
    public void reboot(UUID uuid) throws DriverException {
        synchronized (this) {
            SimMachine m = require(uuid);
            requireState(m, MachineState.RUNNING, "reboot");
            setState(m, MachineState.STOPPING);
        }
        transition(uuid, settings.stopTime(), MachineState.STARTING, MachineState.RUNNING);
        transition(uuid, settings.startTime(), MachineState.RUNNING, MachineState.RUNNING);
    }

    @Override
    public void delete(UUID uuid) throws DriverException {
        boolean running;
        synchronized (this) {
            SimMachine m = require(uuid);
            if (m.state == MachineState.PROVISIONING
                    || m.state == MachineState.STARTING
                    || m.state == MachineState.STOPPING) {
                throw new DriverException(DriverException.INVALID_STATE, "cannot delete while " + m.state.wire());
            }
            running = m.state == MachineState.RUNNING;
            if (running) {
                setState(m, MachineState.STOPPING);
            }
        }
        if (running) {
            transition(uuid, settings.stopTime(), MachineState.STOPPED, MachineState.RUNNING);
        }
        synchronized (this) {
            machines.remove(uuid);
            vrrp.engine().removeMachine(uuid);
        }
    }

    @Override
    public synchronized NodeSample sample() {
        Instant now = clock.instant();
        List<MachineSample> samples = new ArrayList<>(machines.size());
        double cpuSum = 0;
        long rssSum = 0;
        for (SimMachine m : machines.values()) {
            MachineSample s = m.workload.next(
                    now, m.state == MachineState.RUNNING, m.info().cpuCap(), m.ramMiB());
            samples.add(s);
            cpuSum += s.cpuPct();
            rssSum += s.memRssMiB();
        }
        double util = Math.min(100.0, cpuSum / (resources.cpus() * 100.0) * 100.0);
        return new NodeSample(Math.round(util * 100) / 100.0, rssSum, List.copyOf(samples));
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
        SimMachine candidate = new SimMachine(p, List.of(), clock.instant(), null, state);
        long ram = candidate.ramMiB();
        long disk = candidate.diskGiB();
        for (SimMachine m : machines.values()) {
            ram += m.ramMiB();
            disk += m.diskGiB();
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
        SimMachine m = new SimMachine(
                p, ipsFor(p), clock.instant(), new WorkloadModel(seed, p.uuid(), resources.cpus()), state);
        machines.put(p.uuid(), m);
        return m;
    }

    private List<String> ipsFor(CreatePayload p) {
        List<String> ips = new ArrayList<>();
        if (p.nics() != null) {
            for (Nic nic : p.nics()) {
                if (nic != null && nic.ips() != null) {
                    nic.ips().stream()
                            .filter(ip -> ip != null && !ip.equals("dhcp") && !ip.equals("addrconf"))
                            .map(ip -> ip.contains("/") ? ip.substring(0, ip.indexOf('/')) : ip)
                            .forEach(ips::add);
                }
            }
        }
        if (ips.isEmpty()) {
            ips.add(Ipv4.host(ipBase, ipCounter++));
        }
        return ips;
    }

    private void transition(UUID uuid, Duration duration, MachineState to, MachineState onInterrupt)
            throws DriverException {
        boolean completed = pause(duration);
        synchronized (this) {
            SimMachine m = machines.get(uuid);
            if (m != null) {
                setState(m, completed ? to : onInterrupt);
            }
        }
        if (!completed) {
            throw new DriverException(DriverException.OPERATION_FAILED, "operation interrupted");
        }
    }

    private boolean pause(Duration d) {
        try {
            sleeper.sleep(d);
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

    @Override
    public void update(UUID uuid, io.zonedeck.agent.api.UpdatePayload update) throws DriverException {
        throw new DriverException(DriverException.NOT_SUPPORTED, "not yet");
    }

    @Override
    public List<io.zonedeck.agent.api.SnapshotInfo> snapshots(UUID uuid) throws DriverException {
        throw new DriverException(DriverException.NOT_SUPPORTED, "not yet");
    }

    @Override
    public void createSnapshot(UUID uuid, String name) throws DriverException {
        throw new DriverException(DriverException.NOT_SUPPORTED, "not yet");
    }

    @Override
    public void rollbackSnapshot(UUID uuid, String name) throws DriverException {
        throw new DriverException(DriverException.NOT_SUPPORTED, "not yet");
    }

    @Override
    public void deleteSnapshot(UUID uuid, String name) throws DriverException {
        throw new DriverException(DriverException.NOT_SUPPORTED, "not yet");
    }
}
