package io.zonedeck.agent.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.Nic;
import io.zonedeck.agent.api.VrrpRouterInfo;
import io.zonedeck.agent.api.VrrpSpec;
import io.zonedeck.agent.api.VrrpState;
import io.zonedeck.agent.api.VrrpTransition;
import io.zonedeck.agent.driver.DriverException;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.Sleeper;
import io.zonedeck.agent.driver.VrrpSupport;
import io.zonedeck.agent.vrrp.ManualClock;
import io.zonedeck.agent.vrrp.SimLan;
import io.zonedeck.agent.vrrp.VrrpEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SimDriverVrrpTest {
    private static final NodeResources NODE = new NodeResources("sim-1", 4, 8192, 100, SimDriver.BRANDS);

    private final ManualClock clock = new ManualClock(1_000_000);
    private final VrrpEngine engine = VrrpEngine.manual("sim-1", new SimLan(), clock);
    private final SimDriver driver =
            new SimDriver(42, NODE, clock, Sleeper.NONE, SimSettings.instant("10.88.3"), engine);
    private final VrrpSupport vrrp = driver.vrrp().orElseThrow();
    private final List<VrrpTransition> transitions = new ArrayList<>();

    SimDriverVrrpTest() {
        vrrp.setTransitionListener(transitions::add);
    }

    private UUID machine(String brand, String ip) throws DriverException {
        UUID uuid = UUID.randomUUID();
        driver.createImmediately(new CreatePayload(
                uuid,
                brand,
                "lb",
                null,
                512L,
                5L,
                null,
                null,
                null,
                null,
                "kvm".equals(brand) || "bhyve".equals(brand) ? 1 : null,
                List.of(new Nic("external", List.of(ip + "/24"), null, null, true)),
                null,
                null));
        return uuid;
    }

    private static VrrpSpec spec(int vrid, String primaryIp, int priority, int interval, List<String> vips) {
        return new VrrpSpec(vrid, primaryIp, priority, interval, true, true, vips, "external", 0);
    }

    private static VrrpSpec spec(String primaryIp) {
        return spec(7, primaryIp, 255, 1000, List.of("10.0.0.100"));
    }

    private static void assertInvalid(ThrowingCallable call, String messagePart) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.code()).isEqualTo("Invalid"))
                .hasMessageContaining(messagePart);
    }

    @Test
    void owner_router_of_a_running_zone_becomes_master_and_reports_the_transition() throws Exception {
        UUID m = machine("joyent", "10.0.0.1");
        VrrpRouterInfo info = vrrp.configure(m, spec("10.0.0.1"));
        assertThat(info.state()).isEqualTo(VrrpState.MASTER);
        assertThat(info.mac()).isEqualTo("00:00:5e:00:01:07");
        assertThat(vrrp.routers()).containsExactly(info);
        assertThat(transitions).singleElement().satisfies(t -> {
            assertThat(t.uuid()).isEqualTo(m);
            assertThat(t.to()).isEqualTo(VrrpState.MASTER);
            assertThat(t.at()).isEqualTo(1_000_000L);
        });
    }

    @Test
    void kvm_and_bhyve_machines_are_refused() throws Exception {
        UUID kvm = machine("kvm", "10.0.0.2");
        UUID bhyve = machine("bhyve", "10.0.0.3");
        assertInvalid(() -> vrrp.configure(kvm, spec("10.0.0.2")), "VRRP does not work for kvm/bhyve machines");
        assertInvalid(() -> vrrp.configure(bhyve, spec("10.0.0.3")), "kvm/bhyve");
        assertThat(vrrp.routers()).isEmpty();
    }

    @Test
    void unknown_machine_is_not_found() {
        assertThatThrownBy(() -> vrrp.configure(UUID.randomUUID(), spec("10.0.0.1")))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.code()).isEqualTo("NotFound"));
    }

    @Test
    void out_of_range_values_a_foreign_primary_ip_and_missing_vips_are_invalid() throws Exception {
        UUID m = machine("lx", "10.0.0.1");
        List<String> vip = List.of("10.0.0.100");
        assertInvalid(() -> vrrp.configure(m, spec(0, "10.0.0.1", 100, 1000, vip)), "vrid");
        assertInvalid(() -> vrrp.configure(m, spec(256, "10.0.0.1", 100, 1000, vip)), "vrid");
        assertInvalid(() -> vrrp.configure(m, spec(1, "10.0.0.1", 0, 1000, vip)), "priority");
        assertInvalid(() -> vrrp.configure(m, spec(1, "10.0.0.1", 256, 1000, vip)), "priority");
        assertInvalid(() -> vrrp.configure(m, spec(1, "10.0.0.1", 100, 9, vip)), "interval_ms");
        assertInvalid(() -> vrrp.configure(m, spec(1, "10.0.0.1", 100, 40_951, vip)), "interval_ms");
        assertInvalid(() -> vrrp.configure(m, spec(1, "10.0.0.9", 100, 1000, vip)), "not an address of the machine");
        assertInvalid(() -> vrrp.configure(m, spec(1, "10.0.0.1", 100, 1000, List.of())), "virtual IP");
        assertInvalid(() -> vrrp.configure(m, spec(1, "10.0.0.1", 100, 1000, List.of("x"))), "not an IPv4");
        assertThat(vrrp.configure(m, spec(1, "10.0.0.1", 100, 40_950, vip)).state())
                .isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void configure_is_idempotent() throws Exception {
        UUID m = machine("joyent", "10.0.0.1");
        VrrpRouterInfo first = vrrp.configure(m, spec("10.0.0.1"));
        clock.set(1_005_000);
        VrrpRouterInfo again = vrrp.configure(m, spec("10.0.0.1"));
        assertThat(again).isEqualTo(first);
        assertThat(transitions).hasSize(1);
    }

    @Test
    void routers_follow_their_machine_stop_start_and_delete() throws Exception {
        UUID m = machine("joyent", "10.0.0.1");
        vrrp.configure(m, spec("10.0.0.1"));
        driver.stop(m);
        assertThat(vrrp.routers().get(0).state()).isEqualTo(VrrpState.INIT);
        assertThat(vrrp.routers().get(0).enabled()).isTrue();
        driver.start(m);
        assertThat(vrrp.routers().get(0).state()).isEqualTo(VrrpState.MASTER);
        driver.delete(m);
        assertThat(vrrp.routers()).isEmpty();
        assertThat(transitions)
                .extracting(VrrpTransition::to)
                .containsExactly(VrrpState.MASTER, VrrpState.INIT, VrrpState.MASTER, VrrpState.INIT);
        assertThat(transitions.get(1).reason()).isEqualTo(VrrpEngine.REASON_MACHINE_STOPPED);
    }

    @Test
    void a_router_of_a_stopped_machine_waits_in_init() throws Exception {
        UUID m = UUID.randomUUID();
        driver.createImmediately(
                new CreatePayload(
                        m,
                        "joyent",
                        "lb",
                        null,
                        512L,
                        5L,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(new Nic("external", List.of("10.0.0.1"), null, null, true)),
                        null,
                        null),
                io.zonedeck.agent.api.MachineState.STOPPED);
        assertThat(vrrp.configure(m, spec("10.0.0.1")).state()).isEqualTo(VrrpState.INIT);
        driver.start(m);
        assertThat(vrrp.routers().get(0).state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void disable_enable_release_and_remove() throws Exception {
        UUID m = machine("joyent", "10.0.0.1");
        vrrp.configure(m, spec(3, "10.0.0.1", 200, 1000, List.of("10.0.0.100")));
        assertThat(vrrp.setEnabled(m, 3, false).state()).isEqualTo(VrrpState.INIT);
        assertThat(vrrp.setEnabled(m, 3, true).state()).isEqualTo(VrrpState.BACKUP);
        assertThat(vrrp.release(m, 3, 50).priority()).isEqualTo(50);
        vrrp.remove(m, 3);
        assertThat(vrrp.routers()).isEmpty();
        assertThatThrownBy(() -> vrrp.remove(m, 3))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.code()).isEqualTo("NotFound"));
        assertThatThrownBy(() -> vrrp.setEnabled(m, 3, true)).isInstanceOf(DriverException.class);
    }

    @Test
    void node_down_halts_routers_and_recovery_restarts_them() throws Exception {
        UUID m = machine("joyent", "10.0.0.1");
        vrrp.configure(m, spec("10.0.0.1"));
        driver.setNodeDown(true);
        assertThat(driver.nodeDown()).isTrue();
        assertThat(driver.simLan().isNodeDown("sim-1")).isTrue();
        assertThat(vrrp.routers().get(0).state()).isEqualTo(VrrpState.INIT);
        driver.setNodeDown(false);
        assertThat(vrrp.routers().get(0).state()).isEqualTo(VrrpState.MASTER);
        assertThat(transitions.get(1).reason()).isEqualTo(VrrpEngine.REASON_NODE_FAILED);
    }
}
