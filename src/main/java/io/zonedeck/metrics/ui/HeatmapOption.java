package io.zonedeck.metrics.ui;

import io.zonedeck.agent.api.Histogram;
import io.zonedeck.metrics.HeatColumn;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns latency histograms into an ECharts heatmap option: one column per time bin (x, a category axis of times),
 * one row per llquantize bucket (y, categories labelled by the bucket's lower bound: "1µs" … "1s"), a cell
 * {@code [x, y, count, log10(count)]} for every non-empty bucket, coloured by the logarithm of its count. The rows shown are the whole decades
 * (1–9 µs, 10–90 µs, …) between the lowest and the highest non-empty bucket.
 */
public final class HeatmapOption {
    /** The option and what it shows: non-empty cells, columns and the bucket range (inclusive) drawn as rows. */
    public record Heat(Map<String, Object> option, int cells, int columns, int firstBucket, int lastBucket) {}

    static final String LOW = "#fde9b8";
    static final String MID = "#f08c2e";
    static final String HIGH = "#8f1d1d";

    private HeatmapOption() {}

    /** Columns summed into bins of {@code binMillis} (a bin starts at a multiple of it), oldest first. */
    public static TreeMap<Long, Histogram> bin(List<HeatColumn> columns, long binMillis) {
        TreeMap<Long, Histogram> bins = new TreeMap<>();
        for (HeatColumn c : columns) {
            if (c.histogram() != null) {
                bins.merge(Math.floorDiv(c.t(), binMillis) * binMillis, c.histogram(), Histogram::plus);
            }
        }
        return bins;
    }

    /**
     * The option for bins of {@code binMillis} (from the first to the last bin, empty bins included so time stays
     * even), with x labels formatted by {@code pattern} in {@code zone}.
     */
    public static Heat build(TreeMap<Long, Histogram> bins, long binMillis, String pattern, ZoneId zone) {
        int lo = Histogram.BUCKETS;
        int hi = -1;
        long max = 0;
        for (Histogram h : bins.values()) {
            for (int k = 0; k < h.size(); k++) {
                if (h.countAt(k) > 0) {
                    lo = Math.min(lo, h.bucketAt(k));
                    hi = Math.max(hi, h.bucketAt(k));
                    max = Math.max(max, h.countAt(k));
                }
            }
        }
        if (hi < 0) {
            lo = decadeStart(Histogram.bucket(10)); // an empty chart still shows a sensible range: 10–99 µs
            hi = decadeEnd(lo);
        } else {
            lo = decadeStart(lo);
            hi = decadeEnd(hi);
        }
        DateTimeFormatter fmt =
                DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(zone);
        List<String> times = new ArrayList<>();
        List<List<Number>> cells = new ArrayList<>();
        if (!bins.isEmpty()) {
            int x = 0;
            for (long t = bins.firstKey(); t <= bins.lastKey(); t += binMillis, x++) {
                times.add(fmt.format(Instant.ofEpochMilli(t)));
                Histogram h = bins.get(t);
                if (h == null) {
                    continue;
                }
                for (int k = 0; k < h.size(); k++) {
                    if (h.countAt(k) > 0) {
                        cells.add(List.of(x, h.bucketAt(k) - lo, h.countAt(k), shade(h.countAt(k))));
                    }
                }
            }
        }
        // every row is named (tooltips), but only decades are labelled on the axis: 1µs, 10µs, 100µs, ...
        List<Object> rows = new ArrayList<>();
        for (int i = lo; i <= hi; i++) {
            rows.add(
                    decadeStart(i) == i && !(i == 0 && hi > 0) // "<1µs" would sit on "1µs"
                            ? label(i)
                            : Map.of("value", label(i), "textStyle", Map.of("color", "transparent")));
        }
        Map<String, Object> o = new HashMap<>();
        o.put("animation", false);
        o.put("tooltip", Map.of("position", "top"));
        o.put("grid", Map.of("left", 64, "right", 20, "top", 44, "bottom", 28));
        Map<String, Object> x = new HashMap<>();
        x.put("type", "category");
        x.put("data", times);
        x.put("splitArea", Map.of("show", false));
        x.put("axisTick", Map.of("alignWithLabel", true));
        x.put("axisLabel", Map.of("hideOverlap", true));
        o.put("xAxis", x);
        Map<String, Object> y = new HashMap<>();
        y.put("type", "category");
        y.put("data", rows);
        y.put("name", "latency");
        y.put("splitArea", Map.of("show", false));
        y.put("axisLabel", Map.of("interval", 0, "fontSize", 11));
        o.put("yAxis", y);

        Map<String, Object> visualMap = new HashMap<>();
        visualMap.put("type", "continuous");
        visualMap.put("dimension", 3);
        visualMap.put("min", 0);
        visualMap.put("max", Math.max(0.01, shade(max)));
        visualMap.put("calculable", false);
        visualMap.put("orient", "horizontal");
        visualMap.put("right", 20);
        visualMap.put("top", 0);
        visualMap.put("itemHeight", 120);
        visualMap.put("text", List.of(max + "/s", "1/s"));
        visualMap.put("inRange", Map.of("color", List.of(LOW, MID, HIGH)));
        o.put("visualMap", visualMap);
        Map<String, Object> series = new HashMap<>();
        series.put("name", "operations per second");
        series.put("type", "heatmap");
        series.put("data", cells);
        series.put("emphasis", Map.of("itemStyle", Map.of("borderColor", "#333", "borderWidth", 1)));
        o.put("series", List.of(series));
        if (cells.isEmpty()) {
            o.put("title", EmptyState.title());
        }
        return new Heat(o, cells.size(), times.size(), lo, hi);
    }

    /** The colour value of a count: its logarithm, so a bucket of 10 and one of 10 000 both show. */
    static double shade(long count) {
        return Math.round(Math.log10(count) * 1000) / 1000.0;
    }

    /** A bucket's lower bound as a label: "<1µs", "20µs", "1ms", "1s", "≥10s". */
    public static String label(int bucket) {
        if (bucket == 0) {
            return "<1µs";
        }
        if (bucket == Histogram.BUCKETS - 1) {
            return "≥" + format(Histogram.lower(bucket));
        }
        return format(Histogram.lower(bucket));
    }

    private static String format(long us) {
        if (us < 1000) {
            return us + "µs";
        }
        if (us < 1_000_000) {
            return us / 1000 + "ms";
        }
        return us / 1_000_000 + "s";
    }

    private static int decadeStart(int bucket) {
        if (bucket == 0 || bucket == Histogram.BUCKETS - 1) {
            return bucket;
        }
        return 1 + (bucket - 1) / 9 * 9;
    }

    private static int decadeEnd(int bucket) {
        if (bucket == 0 || bucket == Histogram.BUCKETS - 1) {
            return bucket;
        }
        return decadeStart(bucket) + 8;
    }
}
