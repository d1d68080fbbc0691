package io.zonedeck.agent.driver.linux;

import io.zonedeck.agent.driver.DriverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A machine's control groups: created per machine under {@code zonedeck/<node-id>/<uuid>}, throttled in place,
 * read for accounting, removed on delete. {@link CgroupV1} writes one directory per controller hierarchy, {@link
 * CgroupV2} one directory in the unified hierarchy; {@link #detect(String)} picks by /proc/self/mounts.
 */
interface Cgroups {

    /** What a group's accounting says now; -1 where not measured. */
    record Usage(
            long cpuNs,
            long memoryBytes,
            long swapBytes,
            long readBytes,
            long writeBytes,
            long readOps,
            long writeOps,
            long lwps,
            long oomKills) {}

    String version();

    /** Creates the group (and its parents); existing is fine. */
    void create(String group) throws DriverException;

    /** Removes the group; it must have no processes left. A missing group is fine. */
    void delete(String group) throws DriverException;

    /** The cgroup.procs files a process writes its pid to, to be fully in the group. */
    List<Path> procsFiles(String group);

    /** The pids of the group's processes (empty when the group does not exist). */
    Set<Integer> pids(String group);

    /** Writes the throttles; {@code device} is MAJ:MIN of the disk under the state dir, or null. */
    void apply(String group, Throttles t, String device, long periodUs) throws DriverException;

    /** Restricts the group to CPUs (cpuset syntax: "0", "0-1"). */
    void pin(String group, String cpus) throws DriverException;

    Usage usage(String group);

    /** The vmadm throttles this host enforces, checked in an existing group. */
    Set<String> throttles(String group, boolean haveDevice);

    /** Whether {@link Usage#swapBytes()} is measured. */
    boolean measuresSwap(String group);

    /** The cgroups of this host, from the text of /proc/self/mounts; v1 when its cpu controller is mounted. */
    static Cgroups detect(String procMounts) {
        Map<String, Path> v1 = new LinkedHashMap<>();
        Path v2 = null;
        for (String line : procMounts.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4) {
                continue;
            }
            if (f[2].equals("cgroup")) {
                for (String option : f[3].split(",")) {
                    if (CgroupV1.CONTROLLERS.contains(option)) {
                        v1.putIfAbsent(option, Path.of(f[1]));
                    }
                }
            } else if (f[2].equals("cgroup2") && (v2 == null || f[1].equals("/sys/fs/cgroup"))) {
                v2 = Path.of(f[1]);
            }
        }
        if (v1.containsKey("cpu") && v1.containsKey("cpuacct") && v1.containsKey("memory")) {
            return new CgroupV1(v1);
        }
        if (v2 != null && Files.exists(v2.resolve("cgroup.controllers"))) {
            return new CgroupV2(v2);
        }
        throw new IllegalStateException("no usable cgroups: neither v1 cpu, cpuacct and memory controllers nor a"
                + " cgroup2 mount in /proc/self/mounts");
    }

    static void write(Path file, String value) throws DriverException {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED,
                    "cannot write '" + value + "' to " + file + ": "
                            + e.getClass().getSimpleName() + " " + e.getMessage(),
                    e);
        }
    }

    static Set<Integer> readPids(Path procs) {
        Set<Integer> out = new LinkedHashSet<>();
        String text = ProcFiles.read(procs).orElse("");
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.add((int) ProcFiles.number(line, procs.toString(), line));
            }
        }
        return out;
    }

    /** rmdir of a cgroup directory (its control files are not removable and need not be). */
    static void rmdir(Path dir) throws DriverException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> children = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isDirectory).forEach(children::add);
        } catch (IOException e) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        for (Path child : children) {
            rmdir(child);
        }
        try {
            Files.delete(dir);
        } catch (IOException e) {
            throw new DriverException(
                    DriverException.OPERATION_FAILED,
                    "cannot remove cgroup " + dir + " (processes left?): "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }
}
