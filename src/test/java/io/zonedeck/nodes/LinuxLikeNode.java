package io.zonedeck.nodes;

import io.zonedeck.agent.Agent;
import io.zonedeck.agent.AgentConfig;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.NodeCapabilities;
import io.zonedeck.agent.api.NodeHealth;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.agent.api.SnapshotInfo;
import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.driver.Driver;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.ProgressListener;
import io.zonedeck.agent.driver.Sleeper;
import io.zonedeck.agent.driver.VrrpSupport;
import io.zonedeck.agent.driver.sim.SimDriver;
import io.zonedeck.agent.driver.sim.SimSettings;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A node that advertises what the {@code linux} driver does on this host (zone brands only; no zfs_io_priority; no
 * io_delay, syscalls, cpu_demand, burst_credit, swap; no latency distributions without bpftrace; no snapshots; its
 * own workload images), running on the sim driver underneath: for portal tests of reduced capabilities without root.
 */
public final class LinuxLikeNode implements Driver {
    public static final List<String> BRANDS = List.of("joyent", "joyent-minimal", "lx");
    public static final Set<String> THROTTLES = Set.of(
            "cpu_cap",
            "cpu_shares",
            "cpu_baseline",
            "cpu_burst_seconds",
            "disk_bps_max",
            "disk_iops_max",
            "max_physical_memory",
            "max_lwps");
    public static final Set<String> METRICS = Set.of(
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
            "lwps");

    private final SimDriver sim;
    private final NodeCapabilities capabilities;

    private LinuxLikeNode(SimDriver sim, List<String> images) {
        this.sim = sim;
        this.capabilities = new NodeCapabilities(BRANDS, THROTTLES, METRICS, Set.of(), true, false, images);
    }

    /** Starts an agent named {@code name} over this driver; it runs (and names) the given image UUIDs. */
    public static Agent start(String name, String credential, List<String> images) {
        AgentConfig cfg = AgentConfig.sim(name, credential).withProvisionSeconds(0);
        NodeResources resources = new NodeResources(name, 16, 65_536, 1024, BRANDS);
        SimDriver sim =
                new SimDriver(7, resources, Clock.systemUTC(), Sleeper.SYSTEM, SimSettings.scaled(0, "10.87.0"));
        return Agent.start(cfg, new LinuxLikeNode(sim, images));
    }

    @Override
    public String name() {
        return "linux";
    }

    @Override
    public NodeResources resources() {
        return sim.resources();
    }

    @Override
    public NodeCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public List<MachineInfo> list() {
        return sim.list();
    }

    @Override
    public Optional<MachineInfo> get(UUID uuid) {
        return sim.get(uuid);
    }

    @Override
    public void create(CreatePayload payload, ProgressListener progress) throws DriverException {
        sim.create(payload, progress);
    }

    @Override
    public void start(UUID uuid) throws DriverException {
        sim.start(uuid);
    }

    @Override
    public void stop(UUID uuid) throws DriverException {
        sim.stop(uuid);
    }

    @Override
    public void reboot(UUID uuid) throws DriverException {
        sim.reboot(uuid);
    }

    @Override
    public void delete(UUID uuid) throws DriverException {
        sim.delete(uuid);
    }

    @Override
    public void update(UUID uuid, UpdatePayload update) throws DriverException {
        sim.update(uuid, update);
    }

    @Override
    public List<SnapshotInfo> snapshots(UUID uuid) throws DriverException {
        return sim.snapshots(uuid);
    }

    @Override
    public void createSnapshot(UUID uuid, String name) throws DriverException {
        throw new DriverException(DriverException.NOT_SUPPORTED, "no snapshots on this node");
    }

    @Override
    public void rollbackSnapshot(UUID uuid, String name) throws DriverException {
        throw new DriverException(DriverException.NOT_SUPPORTED, "no snapshots on this node");
    }

    @Override
    public void deleteSnapshot(UUID uuid, String name) throws DriverException {
        throw new DriverException(DriverException.NOT_SUPPORTED, "no snapshots on this node");
    }

    @Override
    public NodeSample sample() {
        return sim.sample();
    }

    @Override
    public NodeHealth health() {
        return sim.health();
    }

    @Override
    public Optional<VrrpSupport> vrrp() {
        return sim.vrrp();
    }

    @Override
    public void close() {
        sim.close();
    }
}
