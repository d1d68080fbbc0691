package io.zonedeck.agent.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.api.VrrpRouterInfo;
import io.zonedeck.agent.api.VrrpSpec;
import io.zonedeck.agent.api.VrrpState;
import io.zonedeck.agent.api.VrrpTransition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Routers of two nodes on one simulated LAN, driven by engines on a manual clock. */
class SimLanTest {
    private final ManualClock clock = new ManualClock(0);
    private final SimLan lan = new SimLan();
    private final VrrpEngine a = VrrpEngine.manual("node-a", lan, clock);
    private final VrrpEngine b = VrrpEngine.manual("node-b", lan, clock);
    private final UUID ma = UUID.randomUUID();
    private final UUID mb = UUID.randomUUID();
    private final List<VrrpTransition> transitionsB = new ArrayList<>();

    SimLanTest() {
        b.setTransitionListener(transitionsB::add);
    }

    private static VrrpSpec spec(int vrid, String ip, int priority, boolean preempt) {
        return spec(vrid, ip, priority, preempt, "external", 0);
    }

    private static VrrpSpec spec(int vrid, String ip, int priority, boolean preempt, String tag, int vlan) {
        return new VrrpSpec(vrid, ip, priority, 1000, preempt, true, List.of("10.0.0.100"), tag, vlan);
    }

    /** Moves the clock to {@code t}, firing every timer of both engines at its deadline on the way. */
    private void advanceTo(long t) {
        while (true) {
            long next = Long.MAX_VALUE;
            for (VrrpEngine e : List.of(a, b)) {
                OptionalLong d = e.nextDeadline();
                if (d.isPresent()) {
                    next = Math.min(next, d.getAsLong());
                }
            }
            if (next > t) {
                break;
            }
            clock.set(Math.max(next, clock.millis()));
            a.runDue();
            b.runDue();
        }
        clock.set(t);
    }

    private VrrpState state(VrrpEngine e, UUID m, int vrid) {
        return e.router(m, vrid).map(VrrpRouterInfo::state).orElseThrow();
    }

    private VrrpTransition lastB() {
        return transitionsB.get(transitionsB.size() - 1);
    }

    @Test
    void backup_hears_the_owner_and_stays_backup() {
        a.configure(ma, spec(1, "10.0.0.1", 255, false), true);
        b.configure(mb, spec(1, "10.0.0.2", 100, true), true);
        advanceTo(30_000);
        assertThat(state(a, ma, 1)).isEqualTo(VrrpState.MASTER);
        assertThat(state(b, mb, 1)).isEqualTo(VrrpState.BACKUP);
        assertThat(b.router(mb, 1).orElseThrow().lastPeerAdvert()).isEqualTo(30_000L);
    }

    @Test
    void when_the_master_node_goes_down_the_backup_becomes_master_at_master_down_interval() {
        a.configure(ma, spec(1, "10.0.0.1", 255, false), true);
        b.configure(mb, spec(1, "10.0.0.2", 100, true), true);
        advanceTo(10_000); // last advert of A at 10 000
        a.setNodeDown(true);
        advanceTo(13_609);
        assertThat(state(b, mb, 1)).isEqualTo(VrrpState.BACKUP);
        advanceTo(13_610);
        assertThat(state(b, mb, 1)).isEqualTo(VrrpState.MASTER);
        assertThat(lastB().at() - lastB().lastPeerAdvert()).isEqualTo(3610L);
        assertThat(lastB().reason()).isEqualTo(VrrpRouter.REASON_MASTER_DOWN);
        assertThat(state(a, ma, 1)).isEqualTo(VrrpState.INIT);
    }

    @Test
    void routers_with_different_vrids_do_not_hear_each_other() {
        a.configure(ma, spec(1, "10.0.0.1", 255, false), true);
        b.configure(mb, spec(2, "10.0.0.2", 100, true), true);
        advanceTo(3610);
        assertThat(state(b, mb, 2)).isEqualTo(VrrpState.MASTER);
        assertThat(b.router(mb, 2).orElseThrow().lastPeerAdvert()).isNull();
    }

