package io.zonedeck.agent.vrrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.zonedeck.agent.api.VrrpSpec;
import io.zonedeck.agent.api.VrrpState;
import io.zonedeck.agent.api.VrrpTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** RFC 5798 section 6.4, one test per clause, with exact timer values (interval 1 s unless said). */
class VrrpRouterTest {
    private static final String OWN_IP = "10.0.0.10";
    private static final String PEER_IP = "10.0.0.20";
    private static final String LOW_IP = "10.0.0.5";

    private final List<Advert> sent = new ArrayList<>();
    private final List<VrrpTransition> transitions = new ArrayList<>();

    private static VrrpSpec spec(int priority, boolean preempt) {
        return new VrrpSpec(1, OWN_IP, priority, 1000, preempt, true, List.of("10.0.0.100"), "external", 0);
    }

    private VrrpRouter router(int priority, boolean preempt) {
        return new VrrpRouter(UUID.randomUUID(), spec(priority, preempt), sent::add, transitions::add);
    }

    private static Advert advert(int priority, String ip, long at) {
        return new Advert(1, priority, 1000, ip, "external", 0, at);
    }

    /** Calls advance at every ms from {@code from} to {@code to}, like a 1 ms scheduler. */
    private static void runMillis(VrrpRouter r, long from, long to) {
        for (long t = from; t <= to; t++) {
            r.advance(t);
        }
    }

    @Test
    void timers_follow_section_6_1_formulas() {
        assertThat(VrrpTimers.skewTimeMs(100, 1000)).isEqualTo(609.375);
        assertThat(VrrpTimers.masterDownIntervalMs(100, 1000)).isEqualTo(3609.375);
        assertThat(VrrpTimers.skewTimeMs(255, 1000)).isEqualTo(3.90625);
    }

