package io.zonedeck.agent.driver.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.AgentJson;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.WorkloadImages;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver over a fake cgroup v2 hierarchy and a temp state dir: no root needed for what happens before any
 * command runs (validation) and for re-adopting from the state dir.
 */
class LinuxDriverStateTest {
    @TempDir
    Path tmp;

    LinuxDriver driver() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("cgroup"));
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory io pids\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "");
        LinuxSettings s = new LinuxSettings("n1", tmp.resolve("state"), "zdu0", "10.97.0", null, null);
        return new LinuxDriver(s, new CgroupV2(root), Workload.forHost(), Clock.systemUTC());
    }

    static CreatePayload payload(UUID uuid, String brand, UUID image) {
        return new CreatePayload(
                uuid, brand, "m", image, 128L, 1L, null, null, null, null, null, List.of(), Map.of(), Map.of());
    }

    void save(UUID uuid, Integer pid) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("state/machines/" + uuid));
        var saved = new LinuxMachine.Saved(
                payload(uuid, "joyent", WorkloadImages.IDLE),
                "m",
                new Throttles(0, 100, 0, 0, 100, 0, 0, 128, 2000),
                1,
                256,
                List.of(),
                Map.of(),
                Map.of(),
                Instant.parse("2026-11-25T07:00:00Z"),
                "zd-" + uuid.toString().substring(0, 8),
                "zdv" + uuid.toString().substring(0, 8),
                "10.97.0.10",
                pid,
                null);
        AgentJson.newMapper().writeValue(dir.resolve("machine.json").toFile(), saved);
    }

    @Test
    void a_machine_whose_pid_is_alive_in_its_cgroup_is_readopted_running_and_the_others_stopped() throws Exception {
        UUID adopted = UUID.randomUUID();
        UUID dead = UUID.randomUUID();
        UUID strayPid = UUID.randomUUID();
        int me = (int) ProcessHandle.current().pid();
        save(adopted, me);
        save(dead, Integer.MAX_VALUE - 1);
        save(strayPid, me); // alive, but not in its cgroup: a recycled pid, not the machine
        Path group = Files.createDirectories(tmp.resolve("cgroup/zonedeck/n1/" + adopted));
        Files.writeString(group.resolve("cgroup.procs"), me + "\n");
        Files.createDirectories(tmp.resolve("state/machines/" + UUID.randomUUID()));
        Files.writeString(
                Files.createDirectories(tmp.resolve("state/machines/garbled")).resolve("machine.json"), "{not json");

        LinuxDriver d = driver();

        assertThat(d.list()).hasSize(3);
        assertThat(d.get(adopted).orElseThrow().state()).isEqualTo(MachineState.RUNNING);
        assertThat(d.pid(adopted)).contains(me);
        assertThat(d.get(dead).orElseThrow().state()).isEqualTo(MachineState.STOPPED);
        assertThat(d.get(strayPid).orElseThrow().state()).isEqualTo(MachineState.STOPPED);
        assertThat(d.get(adopted).orElseThrow().ips()).containsExactly("10.97.0.10");
        assertThat(d.machineNet(adopted).orElseThrow())
                .isEqualTo(
                        new MachineNet("zd-" + adopted.toString().substring(0, 8), "eth0", "10.97.0.10", 24, "joyent"));
    }

    @Test
    void garbled_accounting_files_cost_that_machine_its_sample_not_the_agent_its_sampler() throws Exception {
        UUID ok = UUID.randomUUID();
        UUID garbled = UUID.randomUUID();
        int me = (int) ProcessHandle.current().pid();
        save(ok, me);
        save(garbled, me);
        for (UUID u : List.of(ok, garbled)) {
            Path g = Files.createDirectories(tmp.resolve("cgroup/zonedeck/n1/" + u));
            Files.writeString(g.resolve("cgroup.procs"), me + "\n");
            Files.writeString(g.resolve("cpu.stat"), u == ok ? "usage_usec 1000\n" : "usage_usec lots\n");
        }
        LinuxDriver d = driver();
        var sample = d.sample();
        assertThat(sample.machines()).extracting(s -> s.uuid()).containsExactly(ok);
        assertThat(sample.memUsedMiB()).isPositive();
    }

    @Test
    void an_unknown_image_or_a_brand_this_node_cannot_run_is_invalid_before_anything_happens() throws Exception {
        LinuxDriver d = driver();
        assertThatThrownBy(
                        () -> d.create(payload(UUID.randomUUID(), "joyent", UUID.randomUUID()), ProgressListener.NONE))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("is not a workload of this linux node")
                .extracting(e -> ((DriverException) e).code())
                .isEqualTo(DriverException.INVALID);
        assertThatThrownBy(
                        () -> d.create(payload(UUID.randomUUID(), "kvm", WorkloadImages.IDLE), ProgressListener.NONE))
                .hasMessageContaining("brand kvm is not supported");
        assertThat(d.list()).isEmpty();
    }

    @Test
    void snapshots_are_not_supported() throws Exception {
        LinuxDriver d = driver();
        assertThatThrownBy(() -> d.createSnapshot(UUID.randomUUID(), "s1"))
                .extracting(e -> ((DriverException) e).code())
                .isEqualTo(DriverException.NOT_SUPPORTED);
        assertThat(d.capabilities().snapshots()).isFalse();
    }

    @Test
    void the_hostname_is_the_alias_made_a_valid_label() {
        UUID u = UUID.fromString("6a759f6d-36cb-40d3-8f3f-5d1c89d5fdb6");
        var saved = new LinuxMachine.Saved(
                payload(u, "joyent", WorkloadImages.IDLE),
                "Web One!",
                null,
                1,
                256,
                null,
                null,
                null,
                null,
                "n",
                "v",
                "ip",
                null,
                null);
        LinuxMachine m = new LinuxMachine(saved, MachineState.STOPPED);
        assertThat(m.hostname()).isEqualTo("web-one");
        m.alias = "---";
        assertThat(m.hostname()).isEqualTo("zd-6a759f6d");
    }
}
