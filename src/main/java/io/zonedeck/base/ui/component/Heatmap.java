package io.zonedeck.base.ui.component;

import io.zonedeck.agent.api.Histogram;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a heatmap shows on its y axis and how it colours counts; drawn by {@link EChart#setHeatmap(Heatmap)}. The x
 * axis is time, one column per {@link HeatmapColumn}.
 *
 * @param buckets the y axis labels, lowest first (for example "1 µs", "2 µs", … "1 ms")
 * @param ranges each bucket's range for the tooltip (for example "10–20 ms"), same length as {@code buckets}
 * @param labelled indices of buckets whose label is drawn (the others only get a cell); all when empty
 * @param countUnit what a count is, in the tooltip ("ops")
 * @param scale how counts map to colours
 * @param title drawn above the chart; null for none
 */
public record Heatmap(
        List<String> buckets,
        List<String> ranges,
        List<Integer> labelled,
        String countUnit,
        Scale scale,
        String title) {

    /** Log (the default) or square root let a bucket with 2 events show beside one with 20 000. */
    public enum Scale {
        LOG,
        SQRT,
        LINEAR
    }

    public Heatmap {
        buckets = List.copyOf(buckets);
        ranges = ranges == null ? buckets : List.copyOf(ranges);
        if (ranges.size() != buckets.size()) {
            throw new IllegalArgumentException(
                    "one range per bucket: " + buckets.size() + " buckets, " + ranges.size());
        }
        labelled = labelled == null ? List.of() : List.copyOf(labelled);
        countUnit = Objects.requireNonNullElse(countUnit, "");
        scale = Objects.requireNonNullElse(scale, Scale.LOG);
    }

    /**
     * The latency buckets of {@link Histogram} (llquantize-like: under 1 µs, then 1–9 × each power of ten up to
     * 9 s, then 10 s and over), labelled at each power of ten, counts in log scale.
     */
    public static Heatmap latency(String countUnit) {
        List<String> buckets = new ArrayList<>(Histogram.BUCKETS);
        List<String> ranges = new ArrayList<>(Histogram.BUCKETS);
        List<Integer> labelled = new ArrayList<>();
        for (int i = 0; i < Histogram.BUCKETS; i++) {
            long lower = Histogram.lower(i);
            long upper = Histogram.upper(i);
            buckets.add(i == 0 ? "< 1 µs" : micros(lower));
            ranges.add(i == 0 ? "< 1 µs" : upper == Long.MAX_VALUE ? "≥ " + micros(lower) : range(lower, upper));
            if (i == 0 || isPowerOfTen(lower)) {
                labelled.add(i);
            }
        }
        return new Heatmap(buckets, ranges, labelled, countUnit, Scale.LOG, null);
    }

    public Heatmap withTitle(String title) {
        return new Heatmap(buckets, ranges, labelled, countUnit, scale, title);
    }

    public Heatmap withScale(Scale scale) {
        return new Heatmap(buckets, ranges, labelled, countUnit, scale, title);
    }

    /** "1 µs", "20 µs", "300 ms", "2 s". */
    public static String micros(long us) {
        if (us >= 1_000_000 && us % 1_000_000 == 0) {
            return us / 1_000_000 + " s";
        }
        if (us >= 1_000 && us % 1_000 == 0) {
            return us / 1_000 + " ms";
        }
        return us + " µs";
    }

    /** "10–20 ms", or "900 µs–1 ms" across units. */
    static String range(long lowerUs, long upperUs) {
        String lo = micros(lowerUs);
        String hi = micros(upperUs);
        String loUnit = lo.substring(lo.indexOf(' ') + 1);
        String hiUnit = hi.substring(hi.indexOf(' ') + 1);
        return loUnit.equals(hiUnit) ? lo.substring(0, lo.indexOf(' ')) + "–" + hi : lo + "–" + hi;
    }

    private static boolean isPowerOfTen(long v) {
        while (v >= 10 && v % 10 == 0) {
            v /= 10;
        }
        return v == 1;
    }
}
