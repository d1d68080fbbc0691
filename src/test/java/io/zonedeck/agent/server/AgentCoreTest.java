package io.zonedeck.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.AgentEvent;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.StreamEntry;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.Sleeper;
import io.zonedeck.agent.driver.sim.SimDriver;
import io.zonedeck.agent.driver.sim.SimSettings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentCoreTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final Sleeper blockUntilReleased = d -> {
        if (!d.isZero()) {
            release.await(5, TimeUnit.SECONDS);
        }
    };
    private final NodeResources node = new NodeResources("sim", 4, 4096, 100, SimDriver.BRANDS);
    private final SimDriver driver =
            new SimDriver(1, node, Clock.systemUTC(), blockUntilReleased, SimSettings.defaults("10.88.2"));
    private final RingBuffer stream = new RingBuffer(1024);
    private final AgentCore core =
            new AgentCore("n1", driver, stream, Clock.systemUTC(), Executors.newCachedThreadPool());

    @AfterEach
    void close() {
        release.countDown();
        core.close();
    }

    private static CreatePayload payload(UUID uuid, long ram, Map<String, String> metadata) {
        return new CreatePayload(
                uuid, "joyent", "m", null, ram, 10L, null, null, null, null, null, null, metadata, null);
    }

    private List<AgentEvent> events() {
        return stream.read(0, 10_000).entries().stream()
                .map(StreamEntry::event)
                .filter(Objects::nonNull)
                .toList();
    }

    private void awaitIdle(UUID uuid, MachineState state) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            if (core.machine(uuid).map(m -> m.state() == state).orElse(state == MachineState.DESTROYED)) {
                Thread.sleep(20); // let the operation's bookkeeping finish
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError(uuid + " never reached " + state);
    }

    @Test
    void a_second_operation_on_a_busy_machine_is_refused() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.createImmediately(payload(uuid, 256, null));
        core.stop(uuid);
        assertThatThrownBy(() -> core.start(uuid)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.error().code()).isEqualTo("Busy");
        });
        assertThat(core.machine(uuid).orElseThrow().state()).isEqualTo(MachineState.STOPPING);
        release.countDown();
        awaitIdle(uuid, MachineState.STOPPED);
        core.start(uuid);
        awaitIdle(uuid, MachineState.RUNNING);
    }

    @Test
    void accepted_create_is_visible_at_once_and_capacity_is_reserved() {
        UUID uuid = UUID.randomUUID();
        AgentCore.CreateResult r = core.create(payload(uuid, 3000, null));
        assertThat(r.accepted()).isTrue();
        assertThat(r.machine().state()).isEqualTo(MachineState.PROVISIONING);
        assertThatThrownBy(() -> core.create(payload(UUID.randomUUID(), 2000, null)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.error().code()).isEqualTo("InsufficientCapacity"));
        assertThat(core.create(payload(uuid, 3000, null)).accepted()).isFalse();
    }

    @Test
    void a_failing_create_emits_a_failed_event_with_the_reason() throws Exception {
        UUID uuid = UUID.randomUUID();
        core.create(payload(uuid, 256, Map.of(SimDriver.FAIL_AT_KEY, "booting")));
        release.countDown();
        long deadline = System.currentTimeMillis() + 5000;
        while (events().stream().noneMatch(e -> e.message() != null) && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(events()).anySatisfy(e -> {
            assertThat(e.uuid()).isEqualTo(uuid);
            assertThat(e.state()).isEqualTo(MachineState.FAILED);
            assertThat(e.step()).isEqualTo("create");
            assertThat(e.message()).contains("booting");
        });
        assertThat(core.machine(uuid).orElseThrow().error()).contains("booting");
    }

    @Test
    void tick_samples_and_reports_state_changes_including_destroyed() throws Exception {
        UUID uuid = UUID.randomUUID();
        driver.createImmediately(payload(uuid, 256, null), MachineState.STOPPED);
        core.tick();
        assertThat(events()).containsExactly(new AgentEvent(uuid, MachineState.STOPPED, null, null, null));
        core.tick();
        assertThat(events()).hasSize(1);
        core.delete(uuid);
        awaitIdle(uuid, MachineState.DESTROYED);
        core.tick();
        assertThat(events()).last().isEqualTo(new AgentEvent(uuid, MachineState.DESTROYED, null, null, null));
        assertThat(stream.read(0, 100).entries())
                .filteredOn(e -> e.sample() != null)
                .hasSize(3);
    }

    @Test
    void unknown_machine_is_not_found_and_wrong_state_is_refused() {
        assertThatThrownBy(() -> core.stop(UUID.randomUUID()))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        UUID uuid = UUID.randomUUID();
        core.create(payload(uuid, 256, null));
        assertThatThrownBy(() -> core.reboot(uuid))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    }
}
