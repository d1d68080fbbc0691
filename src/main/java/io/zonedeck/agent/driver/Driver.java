package io.zonedeck.agent.driver;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.agent.api.SnapshotInfo;
import io.zonedeck.agent.api.UpdatePayload;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a node agent needs from the platform (SmartOS vmadm, Linux cgroups, or the simulator).
 *
 * <p>Lifecycle methods block until the operation has finished, like vmadm does; the agent runs them
 * on its own executor and never calls two of them for the same machine at once. While an operation
 * runs, {@link #list()} and {@link #get(UUID)} show the transitional state (provisioning, starting,
 * stopping). Implementations must be thread-safe: list/get/sample are called concurrently with
 * running operations.
 */
public interface Driver extends AutoCloseable {

    /** Short name: "sim", "linux", "smartos". */
    String name();

    NodeResources resources();

    /**
     * What this node can do: brands, enforced throttles, measured metrics, VRRP, snapshots. Placement, forms and
     * charts in the portal follow it. Defaults to everything of {@link NodeResources#brands()}.
     */
    default io.zonedeck.agent.api.NodeCapabilities capabilities() {
        return io.zonedeck.agent.api.NodeCapabilities.everything(resources().brands());
    }

    /** Current runtime view of all machines that are not destroyed. */
    List<MachineInfo> list();

    Optional<MachineInfo> get(UUID uuid);

    /** Creates and boots a machine; blocks until it is running or has failed. */
    void create(CreatePayload payload, ProgressListener progress) throws DriverException;

    void start(UUID uuid) throws DriverException;

    void stop(UUID uuid) throws DriverException;

    void reboot(UUID uuid) throws DriverException;

    /** Stops (if needed) and destroys the machine; afterwards it is no longer listed. */
    void delete(UUID uuid) throws DriverException;

    /**
     * Applies a vmadm update (only the properties present change); blocks until applied. Resource properties
     * apply live to a running zone; HVM ram and vcpus take effect at the next boot. Idempotent: repeating an
     * update changes nothing more (add_nics by mac, remove_nics of an unknown mac is ignored).
     */
    void update(UUID uuid, UpdatePayload update) throws DriverException;

    /** The machine's snapshots, oldest first. */
    List<SnapshotInfo> snapshots(UUID uuid) throws DriverException;

    /** vmadm create-snapshot: zones and bhyve only ({@link DriverException#NOT_SUPPORTED} for kvm). */
    void createSnapshot(UUID uuid, String name) throws DriverException;

    /**
     * vmadm rollback-snapshot: a running machine is stopped, rolled back and started again; snapshots newer
     * than {@code name} are destroyed (zfs rollback -r).
     */
    void rollbackSnapshot(UUID uuid, String name) throws DriverException;

    void deleteSnapshot(UUID uuid, String name) throws DriverException;

    /** One second of metrics; called once per second by the agent. */
    NodeSample sample();

    /** SMF services and FMA faults (svcs, fmadm), where the platform has them. */
    default io.zonedeck.agent.api.NodeHealth health() {
        return io.zonedeck.agent.api.NodeHealth.UNSUPPORTED;
    }

    /**
     * Opens a console of a running machine ({@link io.zonedeck.agent.api.ConsoleKind#of} says which kinds its brand
     * has); {@link DriverException#NOT_SUPPORTED} where this driver has no console of that kind.
     */
    default ConsoleSession openConsole(UUID uuid, io.zonedeck.agent.api.ConsoleKind kind, int cols, int rows)
            throws DriverException {
        throw new DriverException(DriverException.NOT_SUPPORTED, "this node has no " + kind.wire() + " console");
    }

    /** True when {@link #openConsole} plays a console rather than attaching to a real one (the sim driver). */
    default boolean simulatedConsole() {
        return false;
    }

    /** VRRP routers, where the platform has them. */
    default Optional<VrrpSupport> vrrp() {
        return Optional.empty();
    }

    @Override
    default void close() {}
}
