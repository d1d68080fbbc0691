package io.zonedeck.agent.driver.linux;

import io.zonedeck.agent.driver.DriverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * cgroup v2: one directory in the unified hierarchy; every ancestor delegates the controllers it has through
 * cgroup.subtree_control. cpu_cap → cpu.max "quota period" ("max" = none), cpu_shares → cpu.weight, burst →
 * cpu.max.burst, max_physical_memory → memory.max, zfs_io_priority → io.weight, disk_bps_max / disk_iops_max →
 * io.max, max_lwps → pids.max. Accounting from cpu.stat usage_usec, memory.stat (anon + file_mapped),
 * memory.swap.current, io.stat, pids.current.
 */
final class CgroupV2 implements Cgroups {
    static final List<String> WANTED = List.of("cpu", "cpuset", "memory", "io", "pids");

    private final Path root;

    CgroupV2(Path root) {
        this.root = root;
    }

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public void create(String group) throws DriverException {
        Path dir = root;
        for (String part : group.split("/")) {
            enableControllers(dir);
            dir = dir.resolve(part);
            if (!Files.isDirectory(dir)) {
                try {
                    Files.createDirectory(dir);
                } catch (IOException e) {
                    throw new DriverException(
                            DriverException.OPERATION_FAILED, "cannot create cgroup " + dir + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Delegates the wanted controllers the directory has to its children. */
    private void enableControllers(Path dir) throws DriverException {
        Set<String> available = Set.of(ProcFiles.read(dir.resolve("cgroup.controllers"))
                .orElse("")
                .trim()
                .split("\\s+"));
        Set<String> enabled = Set.of(ProcFiles.read(dir.resolve("cgroup.subtree_control"))
                .orElse("")
                .trim()
                .split("\\s+"));
        StringBuilder add = new StringBuilder();
        for (String c : WANTED) {
            if (available.contains(c) && !enabled.contains(c)) {
                add.append(add.isEmpty() ? "" : " ").append('+').append(c);
            }
        }
        if (!add.isEmpty()) {
            Cgroups.write(dir.resolve("cgroup.subtree_control"), add.toString());
        }
    }

    @Override
    public void delete(String group) throws DriverException {
        Cgroups.rmdir(root.resolve(group));
    }

    @Override
    public List<Path> procsFiles(String group) {
        return List.of(root.resolve(group).resolve("cgroup.procs"));
    }

    @Override
    public Set<Integer> pids(String group) {
        return Cgroups.readPids(root.resolve(group).resolve("cgroup.procs"));
    }

    @Override
    public void apply(String group, Throttles t, String device, long periodUs) throws DriverException {
        Path g = root.resolve(group);
        long quota = t.quotaUs(periodUs);
        boolean burst = Files.exists(g.resolve("cpu.max.burst"));
        if (burst) {
            Cgroups.write(g.resolve("cpu.max.burst"), "0");
        }
        Cgroups.write(g.resolve("cpu.max"), (quota < 0 ? "max" : Long.toString(quota)) + " " + periodUs);
        if (burst && t.burstUs(periodUs) > 0) {
            Cgroups.write(g.resolve("cpu.max.burst"), Long.toString(t.burstUs(periodUs)));
        }
        Cgroups.write(g.resolve("cpu.weight"), Long.toString(t.v2Weight()));
        Cgroups.write(g.resolve("memory.max"), Long.toString(t.memoryBytes()));
        if (Files.exists(g.resolve("io.weight"))) {
            Cgroups.write(g.resolve("io.weight"), "default " + t.ioWeight(1, 10000));
        }
        if (device != null && Files.exists(g.resolve("io.max"))) {
            Cgroups.write(g.resolve("io.max"), ioMax(device, t));
        }
        if (Files.exists(g.resolve("pids.max"))) {
            Cgroups.write(g.resolve("pids.max"), t.maxLwps() > 0 ? Integer.toString(t.maxLwps()) : "max");
        }
    }

    /** The io.max line: "MAJ:MIN rbps=N wbps=N riops=N wiops=N", "max" where unlimited. */
    static String ioMax(String device, Throttles t) {
        String bps = t.diskBpsMax() > 0 ? Long.toString(t.diskBpsMax()) : "max";
        String iops = t.diskIopsMax() > 0 ? Long.toString(t.diskIopsMax()) : "max";
        return device + " rbps=" + bps + " wbps=" + bps + " riops=" + iops + " wiops=" + iops;
    }

    @Override
    public void pin(String group, String cpus) throws DriverException {
        Cgroups.write(root.resolve(group).resolve("cpuset.cpus"), cpus);
    }

    @Override
    public Usage usage(String group) {
        Path g = root.resolve(group);
        long cpuNs = ProcFiles.read(g.resolve("cpu.stat"))
                .map(s -> ProcFiles.keyValues(s, "cpu.stat").getOrDefault("usage_usec", -1L))
                .map(us -> us < 0 ? -1 : us * 1000)
                .orElse(-1L);
        Map<String, Long> mem = ProcFiles.read(g.resolve("memory.stat"))
                .map(s -> ProcFiles.keyValues(s, "memory.stat"))
                .orElse(Map.of());
        long memory = mem.isEmpty() ? -1 : mem.getOrDefault("anon", 0L) + mem.getOrDefault("file_mapped", 0L);
        long swap = ProcFiles.read(g.resolve("memory.swap.current"))
                .map(s -> ProcFiles.single(s, "memory.swap.current"))
                .orElse(-1L);
        var io = ProcFiles.read(g.resolve("io.stat")).map(ProcFiles::ioStat);
        long lwps = ProcFiles.read(g.resolve("pids.current"))
                .map(s -> ProcFiles.single(s, "pids.current"))
                .orElse(-1L);
        long oom = ProcFiles.read(g.resolve("memory.events"))
                .map(s -> ProcFiles.keyValues(s, "memory.events").getOrDefault("oom_kill", 0L))
                .orElse(-1L);
        return new Usage(
                cpuNs,
                memory,
                swap,
                io.map(ProcFiles.IoStat::readBytes).orElse(-1L),
                io.map(ProcFiles.IoStat::writeBytes).orElse(-1L),
                io.map(ProcFiles.IoStat::readOps).orElse(-1L),
                io.map(ProcFiles.IoStat::writeOps).orElse(-1L),
                lwps,
                oom);
    }

    @Override
    public Set<String> throttles(String group, boolean haveDevice) {
        Path g = root.resolve(group);
        Set<String> out = new HashSet<>();
        if (Files.exists(g.resolve("cpu.max"))) {
            out.add("cpu_cap");
            if (Files.exists(g.resolve("cpu.max.burst"))) {
                out.add("cpu_baseline");
                out.add("cpu_burst_seconds");
            }
        }
        if (Files.exists(g.resolve("cpu.weight"))) {
            out.add("cpu_shares");
        }
        if (Files.exists(g.resolve("memory.max"))) {
            out.add("max_physical_memory");
        }
        if (Files.exists(g.resolve("io.weight"))) {
            out.add("zfs_io_priority");
        }
        if (haveDevice && Files.exists(g.resolve("io.max"))) {
            out.add("disk_bps_max");
            out.add("disk_iops_max");
        }
        if (Files.exists(g.resolve("pids.max"))) {
            out.add("max_lwps");
        }
        return out;
    }

    @Override
    public boolean measuresSwap(String group) {
        return Files.exists(root.resolve(group).resolve("memory.swap.current"));
    }
}
