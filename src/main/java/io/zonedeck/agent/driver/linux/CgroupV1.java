package io.zonedeck.agent.driver.linux;

import io.zonedeck.agent.driver.DriverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * cgroup v1: one directory per controller hierarchy (cpu and cpuacct may share one). cpu_cap → cpu.cfs_quota_us /
 * cpu.cfs_period_us, cpu_shares → cpu.shares (×10), burst → cpu.cfs_burst_us, max_physical_memory →
 * memory.limit_in_bytes, zfs_io_priority → blkio.weight or blkio.bfq.weight, disk_bps_max / disk_iops_max →
 * blkio.throttle.{read,write}_{bps,iops}_device (direct I/O only: v1 does not throttle page-cache writeback),
 * max_lwps → pids.max. Accounting from cpuacct.usage, memory.stat (rss + mapped_file, swap),
 * blkio.throttle.io_service_bytes / io_serviced, pids.current (else the tasks file). Like the throttle, v1's disk
 * accounting sees direct I/O and reads only: page-cache writeback is charged to the root group.
 */
final class CgroupV1 implements Cgroups {
    static final Set<String> CONTROLLERS = Set.of("cpu", "cpuacct", "cpuset", "memory", "blkio", "pids");

    private final Map<String, Path> mounts;

    CgroupV1(Map<String, Path> mounts) {
        this.mounts = new LinkedHashMap<>(mounts);
    }

    @Override
    public String version() {
        return "v1";
    }

    private Path dir(String controller, String group) {
        return mounts.get(controller).resolve(group);
    }

    private boolean has(String controller) {
        return mounts.containsKey(controller);
    }

    /** The distinct hierarchies (cpu,cpuacct co-mounted count once). */
    private List<Path> hierarchies() {
        return new ArrayList<>(new LinkedHashSet<>(mounts.values()));
    }

    @Override
    public void create(String group) throws DriverException {
        for (Path root : hierarchies()) {
            Path dir = root;
            for (String part : group.split("/")) {
                Path parent = dir;
                dir = dir.resolve(part);
                if (Files.isDirectory(dir)) {
                    continue;
                }
                try {
                    Files.createDirectory(dir);
                } catch (IOException e) {
                    throw new DriverException(
                            DriverException.OPERATION_FAILED, "cannot create cgroup " + dir + ": " + e.getMessage(), e);
                }
                if (has("cpuset") && root.equals(mounts.get("cpuset"))) {
                    // a v1 cpuset group takes no task until it has cpus and mems: inherit the parent's
                    for (String f : List.of("cpuset.cpus", "cpuset.mems")) {
                        String v = ProcFiles.read(parent.resolve(f)).orElse("").trim();
                        if (!v.isEmpty()) {
                            Cgroups.write(dir.resolve(f), v);
                        }
                    }
                }
            }
        }
    }

    @Override
    public void delete(String group) throws DriverException {
        for (Path root : hierarchies()) {
            Cgroups.rmdir(root.resolve(group));
        }
    }

    @Override
    public List<Path> procsFiles(String group) {
        return hierarchies().stream()
                .map(r -> r.resolve(group).resolve("cgroup.procs"))
                .toList();
    }

    @Override
    public Set<Integer> pids(String group) {
        Set<Integer> all = new HashSet<>();
        for (Path root : hierarchies()) {
            all.addAll(Cgroups.readPids(root.resolve(group).resolve("cgroup.procs")));
        }
        return all;
    }

    @Override
    public void apply(String group, Throttles t, String device, long periodUs) throws DriverException {
        Path cpu = dir("cpu", group);
        long quota = t.quotaUs(periodUs);
        if (Files.exists(cpu.resolve("cpu.cfs_burst_us"))) {
            Cgroups.write(cpu.resolve("cpu.cfs_burst_us"), "0"); // burst <= quota at every step
        }
        String period = Long.toString(periodUs);
        if (!ProcFiles.read(cpu.resolve("cpu.cfs_period_us")).orElse("").trim().equals(period)) {
            Cgroups.write(cpu.resolve("cpu.cfs_period_us"), period);
        }
        Cgroups.write(cpu.resolve("cpu.cfs_quota_us"), Long.toString(quota));
        if (t.burstUs(periodUs) > 0) {
            Cgroups.write(cpu.resolve("cpu.cfs_burst_us"), Long.toString(t.burstUs(periodUs)));
        }
        Cgroups.write(cpu.resolve("cpu.shares"), Long.toString(t.v1Shares()));
        Cgroups.write(dir("memory", group).resolve("memory.limit_in_bytes"), Long.toString(t.memoryBytes()));
        if (has("blkio")) {
            Path blkio = dir("blkio", group);
            if (Files.exists(blkio.resolve("blkio.weight"))) {
                Cgroups.write(blkio.resolve("blkio.weight"), Long.toString(t.ioWeight(10, 1000)));
            } else if (Files.exists(blkio.resolve("blkio.bfq.weight"))) {
                Cgroups.write(blkio.resolve("blkio.bfq.weight"), Long.toString(t.ioWeight(1, 1000)));
            }
            if (device != null && Files.exists(blkio.resolve("blkio.throttle.read_bps_device"))) {
                for (String op : List.of("read", "write")) {
                    Cgroups.write(blkio.resolve("blkio.throttle." + op + "_bps_device"), device + " " + t.diskBpsMax());
                    Cgroups.write(
                            blkio.resolve("blkio.throttle." + op + "_iops_device"), device + " " + t.diskIopsMax());
                }
            }
        }
        if (has("pids")) {
            Cgroups.write(
                    dir("pids", group).resolve("pids.max"), t.maxLwps() > 0 ? Integer.toString(t.maxLwps()) : "max");
        }
    }

