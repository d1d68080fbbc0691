package io.zonedeck.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zonedeck.base.FieldProblems;
import io.zonedeck.base.Printable;
import io.zonedeck.metrics.AnalyticsQuery;
import io.zonedeck.metrics.AnalyticsResult;
import io.zonedeck.metrics.Coverage;
import io.zonedeck.metrics.Decomposition;
import io.zonedeck.metrics.Distribution;
import io.zonedeck.metrics.HeatColumn;
import io.zonedeck.metrics.Metric;
import io.zonedeck.metrics.MetricsService;
import io.zonedeck.metrics.Series;
import io.zonedeck.metrics.Window;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Per-second and per-minute metrics of machines, and analytics; scoped by the caller in {@link MetricsService}. */
@RestController
@Tag(name = "metrics", description = "Live and historical metrics, latency distributions, analytics")
class MetricsController {
    private final MetricsService metrics;

    MetricsController(MetricsService metrics) {
        this.metrics = metrics;
    }

    @GetMapping("/api/v1/machines/{id}/metrics")
    @Operation(
            summary = "A machine's metrics: points [epoch millis, value], per second up to 1 h, per minute beyond",
            description = "names: comma-separated metric or distribution keys (default cpu,memory). window: 60s,"
                    + " 10m, 1h, 24h, 7d or seconds (default 60s). after: epoch millis, only newer points. A metric"
                    + " the machine's node does not measure is \"available\": false with no points and a reason.")
    Map<String, Object> machineMetrics(
            @PathVariable String id,
            @RequestParam(required = false) String names,
            @RequestParam(required = false) String window,
            @RequestParam(required = false) String after) {
        UUID machine = Ids.parse(id, "machine");
        FieldProblems problems = new FieldProblems();
        Window w = window(window, problems);
        long afterMillis = after(after, problems);
        List<Metric> wanted = new ArrayList<>();
        List<Distribution> dists = new ArrayList<>();
        Set<String> keys =
                new LinkedHashSet<>(List.of((names == null || names.isBlank() ? "cpu,memory" : names).split(",")));
        for (String key : keys) {
            Optional<Metric> m = Metric.byKey(key);
            Optional<Distribution> d = Distribution.byKey(key);
            if (m.isPresent()) {
                wanted.add(m.get());
            } else if (d.isPresent()) {
                dists.add(d.get());
            } else {
                problems.add(
                        "names",
                        FieldProblems.INVALID,
                        "Unknown metric '" + Printable.of(key.trim(), 40) + "'; use " + MetricsService.metricKeys());
                break;
            }
        }
        problems.throwIfAny();
        Coverage coverage = metrics.coverage(machine);
        Map<Metric, Series> series = metrics.machineSeries(machine, wanted, w, afterMillis);
        Map<String, Object> byName = new LinkedHashMap<>();
        series.forEach((m, s) -> byName.put(
                m.key(),
                coverage.measures(m)
                        ? Map.of("unit", m.unit(), "available", true, "points", points(s))
                        : unavailable(m.unit(), "points", coverage)));
        Map<String, Object> heat = new LinkedHashMap<>();
        for (Distribution d : dists) {
            heat.put(
                    d.key(),
                    coverage.measures(d)
                            ? Map.of(
                                    "unit",
                                    "µs",
                                    "available",
                                    true,
                                    "columns",
                                    columns(metrics.machineHeat(machine, d, w, afterMillis)))
                            : unavailable("µs", "columns", coverage));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("machine", machine);
        out.put("window", w.label());
        out.put("resolution", w.live() ? "1s" : "1m");
        out.put("metrics", byName);
        out.put("distributions", heat);
        return out;
    }

    @GetMapping("/api/v1/analytics")
    @Operation(
            summary = "Cloud-Analytics-style: a metric split by a decomposition, or a latency distribution as heatmap",
            description =
                    "metric: a metric key (stacked series) or a distribution key (heatmap columns of"
                            + " [lower_us, count] buckets). decomposition: none, machine, syscall; operators also node, tenant,"
                            + " disk. Filters: machine, and for operators node and tenant (ids). window as for machine metrics.")
    Map<String, Object> analytics(
            @RequestParam(required = false) String metric,
            @RequestParam(required = false) String decomposition,
            @RequestParam(required = false) String machine,
            @RequestParam(required = false) String node,
            @RequestParam(required = false) String tenant,
            @RequestParam(required = false) String window,
            @RequestParam(required = false) String after) {
        FieldProblems problems = new FieldProblems();
        Window w = window(window, problems);
        long afterMillis = after(after, problems);
        Decomposition dec = Decomposition.byKey(decomposition).orElse(null);
        if (dec == null) {
            problems.add("decomposition", FieldProblems.INVALID, "Use none, machine, syscall, node, tenant or disk");
        }
        UUID machineId = uuid("machine", machine, problems);
        UUID nodeId = uuid("node", node, problems);
        UUID tenantId = uuid("tenant", tenant, problems);
        problems.throwIfAny();
        AnalyticsResult r =
                metrics.analytics(new AnalyticsQuery(metric, dec, machineId, nodeId, tenantId, w), afterMillis);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", r.metric());
        out.put("label", r.label());
        out.put("unit", r.unit());
        out.put("decomposition", r.decomposition().key());
        out.put("window", w.label());
        out.put("resolution", w.live() ? "1s" : "1m");
        out.put("leftOut", r.leftOut());
        if (r.leftOutNote() != null) {
            out.put("leftOutNote", r.leftOutNote());
        }
        if (r.distribution()) {
            out.put("heatmap", columns(r.heatmap()));
        } else {
            out.put(
                    "series",
                    r.series().stream()
                            .map(s -> Map.of("key", s.key(), "label", s.label(), "points", points(s.series())))
                            .toList());
        }
        return out;
    }

    /** A metric the machine's node does not measure: no points (its zeros mean nothing), and why. */
    private static Map<String, Object> unavailable(String unit, String empty, Coverage coverage) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("unit", unit);
        out.put("available", false);
        out.put("reason", coverage.notMeasured());
        out.put(empty, List.of());
        return out;
    }

    private static Window window(String text, FieldProblems problems) {
        if (text == null || text.isBlank()) {
            return Window.LIVE_1M;
        }
        Optional<Window> w = Window.parse(text);
        if (w.isEmpty()) {
            problems.add("window", FieldProblems.INVALID, "Use 60s, 10m, 1h, 24h, 7d or seconds up to 7 days");
            return Window.LIVE_1M;
        }
        return w.get();
    }

    private static long after(String text, FieldProblems problems) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            long v = Long.parseLong(text.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("after", FieldProblems.INVALID, "Use epoch milliseconds");
        return 0;
    }

    private static UUID uuid(String field, String text, FieldProblems problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            problems.add(field, FieldProblems.INVALID, "Not an id");
            return null;
        }
    }

    private static List<double[]> points(Series s) {
        List<double[]> out = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) {
            out.add(new double[] {s.t()[i], Math.round(s.v()[i] * 100) / 100.0});
        }
        return out;
    }

    private static List<Map<String, Object>> columns(List<HeatColumn> columns) {
        return columns.stream()
                .map(c -> Map.<String, Object>of(
                        "t", c.t(), "buckets", c.histogram().pairs()))
                .toList();
    }
}
