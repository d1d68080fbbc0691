package io.zonedeck.metrics.ui;

import io.zonedeck.metrics.Metric;
import io.zonedeck.metrics.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One second (or minute) of a machine's metrics, joined by time from several series; NaN where one has no point. */
public record Row(long t, double[] values) {
    private static final int METRICS = Metric.values().length;

    public double get(Metric m) {
        return values[m.ordinal()];
    }

    /** The series joined by timestamp, oldest first. */
    public static List<Row> join(Map<Metric, Series> series) {
        TreeMap<Long, double[]> byTime = new TreeMap<>();
        series.forEach((metric, s) -> {
            for (int i = 0; i < s.size(); i++) {
                byTime.computeIfAbsent(s.t()[i], t -> nan())[metric.ordinal()] = s.v()[i];
            }
        });
        List<Row> rows = new ArrayList<>(byTime.size());
        byTime.forEach((t, v) -> rows.add(new Row(t, v)));
        return rows;
    }

    /**
     * At most {@code max} rows: consecutive rows averaged in groups (a group's time is its first row's), so a week of
     * minutes stays drawable.
     */
    public static List<Row> downsample(List<Row> rows, int max) {
        if (rows.size() <= max) {
            return rows;
        }
        int group = (rows.size() + max - 1) / max;
        List<Row> out = new ArrayList<>(rows.size() / group + 1);
        for (int start = 0; start < rows.size(); start += group) {
            int end = Math.min(rows.size(), start + group);
            double[] sum = new double[METRICS];
            int[] n = new int[METRICS];
            for (int i = start; i < end; i++) {
                double[] v = rows.get(i).values();
                for (int m = 0; m < METRICS; m++) {
                    if (!Double.isNaN(v[m])) {
                        sum[m] += v[m];
                        n[m]++;
                    }
                }
            }
            double[] mean = nan();
            for (int m = 0; m < METRICS; m++) {
                if (n[m] > 0) {
                    mean[m] = sum[m] / n[m];
                }
            }
            out.add(new Row(rows.get(start).t(), mean));
        }
        return out;
    }

    private static double[] nan() {
        double[] v = new double[METRICS];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && r.t == t && Arrays.equals(r.values, values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(t) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Row[" + t + "]";
    }
}