    @Test
    void same_vrid_on_another_nic_tag_or_vlan_is_another_segment() {
        a.configure(ma, spec(1, "10.0.0.1", 255, false, "external", 0), true);
        b.configure(mb, spec(1, "10.0.0.2", 100, true, "internal", 0), true);
        UUID mc = UUID.randomUUID();
        b.configure(mc, spec(1, "10.0.0.3", 100, true, "external", 42), true);
        advanceTo(3610);
        assertThat(state(b, mb, 1)).isEqualTo(VrrpState.MASTER);
        assertThat(state(b, mc, 1)).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void a_partitioned_node_keeps_running_and_the_lower_master_steps_down_when_the_lan_heals() {
        a.configure(ma, spec(1, "10.0.0.1", 200, true), true);
        b.configure(mb, spec(1, "10.0.0.2", 100, true), true);
        advanceTo(5000);
        assertThat(state(a, ma, 1)).isEqualTo(VrrpState.MASTER);
        lan.setNodeDown("node-a", true);
        advanceTo(20_000);
        assertThat(state(a, ma, 1)).isEqualTo(VrrpState.MASTER);
        assertThat(state(b, mb, 1)).isEqualTo(VrrpState.MASTER);
        lan.setNodeDown("node-a", false);
        advanceTo(22_000);
        assertThat(state(a, ma, 1)).isEqualTo(VrrpState.MASTER);
        assertThat(state(b, mb, 1)).isEqualTo(VrrpState.BACKUP);
        assertThat(lastB().reason()).isEqualTo(VrrpRouter.REASON_HIGHER_PRIORITY);
    }

    @Test
    void a_recovered_node_with_preempt_and_higher_priority_takes_over_after_its_mdi() {
        a.configure(ma, spec(1, "10.0.0.1", 200, true), true);
        b.configure(mb, spec(1, "10.0.0.2", 100, true), true);
        advanceTo(5000);
        a.setNodeDown(true);
        advanceTo(10_000);
        assertThat(state(b, mb, 1)).isEqualTo(VrrpState.MASTER);
        a.setNodeDown(false);
        assertThat(state(a, ma, 1)).isEqualTo(VrrpState.BACKUP);
        long mdi = (long) Math.ceil(VrrpTimers.masterDownIntervalMs(200, 1000)); // 3219
        advanceTo(10_000 + mdi - 1);
        assertThat(state(a, ma, 1)).isEqualTo(VrrpState.BACKUP);
        advanceTo(10_000 + mdi);
        assertThat(state(a, ma, 1)).isEqualTo(VrrpState.MASTER);
        assertThat(state(b, mb, 1)).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void a_recovered_node_without_preempt_stays_backup() {
        a.configure(ma, spec(1, "10.0.0.1", 200, false), true);
        b.configure(mb, spec(1, "10.0.0.2", 100, true), true);
        advanceTo(5000);
        a.setNodeDown(true);
        advanceTo(10_000);
        a.setNodeDown(false);
        advanceTo(30_000);
        assertThat(state(a, ma, 1)).isEqualTo(VrrpState.BACKUP);
        assertThat(state(b, mb, 1)).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void stopping_the_master_machine_releases_and_the_backup_takes_over_after_skew_time() {
        a.configure(ma, spec(1, "10.0.0.1", 255, false), true);
        b.configure(mb, spec(1, "10.0.0.2", 100, true), true);
        advanceTo(2500);
        a.setMachineRunning(ma, false);
        assertThat(state(a, ma, 1)).isEqualTo(VrrpState.INIT);
        advanceTo(2500 + 609);
        assertThat(state(b, mb, 1)).isEqualTo(VrrpState.BACKUP);
        advanceTo(2500 + 610);
        assertThat(state(b, mb, 1)).isEqualTo(VrrpState.MASTER);
        assertThat(lastB().reason()).isEqualTo(VrrpRouter.REASON_MASTER_RELEASED);
    }

    @Test
    void release_hands_mastership_to_the_backup_after_its_skew_time() {
        a.configure(ma, spec(1, "10.0.0.1", 150, true), true);
        b.configure(mb, spec(1, "10.0.0.2", 100, true), true);
        advanceTo(5000);
        assertThat(state(a, ma, 1)).isEqualTo(VrrpState.MASTER);
        a.release(ma, 1, 50);
        advanceTo(5000 + 610);
        assertThat(state(b, mb, 1)).isEqualTo(VrrpState.MASTER);
        advanceTo(20_000);
        assertThat(state(a, ma, 1)).isEqualTo(VrrpState.BACKUP);
        assertThat(a.router(ma, 1).orElseThrow().priority()).isEqualTo(50);
    }

    @Test
    void configure_is_idempotent_and_a_priority_change_applies_in_place() {
        VrrpRouterInfo first = a.configure(ma, spec(1, "10.0.0.1", 255, false), true);
        advanceTo(1500);
        VrrpRouterInfo again = a.configure(ma, spec(1, "10.0.0.1", 255, false), true);
        assertThat(again.state()).isEqualTo(VrrpState.MASTER);
        assertThat(again.stateSince()).isEqualTo(first.stateSince());
        VrrpRouterInfo changed = a.configure(ma, spec(1, "10.0.0.1", 200, false), true);
        assertThat(changed.state()).isEqualTo(VrrpState.MASTER);
        assertThat(changed.priority()).isEqualTo(200);
        VrrpSpec otherVips = new VrrpSpec(1, "10.0.0.1", 200, 1000, false, true, List.of("10.0.0.101"), "external", 0);
        VrrpRouterInfo restarted = a.configure(ma, otherVips, true);
        assertThat(restarted.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(restarted.vips()).containsExactly("10.0.0.101");
        assertThat(a.routers()).hasSize(1);
    }

    @Test
    void disabled_or_stopped_routers_stay_in_init_and_enable_brings_them_back() {
        VrrpRouterInfo stopped = a.configure(ma, spec(1, "10.0.0.1", 255, false), false);
        assertThat(stopped.state()).isEqualTo(VrrpState.INIT);
        assertThat(stopped.enabled()).isTrue();
        a.setMachineRunning(ma, true);
        assertThat(state(a, ma, 1)).isEqualTo(VrrpState.MASTER);
        assertThat(a.setEnabled(ma, 1, false).orElseThrow().state()).isEqualTo(VrrpState.INIT);
        assertThat(a.router(ma, 1).orElseThrow().enabled()).isFalse();
        assertThat(a.setEnabled(ma, 1, true).orElseThrow().state()).isEqualTo(VrrpState.MASTER);
        assertThat(a.remove(ma, 1)).isTrue();
        assertThat(a.routers()).isEmpty();
        assertThat(a.remove(ma, 1)).isFalse();
    }

    @Test
    void real_time_engine_fails_over_on_its_own_timer_thread() throws Exception {
        SimLan realLan = new SimLan();
        List<VrrpTransition> seen = new CopyOnWriteArrayList<>();
        try (VrrpEngine ra = VrrpEngine.realTime("ra", realLan, Clock.systemUTC());
                VrrpEngine rb = VrrpEngine.realTime("rb", realLan, Clock.systemUTC())) {
            rb.setTransitionListener(seen::add);
            VrrpSpec sa = new VrrpSpec(9, "10.0.0.1", 255, 20, false, true, List.of("10.0.0.9"), "t", 0);
            VrrpSpec sb = new VrrpSpec(9, "10.0.0.2", 100, 20, true, true, List.of("10.0.0.9"), "t", 0);
            ra.configure(ma, sa, true);
            rb.configure(mb, sb, true);
            Thread.sleep(150);
            assertThat(rb.router(mb, 9).orElseThrow().state()).isEqualTo(VrrpState.BACKUP);
            ra.setNodeDown(true);
            long deadline = System.currentTimeMillis() + 2000;
            while (rb.router(mb, 9).orElseThrow().state() != VrrpState.MASTER
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertThat(rb.router(mb, 9).orElseThrow().state()).isEqualTo(VrrpState.MASTER);
            VrrpTransition t = seen.get(seen.size() - 1);
            // MDI at 20 ms, priority 100: 72.19 ms; allow scheduler slack
            assertThat(t.at() - t.lastPeerAdvert()).isBetween(70L, 300L);
        }
    }
}
