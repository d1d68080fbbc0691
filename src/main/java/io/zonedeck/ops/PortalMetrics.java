package io.zonedeck.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.zonedeck.base.PortalInstance;
import io.zonedeck.metrics.Metric;
import io.zonedeck.metrics.SeriesStore;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeLeases;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.nodes.StreamIngest;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What an operator's Prometheus scrapes from each instance ({@code /actuator/prometheus}, operators only): the job
 * queue as the database has it (the same on every instance), this instance's node leases, its stream ingest and lag,
 * and per-machine gauges from its series store.
 */
@Component
class PortalMetrics implements MeterBinder {
    private final JdbcTemplate jdbc;
    private final NodeLeases leases;
    private final NodeRegistry nodes;
    private final StreamIngest ingest;
    private final SeriesStore series;
    private final PortalInstance instance;
    private final Clock clock;
    private volatile JobQueue queue = new JobQueue(0, 0, 0, 0, 0);
    private volatile long queueReadAt;
    private MultiGauge streamLag;
    /** Per-machine gauges, each a metric of the series store's newest second. */
    private final Map<Metric, MultiGauge> machineGauges = new java.util.EnumMap<>(Metric.class);

    /** The per-machine gauges: name, unit, what. */
    private static final List<MachineGauge> MACHINE_GAUGES = List.of(
            new MachineGauge(Metric.CPU, "zonedeck.machine.cpu", "percent", "CPU use, percent of one CPU"),
            new MachineGauge(Metric.CPU_CAP, "zonedeck.machine.cpu.cap", "percent", "CPU cap (0: none)"),
            new MachineGauge(Metric.MEMORY, "zonedeck.machine.memory", "mebibytes", "Resident memory"),
            new MachineGauge(Metric.MEMORY_CAP, "zonedeck.machine.memory.cap", "mebibytes", "Memory cap"),
            new MachineGauge(Metric.DISK_READ, "zonedeck.machine.disk.read", "bytes.per.second", "Disk reads"),
            new MachineGauge(Metric.DISK_WRITE, "zonedeck.machine.disk.write", "bytes.per.second", "Disk writes"),
            new MachineGauge(
                    Metric.IO_DELAY, "zonedeck.machine.io.throttle.delay", "microseconds", "ZFS I/O throttle delay"),
            new MachineGauge(Metric.NET_RX, "zonedeck.machine.network.receive", "bytes.per.second", "Network in"),
            new MachineGauge(Metric.NET_TX, "zonedeck.machine.network.transmit", "bytes.per.second", "Network out"));

    record MachineGauge(Metric metric, String name, String unit, String description) {}

    PortalMetrics(
            JdbcTemplate jdbc,
            NodeLeases leases,
            NodeRegistry nodes,
            StreamIngest ingest,
            SeriesStore series,
            PortalInstance instance,
            Clock clock) {
        this.jdbc = jdbc;
        this.leases = leases;
        this.nodes = nodes;
        this.ingest = ingest;
        this.series = series;
        this.instance = instance;
        this.clock = clock;
    }

