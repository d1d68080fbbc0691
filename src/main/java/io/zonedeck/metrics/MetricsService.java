package io.zonedeck.metrics;

import io.zonedeck.agent.api.Histogram;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.base.FieldProblems;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Reads the series store on behalf of the caller: a tenant sees the series of its own machines only (a foreign
 * machine answers exactly like a missing one), operators see every machine, node and disk. Also answers analytics
 * questions (a metric split by machine, node, tenant, syscall or disk; a latency distribution as a heatmap) over
 * the machines the caller may see.
 *
 * <p>Reads never touch the database: the machines and nodes come from the {@link MetricsDirectory}s, cached for
 * {@value #DIRECTORY_TTL_MILLIS} ms.
 */
@Service
public class MetricsService {
    /** Stacked series an analytics answer shows at most; the rest become "other". */
    public static final int MAX_SERIES = 10;

    static final long DIRECTORY_TTL_MILLIS = 3000;
    private static final List<Metric> DISK_METRICS =
            List.of(Metric.DISK_READ, Metric.DISK_WRITE, Metric.DISK_READ_OPS, Metric.DISK_WRITE_OPS);

    private final SeriesStore store;
    private final List<MetricsDirectory> directories;
    private final CurrentCaller callers;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(long loadedAt, Map<UUID, MachineRef> machines, Map<UUID, NodeRef> nodes) {}

    /** A machine and the mean of a metric over a recent span. */
    public record Ranked(MachineRef machine, double value) {}

    MetricsService(SeriesStore store, List<MetricsDirectory> directories, CurrentCaller callers, Clock clock) {
        this.store = store;
        this.directories = List.copyOf(directories);
        this.callers = callers;
        this.clock = clock;
    }

    /** The machines the caller may see, by name. */
    public List<MachineRef> visibleMachines() {
        Caller caller = callers.get();
        return directory().machines().values().stream()
                .filter(m -> visible(caller, m))
                .sorted(Comparator.comparing(MachineRef::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** The nodes, by name: operators only (everyone else sees none). */
    public List<NodeRef> nodes() {
        if (!callers.get().isOperator()) {
            return List.of();
        }
        return directory().nodes().values().stream()
                .sorted(Comparator.comparing(NodeRef::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** A visible machine; a foreign one is missing. */
    public MachineRef machine(UUID machineId) {
        Caller caller = callers.get();
        MachineRef m = machineId == null ? null : directory().machines().get(machineId);
        if (m == null || !visible(caller, m)) {
            throw ZoneDeckException.notFound("machine " + machineId);
        }
        return m;
    }

    /**
     * Which metrics the machine's node measures (a visible machine; a foreign one is missing). A metric it does not
     * measure comes as 0 in the samples: pages show it as unavailable, the API as {@code "available": false}.
     */
    public Coverage coverage(UUID machineId) {
        MachineRef m = machine(machineId);
        return Coverage.of(
                m.nodeId() == null ? null : directory().nodes().get(m.nodeId()),
                callers.get().isOperator());
    }

    /**
     * A machine's metrics over {@code window}, points newer than {@code afterMillis} only (0: the whole window), per
     * second up to an hour, per minute beyond.
     */
    public Map<Metric, Series> machineSeries(UUID machineId, Collection<Metric> metrics, Window window, long after) {
        machine(machineId);
        Map<Metric, Series> out = new LinkedHashMap<>();
        for (Metric m : metrics) {
            out.put(m, read(machineId, m, window, after));
        }
        return out;
    }

    /** A machine's latency distribution as heatmap columns over {@code window}, newer than {@code afterMillis}. */
    public List<HeatColumn> machineHeat(UUID machineId, Distribution d, Window window, long after) {
        machine(machineId);
        return readHeat(machineId, d, window, after);
    }

    /** A node's metric (operators; anyone else gets "not found" as for a missing node). */
    @RolesAllowed(Roles.OPERATOR)
    public Series nodeSeries(UUID nodeId, Metric metric, Window window, long after) {
        requireNode(nodeId);
        return read(nodeId, metric, window, after);
    }

    /** A node's merged latency distribution (operators). */
    @RolesAllowed(Roles.OPERATOR)
    public List<HeatColumn> nodeHeat(UUID nodeId, Distribution d, Window window, long after) {
        requireNode(nodeId);
        return readHeat(nodeId, d, window, after);
    }

    /** The machines a node ran in the window's samples, as far as the caller may see them (operators: all). */
    @RolesAllowed(Roles.OPERATOR)
    public List<MachineRef> machinesOn(UUID nodeId) {
        requireNode(nodeId);
        Map<UUID, MachineRef> known = directory().machines();
        return store.machinesOf(nodeId).stream()
                .map(known::get)
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(MachineRef::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** The newest value of a node's metric (operators), if sampled. */
    @RolesAllowed(Roles.OPERATOR)
    public Optional<Double> nodeLatest(UUID nodeId, Metric metric) {
        requireNode(nodeId);
        return store.latestValue(nodeId, metric);
    }

    /** The {@code n} visible machines with the highest mean of {@code metric} over the last {@code seconds}. */
    public List<Ranked> top(Metric metric, int n, int seconds) {
        long after = clock.millis() - seconds * 1000L;
        return visibleMachines().stream()
                .map(m -> new Ranked(m, mean(store.seconds(m.id(), metric, after))))
                .filter(r -> r.value() > 0)
                .sorted(Comparator.comparingDouble(Ranked::value).reversed())
                .limit(Math.max(0, n))
                .toList();
    }

    /**
     * Answers an analytics question over the machines the caller may see. Bad questions (unknown metric, a
     * decomposition that does not fit the metric, operator-only decompositions or filters asked by a tenant, a
     * filter naming a machine the caller cannot see) are refused with field errors and read nothing.
     */
    public AnalyticsResult analytics(AnalyticsQuery q, long after) {
        Caller caller = callers.get();
        FieldProblems problems = new FieldProblems();
        Optional<Metric> metric = Metric.byKey(q.metric());
        Optional<Distribution> dist = Distribution.byKey(q.metric());
        Decomposition dec = q.decomposition() == null ? Decomposition.NONE : q.decomposition();
        Window window = q.window() == null ? Window.LIVE_1M : q.window();
        if (metric.isEmpty() && dist.isEmpty()) {
            problems.add(
                    "metric",
                    q.metric() == null || q.metric().isBlank() ? FieldProblems.MISSING : FieldProblems.INVALID,
                    "Pick a metric: " + metricKeys());
        }
        if (dist.isPresent() && dec != Decomposition.NONE) {
            problems.add(
                    "decomposition",
                    FieldProblems.CONFLICTING,
                    "Latency heatmaps are not decomposed: filter by machine"
                            + (caller.isOperator() ? ", node or tenant" : "") + " instead");
        }
        if (dec.operatorOnly() && !caller.isOperator()) {
            problems.add("decomposition", FieldProblems.INVALID, "Decomposition by " + dec.key() + " is for operators");
        }
        if (dec == Decomposition.SYSCALL && metric.isPresent() && metric.get() != Metric.SYSCALLS) {
            problems.add("decomposition", FieldProblems.CONFLICTING, "Only syscalls decompose by system call");
        }
        if (dec == Decomposition.DISK && metric.isPresent() && !DISK_METRICS.contains(metric.get())) {
            problems.add("decomposition", FieldProblems.CONFLICTING, "Only disk metrics decompose by disk");
        }
        if (dec == Decomposition.DISK && (q.machine() != null || q.tenant() != null)) {
            problems.add("decomposition", FieldProblems.CONFLICTING, "Disks are per node: filter by node");
        }
        if (!caller.isOperator() && q.node() != null) {
            problems.add("node", FieldProblems.INVALID, "Filtering by node is for operators");
        }
        if (!caller.isOperator() && q.tenant() != null) {
            problems.add("tenant", FieldProblems.INVALID, "Filtering by tenant is for operators");
        }
        Snapshot dir = directory();
        if (q.machine() != null) {
            MachineRef m = dir.machines().get(q.machine());
            if (m == null || !visible(caller, m)) {
                problems.add("machine", FieldProblems.INVALID, "No such machine");
            }
        }
        if (caller.isOperator() && q.node() != null && !dir.nodes().containsKey(q.node())) {
            problems.add("node", FieldProblems.INVALID, "No such node");
        }
        problems.throwIfAny();

        List<MachineRef> scoped = dir.machines().values().stream()
                .filter(m -> visible(caller, m))
                .filter(m -> q.machine() == null || m.id().equals(q.machine()))
                .filter(m -> q.node() == null || q.node().equals(m.nodeId()))
                .filter(m -> q.tenant() == null || q.tenant().equals(m.tenantId()))
                .toList();
        String key = metric.map(Metric::key).orElseGet(() -> dist.orElseThrow().key());
        List<MachineRef> machines = new ArrayList<>(scoped.size());
        java.util.Set<String> notMeasuring = new java.util.TreeSet<>();
        int leftOut = 0;
        for (MachineRef m : scoped) {
            NodeRef n = m.nodeId() == null ? null : dir.nodes().get(m.nodeId());
            if (n == null || n.measures(key)) {
                machines.add(m);
            } else {
                leftOut++;
                notMeasuring.add(
                        caller.isOperator() ? n.name() + " (" + n.driver() + " driver)" : n.driver() + " driver");
            }
        }
        String note = leftOut == 0
                ? null
                : leftOut + (leftOut == 1 ? " machine is" : " machines are") + " left out: " + key
                        + " is not measured on " + (caller.isOperator() ? "node " : "nodes of the ")
                        + String.join(", ", notMeasuring);
        if (dist.isPresent()) {
            Distribution d = dist.get();
            List<List<HeatColumn>> parts = new ArrayList<>();
            for (MachineRef m : machines) {
                parts.add(readHeat(m.id(), d, window, after));
            }
            return new AnalyticsResult(
                    d.key(), d.label(), "µs", dec, window.resolution(), List.of(), mergeHeat(parts), leftOut, note);
        }
        Metric m = metric.orElseThrow();
        List<AnalyticsResult.NamedSeries> series = switch (dec) {
            case NONE ->
                List.of(new AnalyticsResult.NamedSeries(m.key(), m.label(), combine(m, machines, window, after)));
            case MACHINE -> grouped(m, machines, MachineRef::id, MachineRef::name, window, after);
            case NODE -> grouped(m, machines, MachineRef::nodeId, MachineRef::nodeName, window, after);
            case TENANT -> grouped(m, machines, MachineRef::tenantId, MachineRef::tenantName, window, after);
            case SYSCALL -> bySyscall(machines, window, after);
            case DISK -> byDisk(m, q.node() == null ? dir.nodes().keySet() : List.of(q.node()), window, after);
        };
        return new AnalyticsResult(
                m.key(), m.label(), m.unit(), dec, window.resolution(), series, List.of(), leftOut, note);
    }

    /** Every metric and distribution key, for messages and pickers. */
    public static String metricKeys() {
        return Arrays.stream(Metric.values()).map(Metric::key).collect(Collectors.joining(", ")) + ", "
                + Arrays.stream(Distribution.values()).map(Distribution::key).collect(Collectors.joining(", "));
    }

    private <K> List<AnalyticsResult.NamedSeries> grouped(
            Metric m,
            List<MachineRef> machines,
            Function<MachineRef, K> key,
            Function<MachineRef, String> label,
            Window window,
            long after) {
        Map<K, List<MachineRef>> groups = new LinkedHashMap<>();
        Map<K, String> labels = new LinkedHashMap<>();
        for (MachineRef ref : machines) {
            K k = key.apply(ref);
            if (k != null) {
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(ref);
                labels.putIfAbsent(k, label.apply(ref));
            }
        }
        List<AnalyticsResult.NamedSeries> all = new ArrayList<>();
        groups.forEach((k, refs) ->
                all.add(new AnalyticsResult.NamedSeries(k.toString(), labels.get(k), combine(m, refs, window, after))));
        return topAndOther(all, m.additive());
    }

    private List<AnalyticsResult.NamedSeries> bySyscall(List<MachineRef> machines, Window window, long after) {
        List<AnalyticsResult.NamedSeries> all = new ArrayList<>();
        for (String name : MachineSample.SYSCALLS) {
            List<Series> parts = new ArrayList<>();
            for (MachineRef ref : machines) {
                parts.add(
                        window.live()
                                ? store.syscallSeconds(ref.id(), name, from(window, after))
                                : store.syscallMinutes(ref.id(), name, from(window, after) + 1));
            }
            Series sum = sum(parts, window.resolution());
            if (total(sum) > 0) { // a system call the machines never made is no series
                all.add(new AnalyticsResult.NamedSeries(name, name, sum));
            }
        }
        return topAndOther(all, true);
    }

    private List<AnalyticsResult.NamedSeries> byDisk(Metric m, Collection<UUID> nodes, Window window, long after) {
        Map<String, List<Series>> byName = new LinkedHashMap<>();
        for (UUID node : nodes) {
            for (String disk : store.disks(node)) {
                byName.computeIfAbsent(disk, k -> new ArrayList<>())
                        .add(read(SeriesStore.diskId(node, disk), m, window, after));
            }
        }
        List<AnalyticsResult.NamedSeries> all = new ArrayList<>();
        byName.forEach(
                (disk, parts) -> all.add(new AnalyticsResult.NamedSeries(disk, disk, sum(parts, window.resolution()))));
        return topAndOther(all, true);
    }

    private Series combine(Metric m, List<MachineRef> machines, Window window, long after) {
        List<Series> parts = new ArrayList<>(machines.size());
        for (MachineRef ref : machines) {
            parts.add(read(ref.id(), m, window, after));
        }
        return m.additive() ? sum(parts, window.resolution()) : mean(parts, window.resolution());
    }

    private static List<AnalyticsResult.NamedSeries> topAndOther(
            List<AnalyticsResult.NamedSeries> all, boolean additive) {
        List<AnalyticsResult.NamedSeries> sorted = all.stream()
                .filter(s -> s.series().size() > 0)
                .sorted(Comparator.comparingDouble((AnalyticsResult.NamedSeries s) -> total(s.series()))
                        .reversed()
                        .thenComparing(AnalyticsResult.NamedSeries::label))
                .toList();
        if (sorted.size() <= MAX_SERIES || !additive) {
            return sorted.size() <= MAX_SERIES ? sorted : sorted.subList(0, MAX_SERIES);
        }
        List<AnalyticsResult.NamedSeries> out = new ArrayList<>(sorted.subList(0, MAX_SERIES - 1));
        List<Series> rest = sorted.subList(MAX_SERIES - 1, sorted.size()).stream()
                .map(AnalyticsResult.NamedSeries::series)
                .toList();
        out.add(new AnalyticsResult.NamedSeries("other", "other (" + rest.size() + ")", sum(rest, resolutionOf(rest))));
        return out;
    }

    private static Resolution resolutionOf(List<Series> parts) {
        for (Series s : parts) {
            if (s.size() >= 2) {
                return s.t()[1] - s.t()[0] >= 60_000 ? Resolution.MINUTE : Resolution.SECOND;
            }
        }
        return Resolution.SECOND;
    }

    /** Sums series point by point on their common time grid (a missing point counts as nothing). */
    static Series sum(List<Series> parts, Resolution res) {
        return aggregate(parts, res, false);
    }

    /** Means series point by point over the series that have the point. */
    static Series mean(List<Series> parts, Resolution res) {
        return aggregate(parts, res, true);
    }

    private static Series aggregate(List<Series> parts, Resolution res, boolean mean) {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (Series s : parts) {
            if (s.size() > 0) {
                lo = Math.min(lo, s.t()[0]);
                hi = Math.max(hi, s.lastTime());
            }
        }
        if (lo == Long.MAX_VALUE) {
            return Series.EMPTY;
        }
        long step = res.millis();
        lo = Math.floorDiv(lo, step) * step; // samples of different nodes are stamped at different milliseconds
        int n = (int) ((hi - lo) / step) + 1;
        double[] acc = new double[n];
        int[] counts = new int[n];
        for (Series s : parts) {
            for (int i = 0; i < s.size(); i++) {
                int slot = (int) ((s.t()[i] - lo) / step);
                acc[slot] += s.v()[i];
                counts[slot]++;
            }
        }
        long[] t = new long[n];
        double[] v = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (counts[i] > 0) {
                t[k] = lo + i * step;
                v[k] = mean ? acc[i] / counts[i] : acc[i];
                k++;
            }
        }
        return new Series(Arrays.copyOf(t, k), Arrays.copyOf(v, k));
    }

    /** Merges heatmap columns by time: the histograms of the same second (or minute) add up. */
    static List<HeatColumn> mergeHeat(List<List<HeatColumn>> parts) {
        Map<Long, Histogram> byTime = new java.util.TreeMap<>();
        for (List<HeatColumn> part : parts) {
            for (HeatColumn c : part) {
                byTime.merge(c.t(), c.histogram(), Histogram::plus);
            }
        }
        List<HeatColumn> out = new ArrayList<>(byTime.size());
        byTime.forEach((t, h) -> out.add(new HeatColumn(t, h)));
        return out;
    }

    private static double total(Series s) {
        double sum = 0;
        for (double v : s.v()) {
            sum += v;
        }
        return sum;
    }

    private static double mean(Series s) {
        return s.size() == 0 ? 0 : total(s) / s.size();
    }

    private long from(Window window, long after) {
        return Math.max(after, clock.millis() - window.millis());
    }

    private Series read(UUID id, Metric m, Window window, long after) {
        long from = from(window, after);
        return window.live() ? store.seconds(id, m, from) : store.minutes(id, m, from + 1);
    }

    private List<HeatColumn> readHeat(UUID id, Distribution d, Window window, long after) {
        long from = from(window, after);
        return window.live() ? store.histSeconds(id, d, from) : store.histMinutes(id, d, from + 1);
    }

    private void requireNode(UUID nodeId) {
        if (nodeId == null
                || !callers.get().isOperator()
                || !directory().nodes().containsKey(nodeId)) {
            throw ZoneDeckException.notFound("node " + nodeId);
        }
    }

    private static boolean visible(Caller caller, MachineRef m) {
        return caller.isOperator() || (m.tenantId() != null && m.tenantId().equals(caller.tenantId()));
    }

    private Snapshot directory() {
        Snapshot s = snapshot;
        long now = clock.millis();
        if (s != null && now - s.loadedAt() < DIRECTORY_TTL_MILLIS) {
            return s;
        }
        Map<UUID, MachineRef> machines = new LinkedHashMap<>();
        Map<UUID, NodeRef> nodes = new LinkedHashMap<>();
        for (MetricsDirectory d : directories) {
            d.machines().forEach(m -> machines.put(m.id(), m));
            d.nodes().forEach(n -> nodes.put(n.id(), n));
        }
        s = new Snapshot(now, Map.copyOf(machines), Map.copyOf(nodes));
        snapshot = s;
        return s;
    }
}
