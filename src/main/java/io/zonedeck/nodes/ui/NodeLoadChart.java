package io.zonedeck.nodes.ui;

import io.zonedeck.base.ui.component.EChart;
import io.zonedeck.metrics.SeriesStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A node's live CPU utilization and memory in use, both in % of the node, over a sliding window. Each
 * {@link #pushNewPoints()} sends only the points the browser has not seen yet. The whole chart lives here so it can
 * be swapped when the series store changes.
 */
class NodeLoadChart extends EChart {
    private final SeriesStore series;
    private final UUID node;
    private final long ramMiB;
    private final long windowMillis;
    private long lastSent;

    NodeLoadChart(SeriesStore series, UUID node, long ramMiB, long windowMillis) {
        this.series = series;
        this.node = node;
        this.ramMiB = ramMiB;
        this.windowMillis = windowMillis;
        setOption(Map.of(
                "animation", false,
                "grid", Map.of("left", 48, "right", 16, "top", 32, "bottom", 28),
                "legend", Map.of("data", List.of("CPU", "Memory"), "top", 0),
                "tooltip", Map.of("trigger", "axis"),
                "xAxis", Map.of("type", "time"),
                "yAxis", Map.of("type", "value", "name", "% of node", "min", 0, "max", 100),
                "series", List.of(line("CPU", Map.of("opacity", 0.15)), line("Memory", Map.of("opacity", 0.05)))));
        lastSent = System.currentTimeMillis() - windowMillis;
        pushNewPoints();
    }

    private static Map<String, Object> line(String name, Map<String, Object> area) {
        return Map.of("name", name, "type", "line", "showSymbol", false, "areaStyle", area, "data", List.of());
    }

    /** Appends the points that arrived since the last push; returns how many. */
    int pushNewPoints() {
        List<SeriesStore.Point> points = series.since(node, lastSent);
        if (points.isEmpty()) {
            return 0;
        }
        List<double[]> cpu = points.stream()
                .map(p -> new double[] {p.timestamp(), round(p.cpu())})
                .toList();
        List<double[]> mem = points.stream()
                .map(p -> new double[] {p.timestamp(), ramMiB == 0 ? 0 : round(100.0 * p.memMiB() / ramMiB)})
                .toList();
        append(List.of(cpu, mem), windowMillis);
        lastSent = points.get(points.size() - 1).timestamp();
        return points.size();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
