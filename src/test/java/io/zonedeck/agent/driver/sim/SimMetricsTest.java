package io.zonedeck.agent.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonedeck.agent.api.AgentJson;
import io.zonedeck.agent.api.CreatePayload;
import io.zonedeck.agent.api.DiskSample;
import io.zonedeck.agent.api.Histogram;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.Sleeper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Protocol v1.2 detail of the sim: swap, packets, syscalls, latency distributions and the pool's disks. */
class SimMetricsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T12:00:00Z"), ZoneOffset.UTC);
    private static final UUID A = new UUID(0xA, 1);
    private static final UUID B = new UUID(0xB, 2);
    private static final UUID C = new UUID(0xC, 3);

    static SimDriver node(long seed, int cpus) {
        return new SimDriver(
                seed,
                new NodeResources("sim-m", cpus, 262_144, 100_000, SimDriver.BRANDS),
                CLOCK,
                Sleeper.NONE,
                SimSettings.instant("10.88.9"));
    }

    static CreatePayload zone(UUID id, Integer cap, Long memMiB, Long maxSwapMiB, Long bps) {
        return new CreatePayload(
                id,
                "joyent",
                "m-" + id.toString().substring(0, 4),
                new UUID(7, 7),
                memMiB,
                10L,
                cap,
                100,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                maxSwapMiB,
                null,
                null,
                null,
                null,
                bps,
                null);
    }

    static UUID add(SimDriver d, CreatePayload p) throws Exception {
        d.createImmediately(p);
        return p.uuid();
    }

    static MachineSample of(NodeSample s, UUID id) {
        return s.machines().stream()
                .filter(m -> m.uuid().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /** The mean over {@code seconds} samples of a quantity of machine {@code id}. */
    static double mean(SimDriver d, UUID id, int seconds, Function<MachineSample, Double> f) {
        double sum = 0;
        for (int i = 0; i < seconds; i++) {
            sum += f.apply(of(d.sample(), id));
        }
        return sum / seconds;
    }

    @Test
    void every_running_sample_carries_all_v12_fields_consistent_with_its_counters() throws Exception {
        SimDriver d = node(1, 8);
        UUID m = add(d, zone(A, 200, 2048L, null, null));
        for (int t = 0; t < 300; t++) {
            MachineSample s = of(d.sample(), m);
            assertThat(s.syscalls()).containsOnlyKeys(MachineSample.SYSCALLS);
            long calls =
                    s.syscalls().values().stream().mapToLong(Long::longValue).sum();
            assertThat(calls).isPositive();
            assertThat(s.syscallLatency().total()).isEqualTo(calls);
            assertThat(s.diskLatency().total()).isEqualTo(s.diskReadOps() + s.diskWriteOps());
            assertThat(s.runqLatency().total()).isPositive();
            // packets follow bytes with a plausible packet size
            assertThat(s.netRxPackets()).isPositive();
            assertThat((double) s.netRxBytes() / s.netRxPackets()).isBetween(64.0, 1514.0);
            assertThat((double) s.netTxBytes() / s.netTxPackets()).isBetween(64.0, 1514.0);
            assertThat(s.swapMiB()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void a_node_sample_survives_the_wire() throws Exception {
        SimDriver d = node(1, 8);
        add(d, zone(A, 200, 2048L, null, null));
        add(d, zone(B, null, 1024L, null, 1_000_000L));
        add(d, zone(C, null, 1024L, null, null));
        d.stop(C);
        ObjectMapper json = AgentJson.newMapper();
        for (int t = 0; t < 20; t++) {
            NodeSample s = d.sample();
            String text = json.writeValueAsString(s);
            assertThat(text).contains("\"syscalls\":{\"read\":");
            assertThat(json.readValue(text, NodeSample.class)).isEqualTo(s);
        }
    }

    @Test
    void syscalls_follow_the_cpu_used() throws Exception {
        SimDriver d = node(1, 8);
        UUID m = add(d, zone(A, null, 1024L, null, null));
        d.fixDemand(m, 20.0, null);
        double low = mean(d, m, 100, SimMetricsTest::syscalls);
        d.fixDemand(m, 200.0, null);
        double high = mean(d, m, 100, SimMetricsTest::syscalls);
        assertThat(high / low).isBetween(4.0, 11.0);
    }

    @Test
    void the_pool_disks_carry_exactly_the_machines_io() throws Exception {
        SimDriver d = node(3, 16);
        for (int i = 0; i < 12; i++) {
            add(d, zone(new UUID(100, i), i % 3 == 0 ? null : 100 + i * 20, 1024L, null, i == 5 ? 3_000_000L : null));
        }
        for (int t = 0; t < 200; t++) {
            NodeSample s = d.sample();
            assertThat(s.disks()).extracting(DiskSample::name).containsExactly("c1t0d0", "c1t1d0", "c1t2d0", "c1t3d0");
            assertThat(sumDisks(s, DiskSample::readBytes)).isEqualTo(sumMachines(s, MachineSample::diskReadBytes));
            assertThat(sumDisks(s, DiskSample::writeBytes)).isEqualTo(sumMachines(s, MachineSample::diskWriteBytes));
            assertThat(sumDisks(s, DiskSample::readOps)).isEqualTo(sumMachines(s, MachineSample::diskReadOps));
            assertThat(sumDisks(s, DiskSample::writeOps)).isEqualTo(sumMachines(s, MachineSample::diskWriteOps));
            long ops = sumMachines(s, x -> x.diskReadOps() + x.diskWriteOps());
            assertThat(s.disks().stream().mapToLong(x -> x.latency().total()).sum())
                    .isEqualTo(ops);
            for (DiskSample disk : s.disks()) {
                // spread, not all on one disk
                assertThat(disk.readBytes()).isBetween(0L, sumMachines(s, MachineSample::diskReadBytes) / 2);
            }
        }
    }

    @Test
    void a_throttled_machine_sees_the_throttle_delay_in_its_disk_latency() throws Exception {
        double[] p50 = new double[2];
        double[] delay = new double[2];
        for (int k = 0; k < 2; k++) {
            SimDriver d = node(5, 8);
            UUID m = add(d, zone(A, null, 1024L, null, k == 0 ? null : 10_000_000L));
            d.fixDemand(m, 50.0, 40_000_000.0);
            p50[k] = mean(d, m, 200, s -> (double) s.diskLatency().quantile(0.5));
            delay[k] = mean(d, m, 200, MachineSample::ioDelayUs);
        }
        assertThat(delay[0]).isZero();
        assertThat(delay[1]).isPositive();
        assertThat(p50[1]).isGreaterThan(p50[0] * 3);
        assertThat(p50[1]).isGreaterThan(delay[1]); // service time plus the delay
    }

    @Test
    void a_busy_pool_slows_everyone_down() throws Exception {
        double[] p50 = new double[2];
        for (int k = 0; k < 2; k++) {
            SimDriver d = node(5, 16);
            d.noisyNeighbour().setEnabled(false);
            UUID m = add(d, zone(A, null, 1024L, null, null));
            UUID other = add(d, zone(B, null, 1024L, null, null));
            d.fixDemand(m, 50.0, 20_000_000.0);
            d.fixDemand(other, 50.0, k == 0 ? 10_000_000.0 : 1_800_000_000.0);
            p50[k] = mean(d, m, 200, s -> (double) s.diskLatency().quantile(0.5));
        }
        assertThat(p50[1]).isGreaterThan(p50[0] * 3);
    }

    @Test
    void a_contended_node_has_longer_run_queues() throws Exception {
        double[] p95 = new double[2];
        double[] p50 = new double[2];
        for (int k = 0; k < 2; k++) {
            SimDriver d = node(9, 2);
            UUID m = add(d, zone(A, null, 1024L, null, null));
            UUID hog = add(d, zone(B, null, 1024L, null, null));
            d.fixDemand(m, 60.0, null);
            d.fixDemand(hog, k == 0 ? 30.0 : 200.0, null); // 130 % of the node: contended
            NodeSample first = d.sample();
            assertThat(first.cpuDemandPct()).isEqualTo(k == 0 ? 45.0 : 130.0);
            p95[k] = mean(d, m, 200, s -> (double) s.runqLatency().quantile(0.95));
            p50[k] = mean(d, m, 200, s -> (double) s.runqLatency().quantile(0.5));
        }
        assertThat(p95[1]).isGreaterThan(p95[0] * 10);
        assertThat(p50[1]).isGreaterThan(p50[0]);
    }

    @Test
    void a_machine_held_at_its_cap_waits_longer_to_run_and_in_its_system_calls() throws Exception {
        double[] runq = new double[2];
        double[] syscall = new double[2];
        for (int k = 0; k < 2; k++) {
            SimDriver d = node(9, 16);
            UUID m = add(d, zone(A, k == 0 ? null : 50, 1024L, null, null));
            d.fixDemand(m, k == 0 ? 50.0 : 150.0, null); // both use 50 %; the second wants three times that
            runq[k] = mean(d, m, 200, s -> (double) s.runqLatency().quantile(0.95));
            syscall[k] = mean(d, m, 200, s -> (double) s.syscallLatency().quantile(0.5));
            assertThat(of(d.sample(), m).cpuPct()).isEqualTo(50.0);
        }
        assertThat(runq[1]).isGreaterThan(runq[0] * 10);
        assertThat(syscall[1]).isGreaterThan(syscall[0] * 2);
    }

    @Test
    void a_stopped_machine_has_empty_distributions_and_zero_rates() throws Exception {
        SimDriver d = node(2, 8);
        UUID m = add(d, zone(A, null, 1024L, null, null));
        for (int t = 0; t < 20; t++) {
            d.sample();
        }
        d.stop(m);
        MachineSample s = of(d.sample(), m);
        assertThat(s.syscallLatency()).isEqualTo(Histogram.EMPTY);
        assertThat(s.diskLatency()).isEqualTo(Histogram.EMPTY);
        assertThat(s.runqLatency()).isEqualTo(Histogram.EMPTY);
        assertThat(s.syscalls().values()).containsOnly(0L);
        assertThat(s.netRxPackets() + s.netTxPackets() + s.swapMiB() + s.lwps()).isZero();
        NodeSample node = d.sample();
        assertThat(node.disks()).allSatisfy(disk -> {
            assertThat(disk.readOps() + disk.writeOps() + disk.readBytes() + disk.writeBytes())
                    .isZero();
            assertThat(disk.latency().total()).isZero();
        });
    }

    @Test
    void swap_stays_zero_while_the_working_set_fits_and_grows_only_when_it_presses_the_cap() throws Exception {
        SimDriver d = node(4, 8);
        UUID m = add(d, zone(A, null, 1024L, 2048L, null));
        d.fixMemory(m, 700.0);
        for (int t = 0; t < 600; t++) {
            MachineSample s = of(d.sample(), m);
            assertThat(s.memRssMiB()).isLessThan(1024);
            assertThat(s.swapMiB()).isZero();
        }
        d.fixMemory(m, 1500.0); // wants 476 MiB more than the cap
        List<MachineSample> pressed = new ArrayList<>();
        for (int t = 0; t < 600; t++) {
            MachineSample s = of(d.sample(), m);
            pressed.add(s);
            if (s.swapMiB() > 0) {
                assertThat(s.memRssMiB()).isGreaterThanOrEqualTo((long) (1024 * 0.97) - 1);
            }
        }
        assertThat(pressed.get(0).swapMiB()).isZero(); // RSS has to reach the cap first
        assertThat(pressed.get(599).swapMiB()).isBetween(400L, 476L);
        assertThat(pressed).allSatisfy(s -> assertThat(s.memRssMiB()).isLessThanOrEqualTo(1024));
        d.fixMemory(m, 500.0); // fits again: swapped pages come back
        long before = pressed.get(599).swapMiB();
        long after = 0;
        for (int t = 0; t < 300; t++) {
            after = of(d.sample(), m).swapMiB();
            assertThat(after).isLessThanOrEqualTo(before);
            before = after;
        }
        assertThat(after).isZero();
    }

    @Test
    void swap_stays_within_max_swap() throws Exception {
        SimDriver d = node(4, 8);
        UUID m = add(d, zone(A, null, 512L, 600L, null));
        d.fixMemory(m, 4096.0);
        for (int t = 0; t < 1000; t++) {
            assertThat(of(d.sample(), m).swapMiB()).isBetween(0L, 600L);
        }
    }

    @Test
    void the_whole_sample_is_deterministic_for_a_seed() throws Exception {
        List<List<NodeSample>> runs = new ArrayList<>();
        for (long seed : new long[] {11, 11, 12}) {
            SimDriver d = node(seed, 4);
            add(d, zone(A, 100, 1024L, null, null));
            add(d, zone(B, null, 2048L, null, 5_000_000L));
            add(d, zone(C, 300, 512L, null, null));
            List<NodeSample> out = new ArrayList<>();
            for (int t = 0; t < 400; t++) {
                out.add(d.sample());
            }
            runs.add(out);
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1));
        assertThat(runs.get(0)).isNotEqualTo(runs.get(2));
    }

    private static double syscalls(MachineSample s) {
        return s.syscalls().values().stream().mapToLong(Long::longValue).sum();
    }

    private static long sumDisks(NodeSample s, java.util.function.ToLongFunction<DiskSample> f) {
        return s.disks().stream().mapToLong(f).sum();
    }

    private static long sumMachines(NodeSample s, java.util.function.ToLongFunction<MachineSample> f) {
        return s.machines().stream().mapToLong(f).sum();
    }
}