    @Test
    void startup_with_priority_below_255_becomes_backup_with_master_down_timer() {
        VrrpRouter r = router(100, true);
        r.enable(0);
        assertThat(r.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(sent).isEmpty();
        assertThat(r.nextDeadline()).hasValue(3610); // ceil(3609.375)
        assertThat(transitions).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo(VrrpState.INIT);
            assertThat(t.to()).isEqualTo(VrrpState.BACKUP);
        });
    }

    @Test
    void startup_with_priority_255_sends_an_advert_and_becomes_master_at_once() {
        VrrpRouter r = router(255, false);
        r.enable(0);
        assertThat(r.state()).isEqualTo(VrrpState.MASTER);
        assertThat(sent).singleElement().satisfies(a -> {
            assertThat(a.priority()).isEqualTo(255);
            assertThat(a.sentAt()).isZero();
        });
        assertThat(transitions.get(0).reason()).isEqualTo(VrrpRouter.REASON_OWNER_STARTUP);
    }

    @Test
    void backup_whose_master_is_silent_becomes_master_at_master_down_interval() {
        VrrpRouter r = router(100, true);
        r.enable(0);
        runMillis(r, 0, 3609);
        assertThat(r.state()).isEqualTo(VrrpState.BACKUP);
        r.advance(3610);
        assertThat(r.state()).isEqualTo(VrrpState.MASTER);
        VrrpTransition t = transitions.get(transitions.size() - 1);
        assertThat((double) t.at()).isCloseTo(3609.375, within(1.0));
        assertThat(t.reason()).isEqualTo(VrrpRouter.REASON_MASTER_DOWN);
        assertThat(sent).singleElement().satisfies(a -> assertThat(a.priority()).isEqualTo(100));
    }

    @Test
    void backup_resets_master_down_timer_on_each_master_advert() {
        VrrpRouter r = router(100, true);
        r.enable(0);
        r.receive(advert(200, PEER_IP, 3000), 3000);
        runMillis(r, 3000, 3000 + 3609);
        assertThat(r.state()).isEqualTo(VrrpState.BACKUP);
        r.advance(3000 + 3610);
        assertThat(r.state()).isEqualTo(VrrpState.MASTER);
        assertThat(transitions.get(1).lastPeerAdvert()).isEqualTo(3000L);
        assertThat(transitions.get(1).peerPrimaryIp()).isEqualTo(PEER_IP);
    }

    @Test
    void backup_uses_the_advertised_interval_as_master_adver_interval() {
        VrrpRouter r = router(100, true);
        r.enable(0);
        r.receive(new Advert(1, 200, 100, PEER_IP, "external", 0, 50), 50);
        // MDI with 100 ms: 300 + 60.9375 = 360.9375
        assertThat(r.nextDeadline()).hasValue(50 + 361);
    }

    @Test
    void backup_receiving_priority_0_takes_over_after_skew_time() {
        VrrpRouter r = router(100, true);
        r.enable(0);
        r.receive(advert(200, PEER_IP, 1000), 1000);
        r.receive(advert(0, PEER_IP, 1500), 1500);
        runMillis(r, 1500, 1500 + 609);
        assertThat(r.state()).isEqualTo(VrrpState.BACKUP);
        r.advance(1500 + 610); // 609.375 ms after the priority-0 advert
        assertThat(r.state()).isEqualTo(VrrpState.MASTER);
        assertThat(transitions.get(1).reason()).isEqualTo(VrrpRouter.REASON_MASTER_RELEASED);
    }

    @Test
    void with_preempt_a_higher_priority_backup_ignores_a_lower_master_and_takes_over_after_its_mdi() {
        VrrpRouter r = router(150, true);
        r.enable(0);
        double mdi = VrrpTimers.masterDownIntervalMs(150, 1000); // 3414.0625
        for (long t = 0; t < 3414; t += 1000) {
            r.receive(advert(100, PEER_IP, t), t);
            r.advance(t);
        }
        assertThat(r.state()).isEqualTo(VrrpState.BACKUP);
        r.advance((long) Math.ceil(mdi));
        assertThat(r.state()).isEqualTo(VrrpState.MASTER);
        assertThat(transitions.get(1).reason()).startsWith(VrrpRouter.REASON_PREEMPT_LOWER);
    }

    @Test
    void without_preempt_a_higher_priority_backup_stays_backup_while_the_lower_master_advertises() {
        VrrpRouter r = router(150, false);
        r.enable(0);
        for (long t = 0; t <= 20_000; t += 1000) {
            r.receive(advert(100, PEER_IP, t), t);
            runMillis(r, t, t + 999);
        }
        assertThat(r.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(sent).isEmpty();
    }

    @Test
    void master_receiving_a_higher_priority_advert_becomes_backup() {
        VrrpRouter m = router(100, false);
        m.enable(0);
        m.advance(3610);
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
        m.receive(advert(101, LOW_IP, 4000), 4000);
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(m.nextDeadline()).hasValue(4000 + 3610);
        assertThat(transitions.get(transitions.size() - 1).reason()).isEqualTo(VrrpRouter.REASON_HIGHER_PRIORITY);
    }

    @Test
    void master_at_equal_priority_yields_to_a_higher_primary_ip() {
        VrrpRouter m = router(100, false);
        m.enable(0);
        m.advance(3610);
        m.receive(advert(100, PEER_IP, 4000), 4000); // 10.0.0.20 > 10.0.0.10
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(transitions.get(transitions.size() - 1).reason()).isEqualTo(VrrpRouter.REASON_HIGHER_IP);
    }

    @Test
    void master_at_equal_priority_keeps_mastership_against_a_lower_primary_ip() {
        VrrpRouter m = router(100, false);
        m.enable(0);
        m.advance(3610);
        m.receive(advert(100, LOW_IP, 4000), 4000);
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void primary_ips_compare_as_unsigned_numbers() {
        VrrpRouter m = new VrrpRouter(
                UUID.randomUUID(),
                new VrrpSpec(1, "100.0.0.1", 100, 1000, false, true, List.of("1.1.1.1"), "x", 0),
                sent::add,
                transitions::add);
        m.enable(0);
        m.advance(3610);
        m.receive(advert(100, "200.0.0.1", 4000), 4000); // negative as a signed int, greater unsigned
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void master_ignores_a_lower_priority_advert() {
        VrrpRouter m = router(100, false);
        m.enable(0);
        m.advance(3610);
        m.receive(advert(99, PEER_IP, 4000), 4000);
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void master_sends_an_advert_every_interval() {
        VrrpRouter m = router(255, false);
        m.enable(0);
        runMillis(m, 0, 5000);
        assertThat(sent).extracting(Advert::sentAt).containsExactly(0L, 1000L, 2000L, 3000L, 4000L, 5000L);
        assertThat(sent).allSatisfy(a -> assertThat(a.priority()).isEqualTo(255));
    }

    @Test
    void master_answers_a_priority_0_advert_with_an_immediate_advert_and_resets_its_timer() {
        VrrpRouter m = router(255, false);
        m.enable(0);
        m.receive(advert(0, PEER_IP, 400), 400);
        assertThat(sent).extracting(Advert::sentAt).containsExactly(0L, 400L);
        assertThat(m.nextDeadline()).hasValue(1400);
        assertThat(m.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void a_master_pause_shorter_than_mdi_causes_no_flap() {
        VrrpRouter r = router(100, true);
        r.enable(0);
        r.receive(advert(200, PEER_IP, 0), 0);
        runMillis(r, 0, 3000); // master silent for 3.0 s < 3.609 s
        r.receive(advert(200, PEER_IP, 3000), 3000);
        runMillis(r, 3000, 6000);
        r.receive(advert(200, PEER_IP, 6000), 6000);
        assertThat(r.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(transitions).hasSize(1); // only INIT -> BACKUP
    }

    @Test
    void disabling_a_master_sends_a_priority_0_advert_and_goes_to_init() {
        VrrpRouter m = router(255, false);
        m.enable(0);
        m.disable(500);
        assertThat(m.state()).isEqualTo(VrrpState.INIT);
        assertThat(sent).extracting(Advert::priority).containsExactly(255, 0);
        assertThat(m.nextDeadline()).isEmpty();
        runMillis(m, 500, 5000);
        assertThat(sent).hasSize(2);
    }

    @Test
    void disabling_a_backup_sends_nothing() {
        VrrpRouter r = router(100, true);
        r.enable(0);
        r.disable(10);
        assertThat(r.state()).isEqualTo(VrrpState.INIT);
        assertThat(sent).isEmpty();
    }

    @Test
    void release_of_a_master_sends_priority_0_and_continues_as_backup_with_the_new_priority() {
        VrrpRouter m = router(255, true);
        m.enable(0);
        m.release(50, 100);
        assertThat(m.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(m.priority()).isEqualTo(50);
        assertThat(sent).extracting(Advert::priority).containsExactly(255, 0);
        assertThat(transitions.get(1).reason()).isEqualTo(VrrpRouter.REASON_RELEASED);
    }

    @Test
    void halted_router_goes_to_init_without_an_advert() {
        VrrpRouter m = router(255, false);
        m.enable(0);
        m.halt(10, "node failed");
        assertThat(m.state()).isEqualTo(VrrpState.INIT);
        assertThat(sent).hasSize(1);
    }

    @Test
    void initialized_router_ignores_adverts_and_timers() {
        VrrpRouter r = router(100, true);
        r.receive(advert(0, PEER_IP, 0), 0);
        r.advance(100_000);
        assertThat(r.state()).isEqualTo(VrrpState.INIT);
        assertThat(transitions).isEmpty();
    }

    @Test
    void answers_for_vip_only_as_master_in_accept_mode_or_as_owner() {
        VrrpRouter accept = router(100, true);
        accept.enable(0);
        assertThat(accept.answersForVip()).isFalse();
        accept.advance(3610);
        assertThat(accept.answersForVip()).isTrue();

        VrrpRouter noAccept = new VrrpRouter(
                UUID.randomUUID(),
                new VrrpSpec(1, OWN_IP, 100, 1000, true, false, List.of("10.0.0.100"), "external", 0),
                a -> {},
                t -> {});
        noAccept.enable(0);
        noAccept.advance(3610);
        assertThat(noAccept.state()).isEqualTo(VrrpState.MASTER);
        assertThat(noAccept.answersForVip()).isFalse();

        VrrpRouter owner = new VrrpRouter(
                UUID.randomUUID(),
                new VrrpSpec(1, OWN_IP, 255, 1000, true, false, List.of("10.0.0.100"), "external", 0),
                a -> {},
                t -> {});
        owner.enable(0);
        assertThat(owner.answersForVip()).isTrue();
    }

    @Test
    void info_reports_virtual_mac_and_peer() {
        VrrpRouter r = router(100, true);
        r.enable(0);
        r.receive(advert(200, PEER_IP, 42), 42);
        var info = r.info();
        assertThat(info.mac()).isEqualTo("00:00:5e:00:01:01");
        assertThat(info.lastPeerAdvert()).isEqualTo(42L);
        assertThat(info.peerPriority()).isEqualTo(200);
        assertThat(info.peerPrimaryIp()).isEqualTo(PEER_IP);
        assertThat(info.state()).isEqualTo(VrrpState.BACKUP);
    }
}
