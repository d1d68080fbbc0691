package io.zonedeck.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.NodeSample;
import java.util.List;
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

    @Test
    void throttle_detail_is_bounded_to_ten_minutes() {
        for (int i = 1; i <= SeriesStore.THROTTLE_CAPACITY + 50; i++) {
            throttled(i * 1000L, 1, 10);
        }
        List<SeriesStore.ThrottlePoint> all = store.throttlesSince(machine, 0);
        assertThat(all).hasSize(SeriesStore.THROTTLE_CAPACITY);
        assertThat(all.get(0).timestamp()).isEqualTo(51_000L);
        assertThat(store.since(machine, 0)).hasSize(SeriesStore.THROTTLE_CAPACITY + 50);
    }
}
