package io.zonedeck.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineInfo;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.agent.api.SnapshotInfo;
import io.zonedeck.agent.api.StreamEntry;
import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.api.VrrpSpec;
import io.zonedeck.agent.api.VrrpState;
import io.zonedeck.agent.driver.Driver;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.ProgressListener;
import io.zonedeck.agent.driver.Sleeper;
import io.zonedeck.agent.driver.sim.SimDriver;
import io.zonedeck.agent.driver.sim.SimSettings;
import io.zonedeck.agent.vrrp.ManualClock;
import io.zonedeck.agent.vrrp.SimLan;
import io.zonedeck.agent.vrrp.VrrpEngine;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class AgentCoreVrrpTest {
    private static final NodeResources NODE = new NodeResources("sim-1", 4, 8192, 100, SimDriver.BRANDS);

    private final ManualClock clock = new ManualClock(5_000);
    private final SimDriver driver = new SimDriver(
            1,
            NODE,
            clock,
            Sleeper.NONE,
            SimSettings.instant("10.88.4"),
            VrrpEngine.manual("sim-1", new SimLan(), clock));
    private final RingBuffer stream = new RingBuffer(64);
    private final AgentCore core = new AgentCore("sim-1", driver, stream, clock, Executors.newCachedThreadPool());

    @Test
    void transitions_are_appended_to_the_stream_as_vrrp_entries() throws Exception {
        UUID m = UUID.randomUUID();
        driver.createImmediately(new CreatePayload(
                m,
                "joyent",
                "lb",
                null,
                256L,
                5L,
                null,
                null,
                null,
                null,
                null,
                List.of(new Nic("external", List.of("10.0.0.1"), null, null, true)),
                null,
                null));
        core.configureVrrp(
                m, 1, new VrrpSpec(1, "10.0.0.1", 255, 1000, true, true, List.of("10.0.0.9"), "external", 0));
        List<StreamEntry> entries = stream.read(0, 10).entries();
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.timestamp()).isEqualTo(5_000L);
            assertThat(e.vrrp().to()).isEqualTo(VrrpState.MASTER);
            assertThat(e.vrrp().uuid()).isEqualTo(m);
        });
    }

    @Test
    void a_failed_node_records_no_samples_until_it_recovers() {
        core.tick();
        long seq = stream.lastSeq();
        core.setNodeDown(true);
        assertThat(core.nodeDown()).isTrue();
        core.tick();
        assertThat(stream.lastSeq()).isEqualTo(seq);
        core.setNodeDown(false);
        core.tick();
        assertThat(stream.lastSeq()).isEqualTo(seq + 1);
    }

    @Test
    void a_driver_without_vrrp_answers_501_not_supported_and_cannot_fail() {
        Driver plain = new Driver() {
            @Override
            public String name() {
                return "plain";
            }

            @Override
            public NodeResources resources() {
                return NODE;
            }

            @Override
            public List<MachineInfo> list() {
                return List.of();
            }

            @Override
            public Optional<MachineInfo> get(UUID uuid) {
                return Optional.empty();
            }

            @Override
            public void create(CreatePayload payload, ProgressListener progress) {}

            @Override
            public void start(UUID uuid) {}

            @Override
            public void stop(UUID uuid) {}

            @Override
            public void reboot(UUID uuid) {}

            @Override
            public void delete(UUID uuid) {}

            @Override
            public void update(UUID uuid, UpdatePayload update) {}

            @Override
            public List<SnapshotInfo> snapshots(UUID uuid) {
                return List.of();
            }

            @Override
            public void createSnapshot(UUID uuid, String name) {}

            @Override
            public void rollbackSnapshot(UUID uuid, String name) {}

            @Override
            public void deleteSnapshot(UUID uuid, String name) {}

            @Override
            public NodeSample sample() {
                return new NodeSample(0, 0, List.of());
            }
        };
        AgentCore plainCore = new AgentCore("n", plain, new RingBuffer(8), clock, Executors.newCachedThreadPool());
        assertThatThrownBy(plainCore::vrrpRouters).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(501);
            assertThat(e.error().code()).isEqualTo("NotSupported");
        });
        assertThatThrownBy(() -> plainCore.setNodeDown(true))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(plainCore.nodeDown()).isFalse();
        assertThatThrownBy(() ->
                        plainCore.injectFault(new io.zonedeck.agent.api.SimFault("any", "fail", null, null, null)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(plainCore.takeDrop("create", UUID.randomUUID())).isFalse();
        plainCore.close();
    }
}
