package io.zonedeck.metrics.ui;

import io.zonedeck.base.ui.component.EChart;
import io.zonedeck.metrics.AnalyticsResult;
import io.zonedeck.metrics.Metric;
import io.zonedeck.metrics.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analytics answer drawn: a stacked area line chart (one series per decomposition key; stacked when the metric
 * adds up) that live updates append to, or a latency heatmap. Exposes what it drew for tests: {@code
 * data-series-names} (JSON array), {@code data-nonempty-cells} and {@code data-mode} ("lines" or "heatmap").
 */
class AnalyticsChart extends EChart {
    private List<String> keys = List.of();
    private List<String> names = List.of();
    private double scale = 1;
    private String unit = "";
    private boolean heatmap;
    private int cells;

    AnalyticsChart() {
        setHeight("420px");
    }

    /** Draws {@code r}'s series, replacing whatever was shown. */
    void showLines(AnalyticsResult r, boolean stacked) {
        heatmap = false;
        cells = 0;
        keys = r.series().stream().map(AnalyticsResult.NamedSeries::key).toList();
        names = r.series().stream().map(AnalyticsResult.NamedSeries::label).toList();
        double max = 0;
        for (AnalyticsResult.NamedSeries s : r.series()) {
            for (double v : s.series().v()) {
                max = Math.max(max, v);
            }
        }
        Scaled u = Scaled.of(r.unit(), stacked ? total(r) : max);
        scale = u.divisor();
        unit = u.unit();
        List<Map<String, Object>> series = new ArrayList<>();
        for (AnalyticsResult.NamedSeries s : r.series()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", s.key());
            one.put("name", s.label());
            one.put("type", "line");
            one.put("showSymbol", false);
            one.put("sampling", "lttb");
            if (stacked) {
                one.put("stack", "total");
                one.put("areaStyle", Map.of("opacity", 0.55));
                one.put("lineStyle", Map.of("width", 1));
            }
            one.put("emphasis", Map.of("focus", "series"));
            one.put("data", points(s.series()));
            series.add(one);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("animation", false);
        o.put(
                "title",
                Map.of(
                        "text",
                        r.label() + " (" + unit + ")",
                        "left",
                        8,
                        "top",
                        0,
                        "textStyle",
                        Map.of("fontSize", 13)));
        o.put("legend", Map.of("type", "scroll", "top", 24, "left", 8, "right", 8, "data", names));
        o.put("tooltip", Map.of("trigger", "axis"));
        o.put("grid", Map.of("left", 64, "right", 24, "top", 64, "bottom", 32));
        o.put("xAxis", Map.of("type", "time"));
        o.put("yAxis", Map.of("type", "value", "min", 0));
        o.put("series", series);
        setOption(o);
        getElement().setAttribute("data-mode", "lines");
        getElement().setAttribute("data-nonempty-cells", "0");
        getElement().setAttribute("data-series-names", json(names));
    }

    /**
     * Appends the new points of a live answer; false (nothing sent) when its series are not the ones drawn, so that
     * the caller redraws.
     */
    boolean appendLines(AnalyticsResult r, long windowMillis) {
        if (heatmap) {
            return false;
        }
        Map<String, Series> byKey = new LinkedHashMap<>();
        for (AnalyticsResult.NamedSeries s : r.series()) {
            byKey.put(s.key(), s.series());
        }
        if (!keys.containsAll(byKey.keySet())) {
            return false;
        }
        List<List<double[]>> points = new ArrayList<>(keys.size());
        for (String k : keys) {
            points.add(points(byKey.getOrDefault(k, Series.EMPTY)));
        }
        if (points.stream().allMatch(List::isEmpty)) {
            return true;
        }
        append(points, windowMillis);
        return true;
    }

    /** Draws a latency heatmap. */
    void showHeat(LatencyHeat heat, String title, String timePattern) {
        heatmap = true;
        keys = List.of();
        names = List.of(title);
        cells = heat.cells().size();
        setOption(heat.option(title, timePattern, "ops/bin"));
        getElement().setAttribute("data-mode", "heatmap");
        getElement().setAttribute("data-nonempty-cells", String.valueOf(cells));
        getElement().setAttribute("data-series-names", json(names));
    }

    /** Series names drawn (legend order), or the heatmap's title. */
    List<String> seriesNames() {
        return names;
    }

    boolean showsHeatmap() {
        return heatmap;
    }

    /** Non-empty heatmap cells drawn. */
    int heatCells() {
        return cells;
    }

    /** The unit the y axis shows (scaled, e.g. "MiB/s"). */
    String unit() {
        return unit;
    }

    private List<double[]> points(Series s) {
        List<double[]> out = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) {
            out.add(new double[] {s.t()[i], Math.round(s.v()[i] / scale * 100) / 100.0});
        }
        return out;
    }

    private static double total(AnalyticsResult r) {
        Map<Long, Double> byTime = new LinkedHashMap<>();
        for (AnalyticsResult.NamedSeries s : r.series()) {
            for (int i = 0; i < s.series().size(); i++) {
                byTime.merge(s.series().t()[i], s.series().v()[i], Double::sum);
            }
        }
        return byTime.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static String json(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"');
            for (char c : values.get(i).toCharArray()) {
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            b.append('"');
        }
        return b.append(']').toString();
    }

    /** A unit scaled to the size of the values: bytes to KiB/MiB/GiB, µs to ms and s. */
    record Scaled(String unit, double divisor) {
        static Scaled of(String unit, double max) {
            if ("B/s".equals(unit) || "B".equals(unit)) {
                String suffix = unit.substring(1);
                if (max >= 1L << 30) {
                    return new Scaled("GiB" + suffix, 1L << 30);
                }
                if (max >= 1L << 20) {
                    return new Scaled("MiB" + suffix, 1L << 20);
                }
                if (max >= 1L << 10) {
                    return new Scaled("KiB" + suffix, 1L << 10);
                }
            }
            if ("µs".equals(unit) && max >= 10_000) {
                return max >= 10_000_000 ? new Scaled("s", 1_000_000) : new Scaled("ms", 1_000);
            }
            if ("MiB".equals(unit) && max >= 10L * 1024) {
                return new Scaled("GiB", 1024);
            }
            return new Scaled(unit, 1);
        }
    }

    /** Whether a metric's series stack (values that add up across machines). */
    static boolean stacks(String metricKey) {
        return Metric.byKey(metricKey).map(Metric::additive).orElse(false);
    }
}
