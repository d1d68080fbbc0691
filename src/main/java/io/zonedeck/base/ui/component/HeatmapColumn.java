package io.zonedeck.base.ui.component;

import java.util.Arrays;

/**
 * One time step of a heatmap: its time (epoch millis) and a count per bucket, lowest bucket first (the y axis of
 * {@link Heatmap}). Counts of 0 are drawn as empty (transparent) cells.
 */
public record HeatmapColumn(long time, long[] counts) {
    public HeatmapColumn {
        counts = counts == null ? new long[0] : counts.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Buckets with a count above zero. */
    public int nonEmpty() {
        return (int) Arrays.stream(counts).filter(c -> c > 0).count();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeatmapColumn c && c.time == time && Arrays.equals(c.counts, counts);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(time) * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "HeatmapColumn[" + time + ", " + Arrays.toString(counts) + "]";
    }
}