    @Override
    public void pin(String group, String cpus) throws DriverException {
        if (!has("cpuset")) {
            throw new DriverException(DriverException.NOT_SUPPORTED, "the cpuset controller is not mounted");
        }
        Cgroups.write(dir("cpuset", group).resolve("cpuset.cpus"), cpus);
    }

    @Override
    public Usage usage(String group) {
        long cpuNs = ProcFiles.read(dir("cpuacct", group).resolve("cpuacct.usage"))
                .map(s -> ProcFiles.single(s, "cpuacct.usage"))
                .orElse(-1L);
        Map<String, Long> mem = ProcFiles.read(dir("memory", group).resolve("memory.stat"))
                .map(s -> ProcFiles.keyValues(s, "memory.stat"))
                .orElse(Map.of());
        long memory = mem.isEmpty() ? -1 : mem.getOrDefault("rss", 0L) + mem.getOrDefault("mapped_file", 0L);
        long swap = mem.getOrDefault("swap", -1L);
        long rb = -1;
        long wb = -1;
        long ro = -1;
        long wo = -1;
        if (has("blkio")) {
            Path blkio = dir("blkio", group);
            var bytes = ProcFiles.read(blkio.resolve("blkio.throttle.io_service_bytes"))
                    .map(s -> ProcFiles.blkio(s, "blkio.throttle.io_service_bytes"));
            var ops = ProcFiles.read(blkio.resolve("blkio.throttle.io_serviced"))
                    .map(s -> ProcFiles.blkio(s, "blkio.throttle.io_serviced"));
            if (bytes.isPresent()) {
                rb = bytes.get().read();
                wb = bytes.get().write();
            }
            if (ops.isPresent()) {
                ro = ops.get().read();
                wo = ops.get().write();
            }
        }
        long lwps = has("pids")
                ? ProcFiles.read(dir("pids", group).resolve("pids.current"))
                        .map(s -> ProcFiles.single(s, "pids.current"))
                        .orElse(-1L)
                : ProcFiles.read(dir("cpu", group).resolve("tasks"))
                        .map(s -> s.lines().filter(l -> !l.isBlank()).count())
                        .orElse(-1L);
        long oom = ProcFiles.read(dir("memory", group).resolve("memory.oom_control"))
                .map(s -> ProcFiles.keyValues(s, "memory.oom_control").getOrDefault("oom_kill", 0L))
                .orElse(-1L);
        return new Usage(cpuNs, memory, swap, rb, wb, ro, wo, lwps, oom);
    }

    @Override
    public Set<String> throttles(String group, boolean haveDevice) {
        Set<String> out = new HashSet<>();
        Path cpu = dir("cpu", group);
        if (Files.exists(cpu.resolve("cpu.cfs_quota_us"))) {
            out.add("cpu_cap");
            if (Files.exists(cpu.resolve("cpu.cfs_burst_us"))) {
                out.add("cpu_baseline");
                out.add("cpu_burst_seconds");
            }
        }
        if (Files.exists(cpu.resolve("cpu.shares"))) {
            out.add("cpu_shares");
        }
        if (Files.exists(dir("memory", group).resolve("memory.limit_in_bytes"))) {
            out.add("max_physical_memory");
        }
        if (has("blkio")) {
            Path blkio = dir("blkio", group);
            if (Files.exists(blkio.resolve("blkio.weight")) || Files.exists(blkio.resolve("blkio.bfq.weight"))) {
                out.add("zfs_io_priority");
            }
            if (haveDevice && Files.exists(blkio.resolve("blkio.throttle.write_bps_device"))) {
                out.add("disk_bps_max");
                out.add("disk_iops_max");
            }
        }
        if (has("pids") && Files.exists(dir("pids", group).resolve("pids.max"))) {
            out.add("max_lwps");
        }
        return out;
    }

    @Override
    public boolean measuresSwap(String group) {
        return ProcFiles.read(dir("memory", group).resolve("memory.stat"))
                .map(s -> s.lines().anyMatch(l -> l.startsWith("swap ")))
                .orElse(false);
    }
}
