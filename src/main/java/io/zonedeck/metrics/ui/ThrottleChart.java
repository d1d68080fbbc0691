package io.zonedeck.metrics.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AttachEvent;
import io.zonedeck.base.ui.component.EChart;
import io.zonedeck.metrics.Metric;
import io.zonedeck.metrics.SeriesStore;
import io.zonedeck.metrics.SeriesStore.ThrottlePoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

/**
 * One live chart that explains a machine's CPU throttles: what it used (line) against what it wanted (dashed), its
 * cap and baseline (step lines, absent when none), its node's contention (the node's demand in % of the node,
 * shaded on the right axis; above the 100 % line the node is full and cpu_shares decide) and, below, its burst
 * credit in seconds. Each {@link #pushNewPoints()} sends only the seconds the browser has not seen.
 *
 * <p>For tests the element carries the newest values: {@code data-cpu}, {@code data-cap}, {@code data-baseline},
 * {@code data-credit} and {@code data-node-demand}.
 */
public class ThrottleChart extends EChart {
    /** Series order, as {@link #pushNewPoints()} sends them. */
    public static final List<String> SERIES =
            List.of("CPU used", "demand", "cpu_cap", "cpu_baseline", "node demand", "burst credit");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USED = "#1676f3";
    private static final String DEMAND = "#7b8794";
    private static final String CAP = "#d64545";
    private static final String BASELINE = "#2e9d5b";
    private static final String NODE = "#f0a030";
    private static final String CREDIT = "#8e5bd6";

    private final SeriesStore series;
    private final UUID machine;
    private final long windowMillis;
    private long lastSent;

    public ThrottleChart(SeriesStore series, UUID machine, long windowMillis) {
        this.series = series;
        this.machine = machine;
        this.windowMillis = windowMillis;
        setHeight("420px");
    }

