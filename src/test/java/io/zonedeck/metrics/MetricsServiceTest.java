package io.zonedeck.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.agent.api.Histogram;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Roles;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MetricsServiceTest {
    static final long T0 = 1_700_000_040_000L;
    final UUID acme = UUID.randomUUID();
    final UUID globex = UUID.randomUUID();
    final UUID node = UUID.randomUUID();
    final SeriesStore store = new SeriesStore();
    final List<MachineRef> machines = new ArrayList<>();
    Caller caller = new Caller(UUID.randomUUID(), "operator", Roles.OPERATOR, null);
    final MetricsService service = new MetricsService(
            store,
            List.of(new MetricsDirectory() {
                @Override
                public List<MachineRef> machines() {
                    return machines;
                }

                @Override
                public List<NodeRef> nodes() {
                    return List.of(new NodeRef(node, "cn1", 16, 65536, 2000, "online", 0));
                }
            }),
            new CurrentCaller() {
                @Override
                public Caller get() {
                    return caller;
                }
            },
            Clock.fixed(Instant.ofEpochMilli(T0 + 10_000), ZoneOffset.UTC));

    UUID machine(String name, UUID tenant) {
        UUID id = UUID.randomUUID();
        machines.add(new MachineRef(id, name, tenant, tenant == acme ? "acme" : "globex", node, "cn1"));
        return id;
    }

    void second(long t, Map<UUID, Double> cpu) {
        List<MachineSample> list = new ArrayList<>();
        cpu.forEach((id, v) -> list.add(new MachineSample(
                id,
                v,
                100,
                100,
                512,
                0,
                0,
                0,
                0,
                100,
                0,
                0,
                v,
                0,
                0,
                v / 10,
                10,
                0,
                0,
                0,
                Map.of("read", (long) (v * 2), "write", 1L),
                null,
                null,
                Histogram.of(List.of(new long[] {(long) (v * 10), 1})))));
        store.onSample(new NodeSampleReceived(node, t, new NodeSample(10, 100, list)));
    }

    @Test
    void analytics_sums_additive_metrics_means_the_others_and_splits_by_tenant_machine_and_syscall() {
        UUID a1 = machine("a1", acme);
        UUID a2 = machine("a2", acme);
        UUID g1 = machine("g1", globex);
        for (int i = 0; i < 5; i++) {
            second(T0 + i * 1000L, Map.of(a1, 10.0, a2, 20.0, g1, 40.0));
        }
        AnalyticsResult all = service.analytics(AnalyticsQuery.of("cpu", Decomposition.NONE, Window.LIVE_1M), 0);
        assertThat(all.series())
                .singleElement()
                .satisfies(s -> assertThat(s.series().v()).containsOnly(70.0).hasSize(5));
        AnalyticsResult delay = service.analytics(AnalyticsQuery.of("io_delay", Decomposition.NONE, Window.LIVE_1M), 0);
        assertThat(delay.series().get(0).series().v())
                .containsOnly(new double[] {70.0 / 3 / 10}, org.assertj.core.data.Offset.offset(1e-5));
        AnalyticsResult byTenant = service.analytics(AnalyticsQuery.of("cpu", Decomposition.TENANT, Window.LIVE_1M), 0);
        assertThat(byTenant.series())
                .extracting(AnalyticsResult.NamedSeries::label)
                .containsExactly("globex", "acme"); // largest first
        assertThat(byTenant.series().get(1).series().v()).containsOnly(30.0);
        AnalyticsResult bySyscall =
                service.analytics(AnalyticsQuery.of("syscalls", Decomposition.SYSCALL, Window.LIVE_1M), 0);
        assertThat(bySyscall.series())
                .extracting(AnalyticsResult.NamedSeries::key)
                .containsExactly("read", "write");
        assertThat(bySyscall.series().get(0).series().v()).containsOnly(140.0);

        caller = new Caller(UUID.randomUUID(), "alice", Roles.TENANT_ADMIN, acme);
        AnalyticsResult mine = service.analytics(AnalyticsQuery.of("cpu", Decomposition.MACHINE, Window.LIVE_1M), 0);
        assertThat(mine.series()).extracting(AnalyticsResult.NamedSeries::label).containsExactly("a2", "a1");
        AnalyticsResult heat =
                service.analytics(AnalyticsQuery.of("runq_latency", Decomposition.NONE, Window.LIVE_1M), 0);
        assertThat(heat.heatmap())
                .hasSize(5)
                .allSatisfy(c -> assertThat(c.histogram().total()).isEqualTo(2));
        assertThat(service.visibleMachines()).extracting(MachineRef::name).containsExactly("a1", "a2");
    }

    @Test
    void only_the_newest_points_after_a_timestamp_and_the_window_is_respected() {
        UUID a1 = machine("a1", acme);
        for (int i = 0; i < 8; i++) {
            second(T0 + i * 1000L, Map.of(a1, (double) i));
        }
        Series s = service.machineSeries(a1, List.of(Metric.CPU), Window.LIVE_1M, T0 + 5000)
                .get(Metric.CPU);
        assertThat(s.v()).containsExactly(6.0, 7.0);
        Series narrow = service.machineSeries(a1, List.of(Metric.CPU), new Window(java.time.Duration.ofSeconds(5)), 0)
                .get(Metric.CPU);
        assertThat(narrow.t()[0]).isGreaterThan(T0 + 10_000 - 5000 - 1);
    }

    @Test
    void more_than_ten_series_keep_the_nine_largest_and_sum_the_rest_as_other() {
        Map<UUID, Double> cpu = new java.util.HashMap<>();
        for (int i = 1; i <= 14; i++) {
            cpu.put(machine("m" + i, acme), (double) i);
        }
        second(T0, cpu);
        AnalyticsResult r = service.analytics(AnalyticsQuery.of("cpu", Decomposition.MACHINE, Window.LIVE_1M), 0);
        assertThat(r.series()).hasSize(MetricsService.MAX_SERIES);
        assertThat(r.series().get(0).label()).isEqualTo("m14");
        AnalyticsResult.NamedSeries other = r.series().get(r.series().size() - 1);
        assertThat(other.label()).isEqualTo("other (5)");
        assertThat(other.series().v()).containsExactly(1.0 + 2 + 3 + 4 + 5);
    }

    @Test
    void a_tenant_cannot_read_a_foreign_machine_nor_ask_operator_questions() {
        UUID g1 = machine("g1", globex);
        second(T0, Map.of(g1, 5.0));
        caller = new Caller(UUID.randomUUID(), "alice", Roles.TENANT_ADMIN, acme);
        assertThatThrownBy(() -> service.machineSeries(g1, List.of(Metric.CPU), Window.LIVE_1M, 0))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessage("machine " + g1 + " not found");
        assertThatThrownBy(() -> service.machineSeries(UUID.randomUUID(), List.of(Metric.CPU), Window.LIVE_1M, 0))
                .isInstanceOfSatisfying(
                        ZoneDeckException.class, e -> assertThat(e.status()).isEqualTo(404));
        for (AnalyticsQuery q : List.of(
                AnalyticsQuery.of("cpu", Decomposition.TENANT, Window.LIVE_1M),
                AnalyticsQuery.of("disk_read", Decomposition.DISK, Window.LIVE_1M),
                new AnalyticsQuery("cpu", Decomposition.NONE, g1, null, null, Window.LIVE_1M),
                new AnalyticsQuery("cpu", Decomposition.NONE, null, node, null, Window.LIVE_1M),
                AnalyticsQuery.of("", Decomposition.NONE, Window.LIVE_1M))) {
            assertThatThrownBy(() -> service.analytics(q, 0))
                    .as(q.toString())
                    .isInstanceOfSatisfying(
                            ZoneDeckException.class, e -> assertThat(e.status()).isEqualTo(422));
        }
        assertThat(service.nodes()).isEmpty();
        assertThat(service.top(Metric.CPU, 5, 60)).isEmpty();
    }
}
