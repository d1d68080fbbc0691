package io.zonedeck.agent.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.ProgressListener;
import io.zonedeck.agent.driver.Sleeper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SimDriverTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T12:00:00Z"), ZoneOffset.UTC);
    private static final NodeResources NODE = new NodeResources("sim-1", 4, 8192, 100, SimDriver.BRANDS);

    private final SimDriver driver = new SimDriver(42, NODE, CLOCK, Sleeper.NONE, SimSettings.instant("10.88.3"));

    static CreatePayload payload(UUID uuid, long ramMiB, long diskGiB) {
        return new CreatePayload(
                uuid,
                "joyent",
                "web-1",
                UUID.randomUUID(),
                ramMiB,
                diskGiB,
                50,
                100,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void create_reports_the_four_steps_and_ends_running() throws Exception {
        List<String> steps = new ArrayList<>();
        UUID uuid = UUID.randomUUID();
        driver.create(payload(uuid, 1024, 10), (step, pct) -> steps.add(step + "@" + pct));

        assertThat(steps)
                .containsExactly(
                        "validating payload@10",
                        "creating dataset from image@40",
                        "configuring network@70",
                        "booting@90");
        MachineInfo m = driver.get(uuid).orElseThrow();
        assertThat(m.state()).isEqualTo(MachineState.RUNNING);
        assertThat(m.provisionStep()).isNull();
        assertThat(m.maxPhysicalMemory()).isEqualTo(1024);
        assertThat(m.ips()).containsExactly("10.88.3.10");
        assertThat(m.createTimestamp()).isEqualTo(CLOCK.instant());
    }

    @Test
    void provisioning_state_and_step_are_visible_while_create_runs() throws Exception {
        CountDownLatch inBoot = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SimDriver slow = new SimDriver(1, NODE, CLOCK, Sleeper.NONE, SimSettings.instant("10.88.3"));
        UUID uuid = UUID.randomUUID();
        Thread t = new Thread(() -> {
            try {
                slow.create(payload(uuid, 512, 5), (step, pct) -> {
                    if (pct == 90) {
                        inBoot.countDown();
                        awaitQuietly(release);
                    }
                });
            } catch (DriverException e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        assertThat(inBoot.await(5, TimeUnit.SECONDS)).isTrue();
        MachineInfo during = slow.get(uuid).orElseThrow();
        assertThat(during.state()).isEqualTo(MachineState.PROVISIONING);
        assertThat(during.provisionStep()).isEqualTo("booting");
        assertThat(during.provisionProgress()).isEqualTo(90);
        release.countDown();
        t.join(5000);
        assertThat(slow.get(uuid).orElseThrow().state()).isEqualTo(MachineState.RUNNING);
    }

    @Test
    void create_fails_with_insufficient_capacity_when_ram_would_exceed_the_node() throws Exception {
        driver.create(payload(UUID.randomUUID(), 6000, 10), ProgressListener.NONE);
        assertThatThrownBy(() -> driver.create(payload(UUID.randomUUID(), 3000, 10), ProgressListener.NONE))
                .isInstanceOf(DriverException.class)
                .extracting(e -> ((DriverException) e).code())
                .isEqualTo("InsufficientCapacity");
        assertThat(driver.list()).hasSize(1);
    }

    @Test
    void create_fails_with_insufficient_capacity_when_disk_would_exceed_the_node() throws Exception {
        driver.create(payload(UUID.randomUUID(), 100, 60), ProgressListener.NONE);
        assertThatThrownBy(() -> driver.create(payload(UUID.randomUUID(), 100, 41), ProgressListener.NONE))
                .extracting(e -> ((DriverException) e).code())
                .isEqualTo("InsufficientCapacity");
    }

    @Test
    void create_of_an_existing_uuid_is_a_duplicate() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.create(payload(uuid, 100, 1), ProgressListener.NONE);
        assertThatThrownBy(() -> driver.create(payload(uuid, 100, 1), ProgressListener.NONE))
                .extracting(e -> ((DriverException) e).code())
                .isEqualTo("Duplicate");
    }

    @Test
    void simulated_failure_leaves_the_machine_failed_with_the_reason() {
        UUID uuid = UUID.randomUUID();
        CreatePayload p = new CreatePayload(
                uuid,
                "lx",
                "bad",
                null,
                256L,
                5L,
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of(SimDriver.FAIL_AT_KEY, "configuring network"),
                null);
        assertThatThrownBy(() -> driver.create(p, ProgressListener.NONE)).isInstanceOf(DriverException.class);
        MachineInfo m = driver.get(uuid).orElseThrow();
        assertThat(m.state()).isEqualTo(MachineState.FAILED);
        assertThat(m.error()).contains("configuring network");
    }

    @Test
    void static_nic_addresses_are_used_and_others_get_counter_addresses() throws Exception {
        UUID a = UUID.randomUUID();
        CreatePayload withIp = new CreatePayload(
                a,
                "joyent",
                "a",
                null,
                256L,
                5L,
                null,
                null,
                null,
                null,
                null,
                List.of(new Nic("external", List.of("192.168.5.7/24"), List.of("192.168.5.1"), 0, true)),
                null,
                null);
        driver.create(withIp, ProgressListener.NONE);
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        driver.create(payload(b, 256, 5), ProgressListener.NONE);
        driver.create(payload(c, 256, 5), ProgressListener.NONE);
        assertThat(driver.get(a).orElseThrow().ips()).containsExactly("192.168.5.7");
        assertThat(driver.get(b).orElseThrow().ips()).containsExactly("10.88.3.10");
        assertThat(driver.get(c).orElseThrow().ips()).containsExactly("10.88.3.11");
    }

    @Test
    void stop_start_reboot_and_delete_change_the_state() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.create(payload(uuid, 256, 5), ProgressListener.NONE);
        driver.stop(uuid);
        assertThat(driver.get(uuid).orElseThrow().state()).isEqualTo(MachineState.STOPPED);
        assertThatThrownBy(() -> driver.reboot(uuid))
                .extracting(e -> ((DriverException) e).code())
                .isEqualTo("InvalidState");
        driver.start(uuid);
        driver.reboot(uuid);
        assertThat(driver.get(uuid).orElseThrow().state()).isEqualTo(MachineState.RUNNING);
        driver.delete(uuid);
        assertThat(driver.get(uuid)).isEmpty();
        assertThat(driver.list()).isEmpty();
        assertThatThrownBy(() -> driver.start(uuid))
                .extracting(e -> ((DriverException) e).code())
                .isEqualTo("NotFound");
    }

    @Test
    void stopping_is_visible_while_stop_runs() throws Exception {
        AtomicReference<SimDriver> self = new AtomicReference<>();
        AtomicReference<MachineState> seen = new AtomicReference<>();
        UUID uuid = UUID.randomUUID();
        Sleeper peek = d -> self.get().get(uuid).ifPresent(m -> seen.set(m.state()));
        SimDriver d = new SimDriver(1, NODE, CLOCK, peek, SimSettings.defaults("10.88.3"));
        self.set(d);
        d.createImmediately(payload(uuid, 256, 5));
        d.stop(uuid);
        assertThat(seen.get()).isEqualTo(MachineState.STOPPING);
        d.start(uuid);
        assertThat(seen.get()).isEqualTo(MachineState.STARTING);
    }

    @Test
    void create_immediately_puts_the_machine_straight_into_its_state() throws Exception {
        UUID running = UUID.randomUUID();
        UUID stopped = UUID.randomUUID();
        driver.createImmediately(payload(running, 256, 5));
        driver.createImmediately(payload(stopped, 256, 5), MachineState.STOPPED);
        assertThat(driver.get(running).orElseThrow().state()).isEqualTo(MachineState.RUNNING);
        assertThat(driver.get(stopped).orElseThrow().state()).isEqualTo(MachineState.STOPPED);
    }

    @Test
    void node_sample_sums_machines_and_stopped_machines_use_nothing() throws Exception {
        UUID running = UUID.randomUUID();
        UUID stopped = UUID.randomUUID();
        driver.createImmediately(payload(running, 2048, 5));
        driver.createImmediately(payload(stopped, 2048, 5), MachineState.STOPPED);
        NodeSample s = null;
        for (int i = 0; i < 100; i++) {
            s = driver.sample();
        }
        assertThat(s.machines()).hasSize(2);
        double cpuSum = s.machines().stream().mapToDouble(m -> m.cpuPct()).sum();
        assertThat(s.cpuUtilPct()).isCloseTo(Math.min(100, cpuSum / 4), org.assertj.core.data.Offset.offset(0.01));
        assertThat(s.memUsedMiB())
                .isEqualTo(s.machines().stream().mapToLong(m -> m.memRssMiB()).sum());
        assertThat(s.machines())
                .filteredOn(m -> m.uuid().equals(stopped))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.cpuPct()).isZero();
                    assertThat(m.memRssMiB()).isZero();
                });
        assertThat(s.memUsedMiB()).isPositive();
    }

    @Test
    void same_seed_and_calls_give_the_same_samples() throws Exception {
        UUID uuid = UUID.randomUUID();
        SimDriver a = new SimDriver(7, NODE, CLOCK, Sleeper.NONE, SimSettings.instant("10.88.0"));
        SimDriver b = new SimDriver(7, NODE, CLOCK, Sleeper.NONE, SimSettings.instant("10.88.0"));
        a.createImmediately(payload(uuid, 512, 5));
        b.createImmediately(payload(uuid, 512, 5));
        for (int i = 0; i < 50; i++) {
            assertThat(a.sample()).isEqualTo(b.sample());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