    /**
     * On every attach (a tab shown again gets a new element in the browser) the chart starts over: the whole option,
     * then the window's seconds.
     */
    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        setOption(option());
        List<ThrottlePoint> all = series.throttlesSince(machine, 0);
        lastSent = all.isEmpty() ? 0 : all.get(all.size() - 1).timestamp() - windowMillis;
        pushNewPoints();
    }

    /** Appends the seconds that arrived since the last push; returns how many. */
    public int pushNewPoints() {
        List<ThrottlePoint> points = series.throttlesSince(machine, lastSent);
        if (points.isEmpty()) {
            return 0;
        }
        List<List<Object[]>> data = List.of(
                column(points, ThrottlePoint::cpu, false),
                column(points, ThrottlePoint::demand, false),
                column(points, ThrottlePoint::cap, true),
                column(points, ThrottlePoint::baseline, true),
                column(points, ThrottlePoint::nodeDemand, false),
                credit(points));
        getElement().callJsFunction("append", json(Map.of("window", (double) windowMillis, "points", data)));
        ThrottlePoint last = points.get(points.size() - 1);
        lastSent = last.timestamp();
        getElement().setAttribute("data-cpu", String.valueOf(round(last.cpu())));
        getElement().setAttribute("data-cap", String.valueOf(round(last.cap())));
        getElement().setAttribute("data-baseline", String.valueOf(round(last.baseline())));
        getElement().setAttribute("data-credit", String.valueOf(round(last.burstCredit())));
        getElement().setAttribute("data-node-demand", String.valueOf(round(last.nodeDemand())));
        return points.size();
    }

    /**
     * The burst credit, only while the machine has a baseline (without one it does not burst) and its time above
     * the baseline is limited.
     */
    private static List<Object[]> credit(List<ThrottlePoint> points) {
        List<Object[]> out = new ArrayList<>(points.size());
        for (ThrottlePoint p : points) {
            boolean counted = p.baseline() > 0 && p.burstCredit() != Metric.UNLIMITED_BURST;
            out.add(new Object[] {(double) p.timestamp(), counted ? round(p.burstCredit()) : null});
        }
        return out;
    }

    /** {@code [t, value]} per point; a cap or baseline of 0 means none: a gap, not a line at zero. */
    private static List<Object[]> column(
            List<ThrottlePoint> points, ToDoubleFunction<ThrottlePoint> f, boolean zeroIsNone) {
        List<Object[]> out = new ArrayList<>(points.size());
        for (ThrottlePoint p : points) {
            double v = f.applyAsDouble(p);
            out.add(new Object[] {(double) p.timestamp(), zeroIsNone && v <= 0 ? null : round(v)});
        }
        return out;
    }

    private static Map<String, Object> option() {
        Map<String, Object> o = new HashMap<>();
        o.put("animation", false);
        o.put("color", List.of(USED, DEMAND, CAP, BASELINE, NODE, CREDIT));
        o.put("legend", Map.of("data", SERIES, "top", 0));
        o.put("tooltip", Map.of("trigger", "axis"));
        o.put("axisPointer", Map.of("link", List.of(Map.of("xAxisIndex", "all"))));
        o.put(
                "grid",
                List.of(
                        Map.of("left", 56, "right", 64, "top", 40, "height", "58%"),
                        Map.of("left", 56, "right", 64, "top", "78%", "bottom", 24)));
        o.put(
                "xAxis",
                List.of(
                        Map.of("type", "time", "gridIndex", 0, "axisLabel", Map.of("show", false)),
                        Map.of("type", "time", "gridIndex", 1)));
        o.put(
                "yAxis",
                List.of(
                        Map.of("type", "value", "gridIndex", 0, "name", "% of one CPU", "min", 0),
                        Map.of(
                                "type",
                                "value",
                                "gridIndex",
                                0,
                                "name",
                                "node demand %",
                                "min",
                                0,
                                "max",
                                200,
                                "position",
                                "right",
                                "splitLine",
                                Map.of("show", false)),
                        Map.of("type", "value", "gridIndex", 1, "name", "credit s", "min", 0, "splitNumber", 2)));
        o.put(
                "series",
                List.of(
                        top(line("CPU used", USED, 0, 0, Map.of("width", 2), Map.of("opacity", 0.12), null)),
                        line("demand", DEMAND, 0, 0, Map.of("type", "dashed", "width", 1.5), null, null),
                        line("cpu_cap", CAP, 0, 0, Map.of("width", 4, "opacity", 0.55), null, "end"),
                        line("cpu_baseline", BASELINE, 0, 0, Map.of("width", 2), null, "end"),
                        nodeDemand(),
                        line("burst credit", CREDIT, 1, 2, Map.of("width", 1.5), Map.of("opacity", 0.25), null)));
        return o;
    }

    /** Drawn over the cap and baseline lines, so a machine held at its cap shows as blue on red. */
    private static Map<String, Object> top(Map<String, Object> series) {
        series.put("z", 5);
        return series;
    }

    private static Map<String, Object> nodeDemand() {
        Map<String, Object> s = line("node demand", NODE, 0, 1, Map.of("width", 1), Map.of("opacity", 0.25), null);
        s.put("z", 1);
        s.put(
                "markLine",
                Map.of(
                        "silent",
                        true,
                        "symbol",
                        "none",
                        "lineStyle",
                        Map.of("color", NODE, "type", "dashed"),
                        "label",
                        Map.of("formatter", "node full", "position", "insideEndTop"),
                        "data",
                        List.of(Map.of("yAxis", 100))));
        return s;
    }

    private static Map<String, Object> line(
            String name,
            String color,
            int axis,
            int yAxis,
            Map<String, Object> lineStyle,
            Map<String, Object> area,
            String step) {
        Map<String, Object> s = new HashMap<>();
        s.put("name", name);
        s.put("type", "line");
        s.put("showSymbol", false);
        s.put("xAxisIndex", axis);
        s.put("yAxisIndex", yAxis);
        s.put("itemStyle", Map.of("color", color));
        s.put("lineStyle", lineStyle);
        s.put("data", List.of());
        if (area != null) {
            s.put("areaStyle", area);
        }
        if (step != null) {
            s.put("step", step);
        }
        return s;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("chart data is not serializable", e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
