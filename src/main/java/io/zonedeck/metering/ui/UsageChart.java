package io.zonedeck.metering.ui;

import io.zonedeck.base.ui.component.EChart;
import io.zonedeck.metering.UsageRow;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stacked bars of one metric per UTC day: one series per tenant (operators) or per machine (tenants). The ten
 * largest get a series each, the rest are stacked as "others", so a big tenant still gets a readable chart.
 */
class UsageChart extends EChart {
    static final int MAX_SERIES = 10;
    static final String OTHERS = "others";
    private List<String> seriesNames = List.of();

    UsageChart() {
        setHeight("320px");
    }

    /** Days from {@code from} to {@code to}, both included. */
    void show(List<UsageRow> rows, UsageMetric metric, boolean byTenant, LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d);
        }
        Map<LocalDate, Integer> index = new HashMap<>();
        for (int i = 0; i < days.size(); i++) {
            index.put(days.get(i), i);
        }
        Map<String, double[]> perKey = new LinkedHashMap<>();
        for (UsageRow r : rows) {
            Integer i = index.get(LocalDate.ofInstant(r.periodStart(), ZoneOffset.UTC));
            if (i != null) {
                String key = byTenant ? r.tenantName() : r.machineName();
                perKey.computeIfAbsent(key, k -> new double[days.size()])[i] += metric.of(r);
            }
        }
        List<Map.Entry<String, double[]>> ranked = perKey.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -sum(e.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .toList();
        Map<String, double[]> shown = new LinkedHashMap<>();
        for (int k = 0; k < ranked.size(); k++) {
            if (k < MAX_SERIES || ranked.size() == MAX_SERIES + 1) {
                shown.put(ranked.get(k).getKey(), ranked.get(k).getValue());
            } else {
                double[] others = shown.computeIfAbsent(OTHERS, x -> new double[days.size()]);
                double[] v = ranked.get(k).getValue();
                for (int i = 0; i < v.length; i++) {
                    others[i] += v[i];
                }
            }
        }
        List<Map<String, Object>> series = new ArrayList<>();
        shown.forEach((name, values) -> {
            List<Double> data = new ArrayList<>();
            for (double v : values) {
                data.add(Math.round(v * 100) / 100.0);
            }
            series.add(Map.of(
                    "name",
                    name,
                    "type",
                    "bar",
                    "stack",
                    "usage",
                    "emphasis",
                    Map.of("focus", "series"),
                    "data",
                    data));
        });
        seriesNames = List.copyOf(shown.keySet());
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false);
        option.put("grid", Map.of("left", 56, "right", 16, "top", 40, "bottom", 28));
        option.put("tooltip", Map.of("trigger", "axis", "axisPointer", Map.of("type", "shadow")));
        option.put("legend", Map.of("type", "scroll", "top", 0));
        option.put(
                "xAxis",
                Map.of(
                        "type",
                        "category",
                        "data",
                        days.stream().map(d -> d.toString().substring(5)).toList()));
        option.put("yAxis", Map.of("type", "value", "name", metric.unit(), "min", 0));
        option.put("series", series);
        if (series.isEmpty()) {
            option.put(
                    "title",
                    Map.of(
                            "text", "No usage in this range",
                            "left", "center",
                            "top", "middle",
                            "textStyle", Map.of("fontSize", 14, "fontWeight", "normal")));
        }
        setOption(option);
        getElement().setAttribute("data-series", String.valueOf(series.size()));
    }

    /** The series shown last, largest first (for tests). */
    List<String> seriesNames() {
        return seriesNames;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
