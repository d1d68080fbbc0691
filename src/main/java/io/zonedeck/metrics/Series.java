package io.zonedeck.metrics;

import java.util.Arrays;

/**
 * Points of one series, oldest first: {@code t[i]} epoch millis (start of the second or minute), {@code v[i]} the
 * value (per-second value, or the minute's mean).
 */
public record Series(long[] t, double[] v) {
    public static final Series EMPTY = new Series(new long[0], new double[0]);

    public int size() {
        return t.length;
    }

    public long lastTime() {
        return t.length == 0 ? 0 : t[t.length - 1];
    }

    public double last() {
        return v.length == 0 ? 0 : v[v.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && Arrays.equals(t, s.t) && Arrays.equals(v, s.v);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(t) + Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "Series[" + t.length + " points]";
    }
}
