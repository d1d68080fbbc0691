package io.zonedeck.metrics.ui;

import io.zonedeck.agent.api.Histogram;
import io.zonedeck.metrics.HeatColumn;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Latency heatmap cells from histogram columns: time on x (columns merged into at most {@code maxColumns} bins of
 * whole seconds or minutes), the llquantize buckets on y from 1 µs up (values below 1 µs are counted in the 1 µs
 * row), trimmed to the decades that hold data so that a row is a bucket and every ninth row starts a power of ten.
 *
 * @param times the start of each x bin, epoch millis
 * @param firstBucket the histogram bucket of row 0 (always the start of a decade: 1, 10, 19, ...)
 * @param rows y rows shown
 * @param cells non-empty cells as {@code [x, y, count]}
 * @param maxCount the largest cell count
 */
record LatencyHeat(long[] times, int firstBucket, int rows, List<long[]> cells, long maxCount) {
    /** Buckets per decade (1..9 × 10^m). */
    static final int DECADE = 9;

    static final LatencyHeat EMPTY = new LatencyHeat(new long[0], 1, DECADE * 3, List.of(), 0);

    /** Bins {@code columns} (oldest first) into at most {@code maxColumns} x bins of {@code binMillis} each. */
    static LatencyHeat of(List<HeatColumn> columns, long fromMillis, long toMillis, long binMillis) {
        if (binMillis <= 0) {
            throw new IllegalArgumentException("bin width must be positive");
        }
        long start = Math.floorDiv(fromMillis, binMillis) * binMillis;
        int bins = (int) Math.max(1, Math.floorDiv(toMillis - start, binMillis) + 1);
        long[][] dense = new long[bins][];
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (HeatColumn c : columns) {
            int x = (int) Math.floorDiv(c.t() - start, binMillis);
            if (x < 0 || x >= bins) {
                continue;
            }
            Histogram h = c.histogram();
            if (dense[x] == null) {
                dense[x] = new long[Histogram.BUCKETS];
            }
            for (int k = 0; k < h.size(); k++) { // the non-empty buckets only
                long n = h.countAt(k);
                if (n > 0) {
                    int bucket = Math.max(1, h.bucketAt(k)); // < 1 µs is shown in the 1 µs row
                    dense[x][bucket] += n;
                    lo = Math.min(lo, bucket);
                    hi = Math.max(hi, bucket);
                }
            }
        }
        long[] times = new long[bins];
        for (int i = 0; i < bins; i++) {
            times[i] = start + i * binMillis;
        }
        if (lo == Integer.MAX_VALUE) {
            return new LatencyHeat(times, EMPTY.firstBucket, EMPTY.rows, List.of(), 0);
        }
        int first = decadeStart(lo);
        int last = Math.min(Histogram.BUCKETS - 1, decadeStart(hi) + DECADE); // include the next decade's start
        int rows = last - first + 1;
        List<long[]> cells = new ArrayList<>();
        long max = 0;
        for (int x = 0; x < bins; x++) {
            if (dense[x] == null) {
                continue;
            }
            for (int b = first; b <= last; b++) {
                long n = dense[x][b];
                if (n > 0) {
                    cells.add(new long[] {x, b - first, n});
                    max = Math.max(max, n);
                }
            }
        }
        return new LatencyHeat(times, first, rows, cells, max);
    }

    /** The bucket that starts the decade holding {@code bucket} (buckets 1, 10, 19, ... are 1 µs, 10 µs, ...). */
    static int decadeStart(int bucket) {
        if (bucket >= Histogram.BUCKETS - 1) {
            return Histogram.BUCKETS - 1;
        }
        return 1 + ((Math.max(1, bucket) - 1) / DECADE) * DECADE;
    }

    /** Row labels, lowest first: "1µs", "2µs", ... "1ms", ... "10s". */
    List<String> rowLabels() {
        List<String> labels = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            labels.add(label(Histogram.lower(firstBucket + r)));
        }
        return labels;
    }

    /** A latency in µs as a short label: 1µs, 20µs, 500µs, 1ms, 20ms, 1s, 10s. */
    static String label(long micros) {
        DecimalFormat f = new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ROOT));
        if (micros < 1_000) {
            return micros + "µs";
        }
        if (micros < 1_000_000) {
            return f.format(micros / 1_000.0) + "ms";
        }
        return f.format(micros / 1_000_000.0) + "s";
    }

    long totalCount() {
        return cells.stream().mapToLong(c -> c[2]).sum();
    }

    /**
     * The ECharts option: category axes (times as labels, bucket rows labelled at each power of ten), a heatmap
     * series and a continuous colour scale to the right of the grid, capped at the 95th percentile of the cell counts
     * so that a few hot cells do not wash out the rest.
     */
    Map<String, Object> option(String title, String timePattern, String countUnit) {
        java.time.format.DateTimeFormatter fmt =
                java.time.format.DateTimeFormatter.ofPattern(timePattern).withZone(java.time.ZoneId.systemDefault());
        List<String> x = Arrays.stream(times)
                .mapToObj(t -> fmt.format(java.time.Instant.ofEpochMilli(t)))
                .toList();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("animation", false);
        o.put("title", Map.of("text", title, "left", 8, "top", 0, "textStyle", Map.of("fontSize", 13)));
        o.put("grid", Map.of("left", 64, "right", 96, "top", 36, "bottom", 40));
        o.put("tooltip", Map.of("position", "top"));
        o.put(
                "xAxis",
                Map.of(
                        "type",
                        "category",
                        "data",
                        x,
                        "splitArea",
                        Map.of("show", false),
                        "axisLabel",
                        Map.of("hideOverlap", true)));
        o.put(
                "yAxis",
                Map.of(
                        "type", "category",
                        "data", rowLabels(),
                        "axisLabel", Map.of("interval", DECADE - 1),
                        "axisTick", Map.of("interval", DECADE - 1),
                        "splitArea", Map.of("show", false)));
        o.put(
                "visualMap",
                Map.of(
                        "type",
                        "continuous",
                        "min",
                        0,
                        "max",
                        Math.max(1, colourCap()),
                        "calculable",
                        false,
                        "orient",
                        "vertical",
                        "right",
                        8,
                        "top",
                        36,
                        "itemHeight",
                        160,
                        "text",
                        List.of(countUnit, "0"),
                        "inRange",
                        Map.of("color", List.of("#dbeafe", "#60a5fa", "#f59e0b", "#dc2626"))));
        o.put(
                "series",
                List.of(Map.of(
                        "name",
                        title,
                        "type",
                        "heatmap",
                        "data",
                        cells,
                        "progressive",
                        0,
                        "emphasis",
                        Map.of("itemStyle", Map.of("borderColor", "#111", "borderWidth", 1)))));
        return o;
    }

    private long colourCap() {
        if (cells.isEmpty()) {
            return 1;
        }
        long[] counts = cells.stream().mapToLong(c -> c[2]).sorted().toArray();
        return counts[(int) Math.min(counts.length - 1, Math.floor(counts.length * 0.95))];
    }
}
