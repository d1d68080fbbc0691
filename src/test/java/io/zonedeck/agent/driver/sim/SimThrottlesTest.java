package io.zonedeck.agent.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.agent.api.UpdatePayload;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.Sleeper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sim honours every throttle: caps, shares under contention, bursting, the disk I/O throttle, memory, lwps. */
class SimThrottlesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T12:00:00Z"), ZoneOffset.UTC);

    private static SimDriver node(int cpus) {
        return new SimDriver(
                7,
                new NodeResources("sim-t", cpus, 262_144, 10_000, SimDriver.BRANDS),
                CLOCK,
                Sleeper.NONE,
                SimSettings.instant("10.88.9"));
    }

    private static CreatePayload zone(
            UUID id, Integer cap, Integer shares, Integer baseline, Integer burst, Long bps, Long iops) {
        return new CreatePayload(
                id,
                "joyent",
                "t-" + id.toString().substring(0, 4),
                UUID.randomUUID(),
                1024L,
                10L,
                cap,
                shares,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                baseline,
                burst,
                bps,
                iops);
    }

    private static UUID add(SimDriver d, CreatePayload p) throws Exception {
        d.createImmediately(p);
        return p.uuid();
    }

    private static MachineSample of(NodeSample s, UUID id) {
        return s.machines().stream()
                .filter(m -> m.uuid().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static List<MachineSample> run(SimDriver d, UUID id, int seconds) {
        List<MachineSample> out = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            out.add(of(d.sample(), id));
        }
        return out;
    }

    @Test
    void capped_machines_never_exceed_their_caps_on_a_busy_node() throws Exception {
        SimDriver d = node(2);
        List<UUID> capped = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            capped.add(add(d, zone(UUID.randomUUID(), 10 + 15 * i, 50 + 10 * i, null, null, null, null)));
        }
        UUID hog = add(d, zone(UUID.randomUUID(), null, 100, null, null, null, null));
        d.fixDemand(hog, 400.0, null);
        for (int t = 0; t < 5_000; t++) {
            NodeSample s = d.sample();
            for (MachineSample m : s.machines()) {
                if (m.cpuCap() > 0) {
                    assertThat(m.cpuPct()).isBetween(0.0, (double) m.cpuCap());
                }
                assertThat(m.cpuPct()).isLessThanOrEqualTo(m.cpuDemandPct() + 0.01);
            }
            assertThat(s.machines().stream().mapToDouble(MachineSample::cpuPct).sum())
                    .isLessThanOrEqualTo(200.0 + 0.1);
            assertThat(s.cpuUtilPct()).isBetween(0.0, 100.0);
        }
        assertThat(capped).hasSize(8);
    }

    @Test
    void contending_machines_split_the_node_by_their_shares() throws Exception {
        SimDriver d = node(1);
        UUID heavy = add(d, zone(UUID.randomUUID(), null, 200, null, null, null, null));
        UUID light = add(d, zone(UUID.randomUUID(), null, 100, null, null, null, null));
        d.fixDemand(heavy, 100.0, null);
        d.fixDemand(light, 100.0, null);
        double a = 0;
        double b = 0;
        for (int t = 0; t < 200; t++) {
            NodeSample s = d.sample();
            assertThat(s.cpuDemandPct()).isGreaterThan(100.0); // contended
            a += of(s, heavy).cpuPct();
            b += of(s, light).cpuPct();
        }
        assertThat(a / b).isCloseTo(2.0, within(2.0 * 0.15));
        assertThat((a + b) / 200).isCloseTo(100.0, within(0.5)); // the node is fully used
    }

    @Test
    void capacity_a_machine_does_not_want_goes_to_the_others() throws Exception {
        SimDriver d = node(1);
        UUID small = add(d, zone(UUID.randomUUID(), null, 1000, null, null, null, null));
        UUID big = add(d, zone(UUID.randomUUID(), null, 100, null, null, null, null));
        d.fixDemand(small, 20.0, null);
        d.fixDemand(big, 90.0, null);
        NodeSample s = d.sample();
        assertThat(of(s, small).cpuPct()).isEqualTo(20.0); // wants less than its 10:1 share
        assertThat(of(s, big).cpuPct()).isEqualTo(80.0); // gets the rest, not 1/11 of the node
        assertThat(of(s, big).cpuDemandPct()).isEqualTo(90.0);
        assertThat(s.cpuDemandPct()).isEqualTo(110.0);
    }

    @Test
    void a_cap_holds_even_when_the_node_is_idle_and_shares_do_not_matter_then() throws Exception {
        SimDriver d = node(8);
        UUID m = add(d, zone(UUID.randomUUID(), 50, 1, null, null, null, null));
        d.fixDemand(m, 300.0, null);
        assertThat(run(d, m, 50)).allSatisfy(s -> {
            assertThat(s.cpuPct()).isEqualTo(50.0);
            assertThat(s.cpuDemandPct()).isEqualTo(300.0);
        });
    }

    @Test
    void a_burst_lasts_at_most_cpu_burst_seconds_then_the_machine_is_held_to_its_baseline() throws Exception {
        SimDriver d = node(8);
        UUID m = add(d, zone(UUID.randomUUID(), 200, 100, 50, 10, null, null));
        d.fixDemand(m, 300.0, null);
        List<MachineSample> samples = run(d, m, 60);
        // a full credit: ten seconds at the cap, spending one a second
        for (int i = 0; i < 10; i++) {
            assertThat(samples.get(i).cpuPct()).isEqualTo(200.0);
            assertThat(samples.get(i).burstCreditS()).isEqualTo(9.0 - i);
        }
        assertThat(samples.get(10).cpuPct()).isEqualTo(50.0); // empty: held to the baseline
        int run = 0;
        for (MachineSample s : samples) {
            assertThat(s.cpuPct()).isIn(50.0, 200.0);
            assertThat(s.cpuBaseline()).isEqualTo(50);
            run = s.cpuPct() > 50 ? run + 1 : 0;
            assertThat(run).isLessThanOrEqualTo(10);
        }
        // a quiet spell refills the credit, one second per second, up to cpu_burst_seconds
        d.fixDemand(m, 20.0, null);
        List<MachineSample> quiet = run(d, m, 30);
        assertThat(quiet.get(quiet.size() - 1).burstCreditS()).isEqualTo(10.0);
        d.fixDemand(m, 300.0, null);
        List<MachineSample> again = run(d, m, 11);
        assertThat(again.subList(0, 10)).allSatisfy(s -> assertThat(s.cpuPct()).isEqualTo(200.0));
        assertThat(again.get(10).cpuPct()).isEqualTo(50.0);
    }

    @Test
    void no_burst_seconds_means_the_baseline_is_all_it_gets() throws Exception {
        SimDriver d = node(8);
        UUID m = add(d, zone(UUID.randomUUID(), 200, 100, 50, 0, null, null));
        d.fixDemand(m, 300.0, null);
        assertThat(run(d, m, 20)).allSatisfy(s -> assertThat(s.cpuPct()).isEqualTo(50.0));
    }

    @Test
    void the_disk_throttle_holds_bytes_per_second_and_raises_the_io_delay() throws Exception {
        SimDriver d = node(8);
        UUID free = add(d, zone(UUID.randomUUID(), null, 100, null, null, null, null));
        UUID held = add(d, zone(UUID.randomUUID(), null, 100, null, null, 10_000_000L, null));
        d.fixDemand(free, 50.0, 40_000_000.0);
        d.fixDemand(held, 50.0, 40_000_000.0);
        double delayFree = 0;
        double delayHeld = 0;
        for (int t = 0; t < 300; t++) {
            NodeSample s = d.sample();
            MachineSample h = of(s, held);
            assertThat(h.diskReadBytes() + h.diskWriteBytes()).isLessThanOrEqualTo(10_000_001L);
            delayHeld += h.ioDelayUs();
            delayFree += of(s, free).ioDelayUs();
            assertThat(of(s, free).diskReadBytes() + of(s, free).diskWriteBytes())
                    .isGreaterThan(15_000_000L);
        }
        assertThat(delayFree).isZero();
        assertThat(delayHeld / 300).isPositive();

        // a tighter throttle: more overage, longer queues
        d.update(held, UpdatePayload.none().withThrottles(null, null, null, null, null, 2_000_000L, null, null, null));
        double tighter = 0;
        for (int t = 0; t < 300; t++) {
            MachineSample h = of(d.sample(), held);
            assertThat(h.diskReadBytes() + h.diskWriteBytes()).isLessThanOrEqualTo(2_000_001L);
            tighter += h.ioDelayUs();
        }
        assertThat(tighter / 300).isGreaterThan(delayHeld / 300);
    }

    @Test
    void the_ops_throttle_holds_operations_per_second() throws Exception {
        SimDriver d = node(8);
        UUID m = add(d, zone(UUID.randomUUID(), null, 100, null, null, null, 100L));
        d.fixDemand(m, 50.0, 40_000_000.0);
        assertThat(run(d, m, 100)).allSatisfy(s -> {
            assertThat(s.diskReadOps() + s.diskWriteOps()).isLessThanOrEqualTo(101L);
            assertThat(s.ioDelayUs()).isPositive();
        });
    }

    @Test
    void zfs_io_priority_splits_a_saturated_disk() {
        NodeModel model = new NodeModel(8, 1000, 1_000_000);
        double[] got = NodeModel.waterFill(1000, new double[] {900, 900, 100}, new double[] {300, 100, 100});
        assertThat(got[2]).isEqualTo(100.0); // wants less than its share: gets all of it
        assertThat(got[0] / got[1]).isCloseTo(3.0, within(0.001));
        assertThat(got[0] + got[1] + got[2]).isCloseTo(1000.0, within(0.001));
        assertThat(model).isNotNull();
    }

    @Test
    void io_delay_grows_with_the_overage_and_is_zero_without_one() {
        assertThat(NodeModel.ioDelayUs(1000, 1000)).isZero();
        assertThat(NodeModel.ioDelayUs(2000, 1000)).isEqualTo(1000.0);
        assertThat(NodeModel.ioDelayUs(4000, 1000)).isGreaterThan(NodeModel.ioDelayUs(2000, 1000));
        assertThat(NodeModel.ioDelayUs(1e9, 1)).isEqualTo(NodeModel.MAX_IO_DELAY_US);
    }

    @Test
    void an_update_changes_the_next_sample() throws Exception {
        SimDriver d = node(8);
        UUID m = add(d, zone(UUID.randomUUID(), 300, 100, null, null, null, null));
        d.fixDemand(m, 250.0, null);
        assertThat(of(d.sample(), m).cpuPct()).isEqualTo(250.0);
        d.update(m, UpdatePayload.none().withThrottles(50, 300, null, null, null, null, null, 512L, 300));
        MachineSample next = of(d.sample(), m);
        assertThat(next.cpuPct()).isEqualTo(50.0);
        assertThat(next.cpuCap()).isEqualTo(50);
        assertThat(next.cpuShares()).isEqualTo(300);
        assertThat(next.memCapMiB()).isEqualTo(512);
        assertThat(next.memRssMiB()).isLessThanOrEqualTo(512);
        assertThat(next.lwps()).isLessThanOrEqualTo(300);

        d.update(m, UpdatePayload.none().withThrottles(200, null, 40, 5, null, null, null, null, null));
        List<MachineSample> burst = run(d, m, 7);
        assertThat(burst)
                .extracting(MachineSample::cpuPct)
                .containsExactly(200.0, 200.0, 200.0, 200.0, 200.0, 40.0, 200.0);
        assertThat(d.get(m).orElseThrow().cpuBaseline()).isEqualTo(40);
        assertThat(d.get(m).orElseThrow().cpuBurstSeconds()).isEqualTo(5);
    }

    @Test
    void memory_and_lwps_stay_within_their_limits() throws Exception {
        SimDriver d = node(8);
        UUID m = add(d, zone(UUID.randomUUID(), null, 100, null, null, null, null));
        d.update(m, UpdatePayload.none().withThrottles(null, null, null, null, null, null, null, 300L, 30));
        d.fixDemand(m, 400.0, null);
        assertThat(run(d, m, 2_000)).allSatisfy(s -> {
            assertThat(s.memRssMiB()).isBetween(0L, 300L);
            assertThat(s.lwps()).isBetween(1, 30);
        });
    }

    @Test
    void a_stopped_machine_uses_nothing_and_refills_its_credit() throws Exception {
        SimDriver d = node(8);
        UUID m = add(d, zone(UUID.randomUUID(), 200, 100, 50, 10, null, null));
        d.fixDemand(m, 300.0, null);
        run(d, m, 15);
        d.stop(m);
        List<MachineSample> off = run(d, m, 12);
        assertThat(off).allSatisfy(s -> {
            assertThat(s.cpuPct()).isZero();
            assertThat(s.memRssMiB()).isZero();
            assertThat(s.ioDelayUs()).isZero();
        });
        assertThat(off.get(off.size() - 1).burstCreditS()).isEqualTo(10.0);
    }

    @Test
    void the_model_is_deterministic() throws Exception {
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (List<Double> out : List.of(a, b)) {
            SimDriver d = node(2);
            UUID x = add(d, zone(new UUID(1, 1), 150, 100, 30, 20, 5_000_000L, null));
            UUID y = add(d, zone(new UUID(2, 2), null, 300, null, null, null, null));
            for (int t = 0; t < 500; t++) {
                NodeSample s = d.sample();
                out.add(of(s, x).cpuPct() + of(s, y).cpuPct() + of(s, x).ioDelayUs());
            }
        }
        assertThat(a).isEqualTo(b);
    }
}
