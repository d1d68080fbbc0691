package io.zonedeck.agent.driver.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.driver.DriverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v2 writes against a fake unified hierarchy in a temp dir (this host runs v1). */
class CgroupV2Test {
    @TempDir
    Path root;

    static final String GROUP = "zonedeck/node1/6a759f6d-36cb-40d3-8f3f-5d1c89d5fdb6";

    CgroupV2 fakeHost() throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "");
        return new CgroupV2(root);
    }

    /** A kernel creates these in a new group; the fake has to. */
    void controlFiles(Path g) throws IOException {
        for (String f : new String[] {
            "cpu.max", "cpu.max.burst", "cpu.weight", "memory.max", "io.weight", "io.max", "pids.max", "cgroup.procs"
        }) {
            Files.writeString(g.resolve(f), "");
        }
    }

    @Test
    void create_delegates_controllers_down_every_level() throws Exception {
        CgroupV2 v2 = fakeHost();
        v2.create(GROUP);
        assertThat(root.resolve(GROUP)).isDirectory();
        assertThat(Files.readString(root.resolve("cgroup.subtree_control")))
                .isEqualTo("+cpu +cpuset +memory +io +pids");
    }

    @Test
    void throttles_become_cpu_max_weight_memory_max_io_max_and_pids_max() throws Exception {
        CgroupV2 v2 = fakeHost();
        v2.create(GROUP);
        Path g = root.resolve(GROUP);
        controlFiles(g);
        Throttles t = new Throttles(50, 200, 0, 0, 300, 4L << 20, 500, 512, 100);
        v2.apply(GROUP, t, "254:0", 100_000);
        assertThat(Files.readString(g.resolve("cpu.max"))).isEqualTo("50000 100000");
        assertThat(Files.readString(g.resolve("cpu.max.burst"))).isEqualTo("0");
        assertThat(Files.readString(g.resolve("cpu.weight"))).isEqualTo("200");
        assertThat(Files.readString(g.resolve("memory.max"))).isEqualTo(Long.toString(512L << 20));
        assertThat(Files.readString(g.resolve("io.weight"))).isEqualTo("default 300");
        assertThat(Files.readString(g.resolve("io.max")))
                .isEqualTo("254:0 rbps=4194304 wbps=4194304 riops=500 wiops=500");
        assertThat(Files.readString(g.resolve("pids.max"))).isEqualTo("100");
    }

    @Test
    void no_cap_no_disk_limit_and_no_lwp_limit_are_written_as_max() throws Exception {
        CgroupV2 v2 = fakeHost();
        v2.create(GROUP);
        Path g = root.resolve(GROUP);
        controlFiles(g);
        v2.apply(GROUP, new Throttles(0, 100, 0, 0, 100, 0, 0, 256, 0), "8:0", 100_000);
        assertThat(Files.readString(g.resolve("cpu.max"))).isEqualTo("max 100000");
        assertThat(Files.readString(g.resolve("io.max"))).isEqualTo("8:0 rbps=max wbps=max riops=max wiops=max");
        assertThat(Files.readString(g.resolve("pids.max"))).isEqualTo("max");
    }

    @Test
    void a_bursting_machine_gets_its_baseline_and_a_burst() throws Exception {
        CgroupV2 v2 = fakeHost();
        v2.create(GROUP);
        Path g = root.resolve(GROUP);
        controlFiles(g);
        v2.apply(GROUP, new Throttles(200, 100, 50, 10, 100, 0, 0, 256, 0), null, 100_000);
        assertThat(Files.readString(g.resolve("cpu.max"))).isEqualTo("50000 100000");
        assertThat(Files.readString(g.resolve("cpu.max.burst"))).isEqualTo("50000");
        assertThat(Files.readString(g.resolve("io.max")))
                .as("no device: untouched")
                .isEmpty();
    }

    @Test
    void usage_reads_cpu_stat_memory_stat_io_stat_and_pids() throws Exception {
        CgroupV2 v2 = fakeHost();
        v2.create(GROUP);
        Path g = root.resolve(GROUP);
        Files.writeString(g.resolve("cpu.stat"), "usage_usec 2500000\nuser_usec 2000000\nsystem_usec 500000\n");
        Files.writeString(g.resolve("memory.stat"), "anon 1048576\nfile 99999999\nfile_mapped 1048576\n");
        Files.writeString(g.resolve("memory.swap.current"), "4096\n");
        Files.writeString(g.resolve("io.stat"), "254:0 rbytes=10 wbytes=20 rios=1 wios=2 dbytes=0 dios=0\n");
        Files.writeString(g.resolve("pids.current"), "3\n");
        Files.writeString(g.resolve("memory.events"), "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n");
        Files.writeString(g.resolve("cgroup.procs"), "101\n102\n");
        Cgroups.Usage u = v2.usage(GROUP);
        assertThat(u).isEqualTo(new Cgroups.Usage(2_500_000_000L, 2L << 20, 4096, 10, 20, 1, 2, 3, 1));
        assertThat(v2.pids(GROUP)).containsExactly(101, 102);
        assertThat(v2.measuresSwap(GROUP)).isTrue();
    }

    @Test
    void throttles_advertised_are_those_whose_files_exist() throws Exception {
        CgroupV2 v2 = fakeHost();
        v2.create(GROUP);
        Path g = root.resolve(GROUP);
        Files.writeString(g.resolve("cpu.max"), "max 100000");
        Files.writeString(g.resolve("cpu.weight"), "100");
        Files.writeString(g.resolve("memory.max"), "max");
        Files.writeString(g.resolve("io.max"), "");
        assertThat(v2.throttles(GROUP, true))
                .containsExactlyInAnyOrder(
                        "cpu_cap", "cpu_shares", "max_physical_memory", "disk_bps_max", "disk_iops_max");
        assertThat(v2.throttles(GROUP, false)).doesNotContain("disk_bps_max");
    }

    @Test
    void a_write_the_kernel_refuses_is_an_operation_failed_naming_the_file() throws Exception {
        CgroupV2 v2 = fakeHost();
        Path g = root.resolve("not-created");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> v2.apply("not-created/x", new Throttles(0, 100, 0, 0, 100, 0, 0, 256, 0), null, 100_000))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("cpu.max")
                .hasMessageContaining(g.toString());
    }
}
