package io.zonedeck.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.agent.api.Histogram;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.NodeCapabilities;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Roles;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A metric a node does not measure is unavailable (not zero) for its machines, and left out of analytics. */
class MetricsCoverageTest {
    static final long T0 = 1_700_000_040_000L;
    /** The linux driver on this host: no io_delay, syscalls, cpu_demand, burst_credit, swap; no bpftrace. */
    static final NodeCapabilities LINUX = new NodeCapabilities(
            List.of("joyent", "joyent-minimal", "lx"),
            Set.of("cpu_cap", "max_physical_memory"),
            Set.of("cpu", "cpu_cap", "cpu_shares", "memory", "memory_cap", "disk_read", "disk_write", "lwps"),
            Set.of(),
            true,
            false,
            List.of());

    final UUID acme = UUID.randomUUID();
    final UUID sim = UUID.randomUUID();
    final UUID linux = UUID.randomUUID();
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
                    return List.of(
                            new NodeRef(sim, "cn1", 16, 65536, 2000, "online", 0, "sim", null),
                            new NodeRef(linux, "cn9", 4, 8192, 100, "online", 0, "linux", LINUX));
                }
            }),
            new CurrentCaller() {
                @Override
                public Caller get() {
                    return caller;
                }
            },
            Clock.fixed(Instant.ofEpochMilli(T0 + 10_000), ZoneOffset.UTC));

    UUID machine(String name, UUID node) {
        UUID id = UUID.randomUUID();
        machines.add(new MachineRef(id, name, acme, "acme", node, node == sim ? "cn1" : "cn9"));
        return id;
    }

    /** One second of one machine: io_delay = cpu / 10 (the linux node sends 0 for what it does not measure). */
    void second(long t, UUID node, UUID machine, double cpu, double ioDelay) {
        MachineSample s = new MachineSample(
                machine,
                cpu,
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
                cpu,
                0,
                0,
                ioDelay,
                10,
                0,
                0,
                0,
                Map.of("read", 1L),
                null,
                null,
                Histogram.of(List.of(new long[] {10, 1})));
        store.onSample(new NodeSampleReceived(node, t, new NodeSample(10, 100, List.of(s))));
    }

    @Test
    void a_machine_on_a_node_that_does_not_measure_io_delay_has_it_unavailable_naming_the_node() {
        UUID m = machine("burner", linux);
        Coverage c = service.coverage(m);
        assertThat(c.measures(Metric.CPU)).isTrue();
        assertThat(c.measures(Metric.IO_DELAY)).isFalse();
        assertThat(c.measures(Distribution.RUNQ_LATENCY)).isFalse();
        assertThat(c.notMeasured()).isEqualTo("Not measured on node cn9 (linux driver)");

        caller = new Caller(UUID.randomUUID(), "alice", Roles.TENANT_ADMIN, acme);
        assertThat(service.coverage(m).notMeasured()).isEqualTo("Not measured on this machine's node (linux driver)");
    }

    @Test
    void a_machine_on_a_node_that_measures_everything_has_everything() {
        UUID m = machine("web", sim);
        Coverage c = service.coverage(m);
        for (Metric metric : Metric.values()) {
            assertThat(c.measures(metric)).as(metric.key()).isTrue();
        }
    }

    @Test
    void analytics_of_an_unmeasured_metric_leave_out_the_machines_of_nodes_that_do_not_measure_it_and_say_so() {
        UUID web = machine("web", sim);
        UUID burner = machine("burner", linux);
        for (int i = 0; i < 5; i++) {
            second(T0 + i * 1000L, sim, web, 40, 8);
            second(T0 + i * 1000L, linux, burner, 50, 0);
        }
        AnalyticsResult delay =
                service.analytics(AnalyticsQuery.of("io_delay", Decomposition.MACHINE, Window.LIVE_1M), 0);
        assertThat(delay.series())
                .extracting(AnalyticsResult.NamedSeries::label)
                .containsExactly("web");
        assertThat(delay.leftOut()).isEqualTo(1);
        assertThat(delay.leftOutNote())
                .isEqualTo("1 machine is left out: io_delay is not measured on node cn9 (linux driver)");
        // io_delay is a mean: the zeros of the linux node would have halved it
        AnalyticsResult mean = service.analytics(AnalyticsQuery.of("io_delay", Decomposition.NONE, Window.LIVE_1M), 0);
        assertThat(mean.series().get(0).series().v()).containsOnly(8.0);

        AnalyticsResult cpu = service.analytics(AnalyticsQuery.of("cpu", Decomposition.MACHINE, Window.LIVE_1M), 0);
        assertThat(cpu.series()).extracting(AnalyticsResult.NamedSeries::label).containsExactly("burner", "web");
        assertThat(cpu.leftOut()).isZero();
        assertThat(cpu.leftOutNote()).isNull();

        AnalyticsResult runq =
                service.analytics(AnalyticsQuery.of("runq_latency", Decomposition.NONE, Window.LIVE_1M), 0);
        assertThat(runq.leftOut()).isEqualTo(1);
        assertThat(runq.heatmap())
                .allSatisfy(col -> assertThat(col.histogram().total()).isEqualTo(1));
    }
}
