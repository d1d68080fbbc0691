package io.zonedeck.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.api.DiskSample;
import io.zonedeck.agent.api.Histogram;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.NodeSample;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeriesStoreTest {
    final SeriesStore store = new SeriesStore();
    final UUID node = UUID.randomUUID();
    final UUID machine = UUID.randomUUID();

    private void sample(long t, double cpu) {
        store.onSample(new NodeSampleReceived(
                node,
                t,
                new NodeSample(cpu / 16, 100, List.of(new MachineSample(machine, cpu, 50, 100, 512, 0, 0, 0, 0)))));
    }

    @Test
    void keeps_node_and_machine_series_and_reads_only_newer_points() {
        for (int i = 1; i <= 5; i++) {
            sample(i * 1000L, i * 10);
        }
        assertThat(store.since(machine, 3000))
                .extracting(SeriesStore.Point::cpu)
                .containsExactly(40.0, 50.0);
        assertThat(store.since(node, 0)).hasSize(5);
        assertThat(store.latest(machine))
                .get()
                .extracting(SeriesStore.Point::cap)
                .isEqualTo(50.0);
        assertThat(store.since(UUID.randomUUID(), 0)).isEmpty();
    }

    @Test
    void replayed_samples_are_never_counted_twice() {
        sample(1000, 10);
        sample(2000, 20);
        sample(2000, 99);
        sample(1500, 99);
        assertThat(store.since(machine, 0)).extracting(SeriesStore.Point::cpu).containsExactly(10.0, 20.0);
    }

    @Test
    void memory_is_bounded_to_one_hour_of_seconds() {
        for (int i = 1; i <= SeriesStore.CAPACITY + 500; i++) {
            sample(i * 1000L, 1);
        }
        List<SeriesStore.Point> all = store.since(machine, 0);
        assertThat(all).hasSize(SeriesStore.CAPACITY);
        assertThat(all.get(0).timestamp()).isEqualTo(501_000L);
        assertThat(all.get(all.size() - 1).timestamp()).isEqualTo((SeriesStore.CAPACITY + 500) * 1000L);
    }

    private void throttled(long t, double cpu, double nodeDemand) {
        MachineSample m =
                new MachineSample(machine, cpu, 200, 100, 512, 3000, 1000, 0, 0, 100, 50, 7, 250, 10, 5, 420.5, 33);
        store.onSample(new NodeSampleReceived(node, t, new NodeSample(cpu / 16, 100, List.of(m), nodeDemand)));
    }

    @Test
    void keeps_the_throttles_of_each_second_with_the_nodes_contention() {
        throttled(1000, 120, 80);
        throttled(2000, 90, 130);
        assertThat(store.throttlesSince(machine, 1000))
                .containsExactly(new SeriesStore.ThrottlePoint(2000, 90, 250, 200, 50, 7, 130, 4000, 420.5));
        assertThat(store.throttlesSince(node, 0)).isEmpty(); // nodes have no throttles
        store.forget(machine);
        assertThat(store.throttlesSince(machine, 0)).isEmpty();
    }

    private static Histogram hist(long lowerUs, long count) {
        return Histogram.of(List.of(new long[] {lowerUs, count}));
    }

    private void full(UUID on, UUID m, long t, double cpu, long diskRead, Map<String, Long> syscalls, Histogram runq) {
        MachineSample s = new MachineSample(
                m,
                cpu,
                100,
                200,
                512,
                diskRead,
                10,
                300,
                400,
                100,
                0,
                0,
                cpu,
                5,
                6,
                0,
                40,
                0,
                3,
                4,
                syscalls,
                hist(50, 10),
                hist(1000, 2),
                runq);
        store.onSample(new NodeSampleReceived(
                on,
                t,
                new NodeSample(
                        cpu / 16,
                        1000,
                        List.of(s),
                        cpu / 16,
                        List.of(new DiskSample("c1t0d0", diskRead, 10, 5, 6, hist(2000, 11))))));
    }

    @Test
    void a_node_sums_its_machines_rates_and_merges_their_distributions_and_each_disk_is_kept() {
        UUID other = UUID.randomUUID();
        long t = 1_700_000_000_000L;
        MachineSample a = new MachineSample(
                machine,
                50,
                100,
                200,
                512,
                1000,
                10,
                300,
                400,
                100,
                0,
                0,
                50,
                5,
                6,
                0,
                40,
                0,
                3,
                4,
                Map.of("read", 7L, "write", 3L),
                hist(50, 10),
                null,
                null);
        MachineSample b = new MachineSample(
                other,
                20,
                100,
                200,
                512,
                500,
                10,
                300,
                400,
                100,
                0,
                0,
                20,
                5,
                6,
                0,
                40,
                0,
                3,
                4,
                Map.of("read", 1L, "futex", 4L),
                hist(50, 5),
                null,
                null);
        store.onSample(new NodeSampleReceived(
                node,
                t,
                new NodeSample(
                        33,
                        999,
                        List.of(a, b),
                        40,
                        List.of(new DiskSample("c1t0d0", 1500, 20, 10, 12, hist(800, 22))))));
        assertThat(store.seconds(node, Metric.CPU, 0).v()).containsExactly(33.0);
        assertThat(store.seconds(node, Metric.MEMORY, 0).v()).containsExactly(999.0);
        assertThat(store.seconds(node, Metric.DISK_READ, 0).v()).containsExactly(1500.0);
        assertThat(store.seconds(node, Metric.SYSCALLS, 0).v()).containsExactly(15.0);
        assertThat(store.syscallSeconds(node, "read", 0).v()).containsExactly(8.0);
        assertThat(store.syscallSeconds(other, "other", 0).v()).containsExactly(4.0); // futex is not a named one
        assertThat(store.histSeconds(node, Distribution.SYSCALL_LATENCY, 0))
                .singleElement()
                .satisfies(c -> assertThat(c.histogram().total()).isEqualTo(15));
        assertThat(store.histSeconds(node, Distribution.DISK_LATENCY, 0)).isEmpty();
        UUID disk = SeriesStore.diskId(node, "c1t0d0");
        assertThat(store.disks(node)).containsExactly("c1t0d0");
        assertThat(store.seconds(disk, Metric.DISK_WRITE_OPS, 0).v()).containsExactly(12.0);
        assertThat(store.seconds(disk, Metric.CPU, 0).size()).isZero();
        assertThat(store.histSeconds(disk, Distribution.DISK_LATENCY, 0).get(0).histogram())
                .isEqualTo(hist(800, 22));
        assertThat(store.machinesOf(node)).containsExactlyInAnyOrder(machine, other);
        assertThat(store.nodeOf(other)).contains(node);
    }

    @Test
    void minutes_are_the_means_of_their_seconds_and_distributions_merge_per_minute() {
        long t0 = 1_700_000_040_000L; // on a minute boundary
        for (int i = 0; i < 120; i++) {
            full(node, machine, t0 + i * 1000L, i < 60 ? 10 : 30, 100, Map.of("read", 2L), hist(50, 1));
        }
        Series minutes = store.minutes(machine, Metric.CPU, 0);
        assertThat(minutes.t()).containsExactly(t0, t0 + 60_000);
        assertThat(minutes.v()).containsExactly(10.0, 30.0);
        assertThat(store.syscallMinutes(machine, "read", 0).v()).containsExactly(2.0, 2.0);
        List<HeatColumn> heat = store.histMinutes(machine, Distribution.RUNQ_LATENCY, 0);
        assertThat(heat).extracting(HeatColumn::t).containsExactly(t0, t0 + 60_000);
        assertThat(heat)
                .allSatisfy(c ->
                        assertThat(c.histogram().count(Histogram.bucket(50))).isEqualTo(60));
        assertThat(store.histSeconds(machine, Distribution.RUNQ_LATENCY, t0 + 118_000))
                .hasSize(1);
    }

    @Test
    void a_late_second_fills_its_gap_in_place_and_a_replayed_one_changes_nothing() {
        long t0 = 1_700_000_040_000L;
        for (int i = 0; i < 10; i++) {
            if (i != 4 && i != 5) {
                full(node, machine, t0 + i * 1000L, i, 0, null, null);
            }
        }
        full(node, machine, t0 + 4000, 4, 0, null, null); // the gap arrives late
        full(node, machine, t0 + 5000, 5, 0, null, null);
        full(node, machine, t0 + 5000, 99, 0, null, null); // and again
        assertThat(store.seconds(machine, Metric.CPU, 0).v()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(store.minutes(machine, Metric.CPU, 0).v()).containsExactly(4.5);
        assertThat(store.machineSecondsStored()).isEqualTo(10);
    }

    @Test
    void memory_stays_bounded_over_a_long_run() {
        long t0 = 1_700_000_040_000L;
        long day = 86_400L;
        long afterSevenDays = 0;
        for (long s = 0; s < 8 * day; s++) {
            full(node, machine, t0 + s * 1000, s % 100, 10, Map.of("read", 1L), hist(50 + s % 7 * 100, 3));
            if (s == 7 * day + 3600) {
                afterSevenDays = store.footprintBytes();
            }
        }
        long afterEightDays = store.footprintBytes();
        assertThat(store.seconds(machine, Metric.CPU, 0).size()).isEqualTo(3600);
        assertThat(store.minutes(machine, Metric.CPU, 0).size()).isEqualTo(7 * 1440);
        assertThat(store.histMinutes(machine, Distribution.RUNQ_LATENCY, 0)).hasSize(1440);
        assertThat(afterEightDays).isEqualTo(afterSevenDays);
        // a machine, its node and one disk: well under 8 MB at the bound
        assertThat(afterEightDays).isLessThan(8L << 20);
    }
}
