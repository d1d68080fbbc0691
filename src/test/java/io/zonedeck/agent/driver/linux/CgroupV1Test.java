package io.zonedeck.agent.driver.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection from /proc/self/mounts, and the v1 writes against fake hierarchies in a temp dir. */
class CgroupV1Test {
    @TempDir
    Path root;

    static final String THIS_HOST = """
            tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0
            cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0
            cgroup /sys/fs/cgroup/cpuacct cgroup rw,relatime,cpuacct 0 0
            cgroup /sys/fs/cgroup/cpuset cgroup rw,relatime,cpuset 0 0
            cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0
            cgroup /sys/fs/cgroup/blkio cgroup rw,relatime,blkio 0 0
            cgroup /sys/fs/cgroup/pids cgroup rw,relatime,pids 0 0
            cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0
            """;

    @Test
    void a_host_with_v1_cpu_cpuacct_and_memory_is_v1_even_with_a_hybrid_unified_mount() {
        assertThat(Cgroups.detect(THIS_HOST).version()).isEqualTo("v1");
    }

    @Test
    void co_mounted_cpu_and_cpuacct_are_written_once() {
        Cgroups c = Cgroups.detect("cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,cpu,cpuacct 0 0\n"
                + "cgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0\n");
        assertThat(c.procsFiles("zonedeck/n/u"))
                .containsExactly(
                        Path.of("/sys/fs/cgroup/cpu,cpuacct/zonedeck/n/u/cgroup.procs"),
                        Path.of("/sys/fs/cgroup/memory/zonedeck/n/u/cgroup.procs"));
    }

    @Test
    void a_host_without_usable_cgroups_is_refused_with_the_reason() {
        assertThatThrownBy(() -> Cgroups.detect("proc /proc proc rw 0 0\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no usable cgroups");
    }

    CgroupV1 fake() throws IOException {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (String c : new String[] {"cpu", "cpuacct", "cpuset", "memory", "blkio", "pids"}) {
            Files.createDirectories(root.resolve(c));
            mounts.put(c, root.resolve(c));
        }
        Files.writeString(root.resolve("cpuset/cpuset.cpus"), "0-1\n");
        Files.writeString(root.resolve("cpuset/cpuset.mems"), "0\n");
        return new CgroupV1(mounts);
    }

    @Test
    void a_new_cpuset_group_inherits_cpus_and_mems_at_every_level() throws Exception {
        fake().create("zonedeck/n/u");
        assertThat(Files.readString(root.resolve("cpuset/zonedeck/n/u/cpuset.cpus")))
                .isEqualTo("0-1");
        assertThat(Files.readString(root.resolve("cpuset/zonedeck/n/cpuset.mems")))
                .isEqualTo("0");
        assertThat(root.resolve("pids/zonedeck/n/u")).isDirectory();
    }

    @Test
    void throttles_become_cfs_quota_shares_memory_limit_blkio_throttle_and_pids_max() throws Exception {
        CgroupV1 v1 = fake();
        v1.create("g");
        Files.writeString(root.resolve("cpu/g/cpu.cfs_burst_us"), "0");
        Files.writeString(root.resolve("blkio/g/blkio.throttle.read_bps_device"), "");
        v1.apply("g", new Throttles(50, 200, 0, 0, 100, 4L << 20, 0, 64, 500), "254:0", 100_000);
        assertThat(Files.readString(root.resolve("cpu/g/cpu.cfs_period_us"))).isEqualTo("100000");
        assertThat(Files.readString(root.resolve("cpu/g/cpu.cfs_quota_us"))).isEqualTo("50000");
        assertThat(Files.readString(root.resolve("cpu/g/cpu.shares"))).isEqualTo("2000");
        assertThat(Files.readString(root.resolve("memory/g/memory.limit_in_bytes")))
                .isEqualTo("67108864");
        assertThat(Files.readString(root.resolve("blkio/g/blkio.throttle.write_bps_device")))
                .isEqualTo("254:0 4194304");
        assertThat(Files.readString(root.resolve("blkio/g/blkio.throttle.write_iops_device")))
                .isEqualTo("254:0 0");
        assertThat(Files.readString(root.resolve("pids/g/pids.max"))).isEqualTo("500");
    }

    @Test
    void usage_reads_cpuacct_memory_stat_blkio_and_oom_control() throws Exception {
        CgroupV1 v1 = fake();
        v1.create("g");
        Files.writeString(root.resolve("cpuacct/g/cpuacct.usage"), "989748904\n");
        Files.writeString(root.resolve("memory/g/memory.stat"), "cache 1\nrss 2097152\nmapped_file 1048576\nswap 0\n");
        Files.writeString(root.resolve("memory/g/memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
        Files.writeString(
                root.resolve("blkio/g/blkio.throttle.io_service_bytes"),
                "254:0 Read 0\n254:0 Write 20971520\n254:0 Total 20971520\nTotal 20971520\n");
        Files.writeString(root.resolve("blkio/g/blkio.throttle.io_serviced"), "254:0 Read 0\n254:0 Write 80\n");
        Files.writeString(root.resolve("pids/g/pids.current"), "4\n");
        assertThat(v1.usage("g")).isEqualTo(new Cgroups.Usage(989748904L, 3L << 20, 0, 0, 20971520, 0, 80, 4, 2));
        assertThat(v1.measuresSwap("g")).isTrue();
    }
}
