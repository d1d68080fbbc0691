package io.zonedeck.agent.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The images of the {@code linux} driver: each is a fixed workload the driver runs inside a machine's namespaces
 * and cgroup (a tenant never runs a command of its own). The portal may seed them into its catalogue; a linux
 * node advertises in {@link NodeCapabilities#images()} the ones its host can run.
 */
public final class WorkloadImages {
    /** One image: its fixed uuid, a short name, what it does, and its os as the catalogue shows it. */
    public record Image(UUID uuid, String name, String description, String os) {}

    public static final UUID IDLE = UUID.fromString("7a1e0000-0000-4000-8000-000000000001");
    public static final UUID CPU_BURNER = UUID.fromString("7a1e0000-0000-4000-8000-000000000002");
    public static final UUID DISK_WRITER = UUID.fromString("7a1e0000-0000-4000-8000-000000000003");
    public static final UUID HTTP_SERVER = UUID.fromString("7a1e0000-0000-4000-8000-000000000004");

    public static final List<Image> ALL = List.of(
            new Image(IDLE, "linux-idle", "Sleeps; a machine that uses nothing", "linux"),
            new Image(
                    CPU_BURNER, "linux-cpu-burner", "A single-threaded busy loop: one full CPU unless capped", "linux"),
            new Image(
                    DISK_WRITER,
                    "linux-disk-writer",
                    "Writes to its data directory with direct I/O in a loop, as fast as its disk throttle allows",
                    "linux"),
            new Image(HTTP_SERVER, "linux-http-server", "A static HTTP server on port 80 of its own IP", "linux"));

    private WorkloadImages() {}

    public static Optional<Image> find(UUID uuid) {
        return ALL.stream().filter(i -> i.uuid().equals(uuid)).findFirst();
    }
}