    /** Due-but-unpicked executions, running ones, the age of the oldest due one, failures, jobs failed overall. */
    record JobQueue(long due, long running, double oldestDueSeconds, long retrying, long failedJobs) {}

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("zonedeck.jobs.queue.depth", this, m -> m.queue().due())
                .description("Job executions due and not yet picked by any instance")
                .register(registry);
        Gauge.builder("zonedeck.jobs.queue.oldest.age", this, m -> m.queue().oldestDueSeconds())
                .description("How long the oldest due job execution has waited")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("zonedeck.jobs.running", this, m -> m.queue().running())
                .description("Job executions picked by an instance")
                .register(registry);
        Gauge.builder("zonedeck.jobs.retrying", this, m -> m.queue().retrying())
                .description("Job executions whose last attempt failed and that wait for a retry")
                .register(registry);
        FunctionCounter.builder("zonedeck.jobs.failed", this, m -> m.queue().failedJobs())
                .description("Jobs that ended failed (all instances)")
                .register(registry);
        Gauge.builder("zonedeck.node.leases.held", leases, NodeLeases::heldCount)
                .description("Node leases this instance holds (it meters and reconciles those nodes)")
                .tag("instance", instance.name())
                .register(registry);
        FunctionCounter.builder("zonedeck.ingest.samples", ingest, StreamIngest::samplesIngested)
                .description("Node samples read from the agents' streams")
                .register(registry);
        FunctionCounter.builder("zonedeck.ingest.machine.seconds", ingest, StreamIngest::machineSecondsIngested)
                .description("Machine-seconds carried by those samples")
                .register(registry);
        streamLag = MultiGauge.builder("zonedeck.ingest.stream.lag")
                .description("Age of the newest stream entry read from each node")
                .baseUnit("seconds")
                .register(registry);
        for (MachineGauge g : MACHINE_GAUGES) {
            machineGauges.put(
                    g.metric(),
                    MultiGauge.builder(g.name())
                            .description(g.description() + " of a machine in its newest second")
                            .baseUnit(g.unit())
                            .register(registry));
        }
        refresh();
    }

    /** Per-node and per-machine rows follow the fleet: machines come and go. */
    @Scheduled(fixedDelay = 5000, initialDelay = 5000)
    void refresh() {
        if (streamLag == null) {
            return;
        }
        Map<UUID, String> tenantOf = tenants();
        List<MultiGauge.Row<?>> lag = new ArrayList<>();
        Map<Metric, List<MultiGauge.Row<?>>> rows = new java.util.EnumMap<>(Metric.class);
        for (Node n : nodes.all()) {
            ingest.lagMillis(n.id())
                    .ifPresent(ms -> lag.add(MultiGauge.Row.of(Tags.of("node", n.name()), ms / 1000.0)));
            for (UUID machine : series.machinesOf(n.id())) {
                Tags tags = Tags.of(
                        "machine", machine.toString(), "tenant", tenantOf.getOrDefault(machine, ""), "node", n.name());
                for (MachineGauge g : MACHINE_GAUGES) {
                    series.latestValue(machine, g.metric())
                            .ifPresent(v -> rows.computeIfAbsent(g.metric(), k -> new ArrayList<>())
                                    .add(MultiGauge.Row.of(tags, v)));
                }
            }
        }
        streamLag.register(lag, true);
        machineGauges.forEach((metric, gauge) -> gauge.register(rows.getOrDefault(metric, List.of()), true));
    }

    /** Machine to tenant name, for the labels (machines of every instance: one query per refresh). */
    private Map<UUID, String> tenants() {
        Map<UUID, String> out = new java.util.HashMap<>();
        try {
            jdbc.query("select m.id, t.name from machine m join tenant t on t.id = m.tenant_id", rs -> {
                out.put(rs.getObject(1, UUID.class), rs.getString(2));
            });
        } catch (org.springframework.dao.DataAccessException e) {
            // the database is away: label without tenants this time
        }
        return out;
    }

    /** Read at most once a second, however often (and by however many gauges) it is scraped. */
    JobQueue queue() {
        long now = clock.millis();
        if (now - queueReadAt >= 1000) {
            queueReadAt = now;
            try {
                queue = readQueue(now);
            } catch (org.springframework.dao.DataAccessException e) {
                // the database is away: the health endpoint says so; keep the last figures
            }
        }
        return queue;
    }

    private JobQueue readQueue(long now) {
        Timestamp at = new Timestamp(now);
        Map<String, Object> row = jdbc.queryForMap(
                "select sum(case when not picked and execution_time <= ? then 1 else 0 end) as due,"
                        + " sum(case when picked then 1 else 0 end) as running,"
                        + " min(case when not picked and execution_time <= ? then execution_time end) as oldest,"
                        + " sum(case when not picked and consecutive_failures > 0 then 1 else 0 end) as retrying"
                        + " from scheduled_tasks",
                at,
                at);
        Long failed = jdbc.queryForObject("select count(*) from job where state = 'failed'", Long.class);
        Object oldest = row.get("oldest");
        double age = 0;
        if (oldest instanceof Timestamp t) {
            age = Math.max(0, (now - t.getTime()) / 1000.0);
        } else if (oldest instanceof java.time.OffsetDateTime o) {
            age = Math.max(0, (now - o.toInstant().toEpochMilli()) / 1000.0);
        }
        return new JobQueue(
                number(row.get("due")), number(row.get("running")), age, number(row.get("retrying")), failed);
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
