package io.zonedeck.metrics;

import io.zonedeck.agent.api.DiskSample;
import io.zonedeck.agent.api.Histogram;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.NodeSample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The metrics of every machine, node and node disk in memory: each {@link Metric} and the machine's system calls
 * by name per second for the last hour and per minute for seven days, and the latency {@link Distribution}s per
 * second for the last hour and per minute for a day (see {@link EntitySeries} for the memory bound). Fed by the
 * nodes' streams ({@link NodeSampleReceived}); a second that is already stored is never counted again.
 *
 * <p>A node's rates are the sums over its machines and its distributions the merge of theirs; its CPU and memory are
 * its own. Each physical disk of a node is an entity of its own ({@link #diskId}).
 */
@Component
public class SeriesStore {
    /** Seconds kept at one-second resolution. */
    public static final int CAPACITY = EntitySeries.SECONDS;

    private static final Metric[] METRICS = Metric.values();
    private static final Distribution[] DISTRIBUTIONS = Distribution.values();
    private static final List<String> SYSCALLS = MachineSample.SYSCALLS;
    private static final int SYSCALL_BASE = METRICS.length;
    /** Machines only: the node's CPU demand in % of the node, for the throttles chart. */
    private static final int NODE_DEMAND = SYSCALL_BASE + SYSCALLS.size();

    private static final int CHANNELS = NODE_DEMAND + 1;
    private static final Metric[] DISK_METRICS = {
        Metric.DISK_READ, Metric.DISK_WRITE, Metric.DISK_READ_OPS, Metric.DISK_WRITE_OPS
    };

    /** One point of the machine page's CPU chart and the nodes grid. */
    public record Point(long timestamp, double cpu, double cap, double memMiB) {}

    /** One second of a machine's CPU throttles, in % of one CPU unless said otherwise. */
    public record ThrottlePoint(
            long timestamp,
            double cpu,
            double demand,
            double cap,
            double baseline,
            double burstCredit,
            double nodeDemand,
            double diskBytes,
            double ioDelayUs) {}

    private final Map<UUID, EntitySeries> entities = new ConcurrentHashMap<>();
    private final Map<UUID, UUID> nodeOfMachine = new ConcurrentHashMap<>();
    private final Map<UUID, Set<UUID>> machinesOfNode = new ConcurrentHashMap<>();
    private final Map<UUID, Set<String>> disksOfNode = new ConcurrentHashMap<>();
    private final LongAdder machineSeconds = new LongAdder();

    @EventListener
    public void onSample(NodeSampleReceived e) {
        NodeSample s = e.sample();
        long t = e.timestamp();
        float[] nodeValues = new float[CHANNELS];
        long[][] nodeDense = new long[DISTRIBUTIONS.length][];
        for (MachineSample m : s.machines()) {
            float[] values = new float[CHANNELS];
            for (int i = 0; i < METRICS.length; i++) {
                values[i] = (float) METRICS[i].of(m);
            }
            if (m.syscalls() != null) {
                m.syscalls().forEach((name, count) -> {
                    int i = SYSCALLS.indexOf(name);
                    int channel = SYSCALL_BASE + (i < 0 ? SYSCALLS.size() - 1 : i);
                    values[channel] += count == null ? 0 : count;
                });
            }
            values[NODE_DEMAND] = (float) s.cpuDemandPct();
            Histogram[] hists = new Histogram[DISTRIBUTIONS.length];
            for (int d = 0; d < DISTRIBUTIONS.length; d++) {
                hists[d] = DISTRIBUTIONS[d].of(m);
                if (hists[d] != null) {
                    if (nodeDense[d] == null) {
                        nodeDense[d] = new long[Histogram.BUCKETS];
                    }
                    hists[d].addTo(nodeDense[d]);
                }
            }
            if (entity(m.uuid(), CHANNELS, DISTRIBUTIONS.length).add(t, values, hists)) {
                machineSeconds.increment();
            }
            for (int c = SYSCALL_BASE; c < NODE_DEMAND; c++) {
                nodeValues[c] += values[c];
            }
            placeMachine(m.uuid(), e.nodeId());
        }
        for (int i = 0; i < METRICS.length; i++) {
            nodeValues[i] = (float) METRICS[i].of(s);
        }
        nodeValues[NODE_DEMAND] = (float) s.cpuDemandPct();
        Histogram[] nodeHists = new Histogram[DISTRIBUTIONS.length];
        for (int d = 0; d < nodeHists.length; d++) {
            nodeHists[d] = nodeDense[d] == null ? null : Histogram.ofCounts(nodeDense[d]);
        }
        entity(e.nodeId(), CHANNELS, DISTRIBUTIONS.length).add(t, nodeValues, nodeHists);
        for (DiskSample d : s.disks()) {
            if (d == null || d.name() == null) {
                continue;
            }
            disksOfNode
                    .computeIfAbsent(e.nodeId(), k -> ConcurrentHashMap.newKeySet())
                    .add(d.name());
            float[] values = {d.readBytes(), d.writeBytes(), d.readOps(), d.writeOps()};
            entity(diskId(e.nodeId(), d.name()), DISK_METRICS.length, 1).add(t, values, new Histogram[] {d.latency()});
        }
    }

    private void placeMachine(UUID machine, UUID node) {
        if (node.equals(nodeOfMachine.get(machine))) {
            return; // the usual case, every second: a read, no write
        }
        UUID before = nodeOfMachine.put(machine, node);
        if (!node.equals(before)) {
            if (before != null) {
                Set<UUID> old = machinesOfNode.get(before);
                if (old != null) {
                    old.remove(machine);
                }
            }
            machinesOfNode
                    .computeIfAbsent(node, k -> ConcurrentHashMap.newKeySet())
                    .add(machine);
        }
    }

    private EntitySeries entity(UUID id, int channels, int distributions) {
        EntitySeries s = entities.get(id);
        return s != null ? s : entities.computeIfAbsent(id, k -> new EntitySeries(channels, distributions));
    }

    /** The stable id of a node's disk as an entity of this store. */
    public static UUID diskId(UUID nodeId, String disk) {
        return UUID.nameUUIDFromBytes((nodeId + "/disk/" + disk).getBytes(StandardCharsets.UTF_8));
    }

    /** The disks a node reported, sorted by name. */
    public List<String> disks(UUID nodeId) {
        return disksOfNode.getOrDefault(nodeId, Set.of()).stream().sorted().toList();
    }

    /** The machines a node reported in its samples (last placement wins). */
    public Set<UUID> machinesOf(UUID nodeId) {
        return Set.copyOf(machinesOfNode.getOrDefault(nodeId, Set.of()));
    }

    /** The node a machine was last sampled on. */
    public Optional<UUID> nodeOf(UUID machineId) {
        return Optional.ofNullable(nodeOfMachine.get(machineId));
    }

    /** Machine-seconds stored since start (replays not counted), for benchmarks and diagnostics. */
    public long machineSecondsStored() {
        return machineSeconds.sum();
    }

    /** A metric per second after {@code afterMillis} (the last hour at most), oldest first; empty when unknown. */
    public Series seconds(UUID id, Metric metric, long afterMillis) {
        EntitySeries s = entities.get(id);
        int c = channel(s, metric);
        return c < 0 ? Series.EMPTY : s.seconds(c, afterMillis);
    }

    /** A metric per minute from {@code fromMillis} (seven days at most), the mean of each minute's seconds. */
    public Series minutes(UUID id, Metric metric, long fromMillis) {
        EntitySeries s = entities.get(id);
        int c = channel(s, metric);
        return c < 0 ? Series.EMPTY : s.minutes(c, fromMillis);
    }

    /** System calls named {@code syscall} (one of {@link MachineSample#SYSCALLS}) per second of a machine or node. */
    public Series syscallSeconds(UUID id, String syscall, long afterMillis) {
        EntitySeries s = entities.get(id);
        int i = SYSCALLS.indexOf(syscall);
        return s == null || i < 0 || s.channels != CHANNELS ? Series.EMPTY : s.seconds(SYSCALL_BASE + i, afterMillis);
    }

    /** System calls named {@code syscall} per minute. */
    public Series syscallMinutes(UUID id, String syscall, long fromMillis) {
        EntitySeries s = entities.get(id);
        int i = SYSCALLS.indexOf(syscall);
        return s == null || i < 0 || s.channels != CHANNELS ? Series.EMPTY : s.minutes(SYSCALL_BASE + i, fromMillis);
    }

    /** A distribution per second after {@code afterMillis}; disks have only {@link Distribution#DISK_LATENCY}. */
    public List<HeatColumn> histSeconds(UUID id, Distribution d, long afterMillis) {
        EntitySeries s = entities.get(id);
        int i = distribution(s, d);
        return i < 0 ? List.of() : s.histSeconds(i, afterMillis);
    }

    /** A distribution per minute from {@code fromMillis} (the last day at most). */
    public List<HeatColumn> histMinutes(UUID id, Distribution d, long fromMillis) {
        EntitySeries s = entities.get(id);
        int i = distribution(s, d);
        return i < 0 ? List.of() : s.histMinutes(i, fromMillis);
    }

    /** The newest second stored for an entity, epoch millis; 0 when none. */
    public long newest(UUID id) {
        EntitySeries s = entities.get(id);
        return s == null ? 0 : s.newestMillis();
    }

    /** The newest value of a metric, if any. */
    public Optional<Double> latestValue(UUID id, Metric metric) {
        EntitySeries s = entities.get(id);
        int c = channel(s, metric);
        if (c < 0) {
            return Optional.empty();
        }
        double v = s.latest(c);
        return Double.isNaN(v) ? Optional.empty() : Optional.of(v);
    }

    /** CPU, cap and memory of a machine or node newer than {@code afterMillis}, oldest first. */
    public List<Point> since(UUID id, long afterMillis) {
        Series cpu = seconds(id, Metric.CPU, afterMillis);
        Series cap = seconds(id, Metric.CPU_CAP, afterMillis);
        Series mem = seconds(id, Metric.MEMORY, afterMillis);
        List<Point> out = new ArrayList<>(cpu.size());
        for (int i = 0; i < cpu.size() && i < cap.size() && i < mem.size(); i++) {
            out.add(new Point(cpu.t()[i], cpu.v()[i], cap.v()[i], mem.v()[i]));
        }
        return out;
    }

    /** The newest point, if any. */
    public Optional<Point> latest(UUID id) {
        long newest = newest(id);
        if (newest == 0) {
            return Optional.empty();
        }
        List<Point> last = since(id, newest - 1);
        return last.isEmpty() ? Optional.empty() : Optional.of(last.get(last.size() - 1));
    }

    /** Throttle detail of a machine newer than {@code afterMillis}, oldest first (the last hour at most). */
    public List<ThrottlePoint> throttlesSince(UUID machine, long afterMillis) {
        EntitySeries s = entities.get(machine);
        if (s == null || s.channels != CHANNELS || !nodeOfMachine.containsKey(machine)) {
            return List.of(); // nodes and disks have no throttles
        }
        Series cpu = s.seconds(Metric.CPU.ordinal(), afterMillis);
        Series[] cols = {
            s.seconds(Metric.CPU_DEMAND.ordinal(), afterMillis),
            s.seconds(Metric.CPU_CAP.ordinal(), afterMillis),
            s.seconds(Metric.CPU_BASELINE.ordinal(), afterMillis),
            s.seconds(Metric.BURST_CREDIT.ordinal(), afterMillis),
            s.seconds(NODE_DEMAND, afterMillis),
            s.seconds(Metric.DISK_READ.ordinal(), afterMillis),
            s.seconds(Metric.DISK_WRITE.ordinal(), afterMillis),
            s.seconds(Metric.IO_DELAY.ordinal(), afterMillis)
        };
        List<ThrottlePoint> out = new ArrayList<>(cpu.size());
        for (int i = 0; i < cpu.size(); i++) {
            boolean aligned = true;
            for (Series c : cols) {
                aligned &= i < c.size() && c.t()[i] == cpu.t()[i];
            }
            if (aligned) {
                out.add(new ThrottlePoint(
                        cpu.t()[i],
                        cpu.v()[i],
                        cols[0].v()[i],
                        cols[1].v()[i],
                        cols[2].v()[i],
                        cols[3].v()[i],
                        cols[4].v()[i],
                        cols[5].v()[i] + cols[6].v()[i],
                        cols[7].v()[i]));
            }
        }
        return out;
    }

    /** The memory held by all series (arrays only), for the memory bound's tests and benchmarks. */
    public long footprintBytes() {
        return entities.values().stream()
                .mapToLong(EntitySeries::footprintBytes)
                .sum();
    }

    public void forget(UUID id) {
        entities.remove(id);
        UUID node = nodeOfMachine.remove(id);
        if (node != null) {
            Set<UUID> on = machinesOfNode.get(node);
            if (on != null) {
                on.remove(id);
            }
        }
    }

    private static int channel(EntitySeries s, Metric m) {
        if (s == null) {
            return -1;
        }
        if (s.channels == CHANNELS) {
            return m.ordinal();
        }
        for (int i = 0; i < DISK_METRICS.length; i++) {
            if (DISK_METRICS[i] == m) {
                return i;
            }
        }
        return -1;
    }

    private static int distribution(EntitySeries s, Distribution d) {
        if (s == null) {
            return -1;
        }
        if (s.distributions == DISTRIBUTIONS.length) {
            return d.ordinal();
        }
        return d == Distribution.DISK_LATENCY ? 0 : -1;
    }
}
