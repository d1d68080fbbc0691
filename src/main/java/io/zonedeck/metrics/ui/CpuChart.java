package io.zonedeck.metrics.ui;

import io.zonedeck.base.ui.component.EChart;
import io.zonedeck.metrics.SeriesStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A live per-second CPU chart of one machine: used CPU and its cap, in % of one CPU, over a sliding window.
 * Each {@link #pushNewPoints()} sends only the points the browser has not seen yet.
 */
public class CpuChart extends EChart {
    private final SeriesStore series;
    private final UUID machine;
    private final long windowMillis;
    private long lastSent;

    public CpuChart(SeriesStore series, UUID machine, long windowMillis) {
        this.series = series;
        this.machine = machine;
        this.windowMillis = windowMillis;
        setOption(Map.of(
                "animation", false,
                "grid", Map.of("left", 48, "right", 16, "top", 32, "bottom", 28),
                "legend", Map.of("data", List.of("CPU used", "cpu_cap"), "top", 0),
                "tooltip", Map.of("trigger", "axis"),
                "xAxis", Map.of("type", "time"),
                "yAxis", Map.of("type", "value", "name", "%", "min", 0),
                "series",
                        List.of(
                                Map.of(
                                        "name",
                                        "CPU used",
                                        "type",
                                        "line",
                                        "showSymbol",
                                        false,
                                        "areaStyle",
                                        Map.of("opacity", 0.15),
                                        "data",
                                        List.of()),
                                Map.of(
                                        "name",
                                        "cpu_cap",
                                        "type",
                                        "line",
                                        "showSymbol",
                                        false,
                                        "step",
                                        "end",
                                        "lineStyle",
                                        Map.of("type", "dashed"),
                                        "data",
                                        List.of()))));
        long now = series.latest(machine).map(SeriesStore.Point::timestamp).orElse(0L);
        lastSent = now - windowMillis;
        pushNewPoints();
    }

    /** Appends the points that arrived since the last push; returns how many. */
    public int pushNewPoints() {
        List<SeriesStore.Point> points = series.since(machine, lastSent);
        if (points.isEmpty()) {
            return 0;
        }
        List<double[]> used = points.stream()
                .map(p -> new double[] {p.timestamp(), round(p.cpu())})
                .toList();
        List<double[]> cap =
                points.stream().map(p -> new double[] {p.timestamp(), p.cap()}).toList();
        append(List.of(used, cap), windowMillis);
        lastSent = points.get(points.size() - 1).timestamp();
        return points.size();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
