package io.zonedeck.agent.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A latency distribution of one second in log-linear buckets, like DTrace's {@code llquantize(value, 10, 0, 6,
 * 10)} in microseconds: below 1 µs one bucket, then for every power of ten from 1 µs to 1 s nine buckets
 * (1, 2, …, 9 × 10^m), then one bucket for 10 s and above. Bucket {@code i} holds values from {@link #lower(int)}
 * inclusive to {@link #upper(int)} exclusive.
 *
 * <p>On the wire only the non-empty buckets travel, as {@code [[lower_us, count], ...]} sorted by bound, exactly
 * what a {@code printa} of an llquantize aggregation (or a bpftrace {@code hist}) reads as. Counts are per second.
 * Immutable.
 */
public final class Histogram {
    /** Powers of ten covered with nine linear steps each: 10^0 µs up to 10^6 µs (1 s … 9 s). */
    public static final int MAGNITUDES = 7;
    /** Underflow (&lt; 1 µs), 9 per magnitude, overflow (≥ 10^7 µs). */
    public static final int BUCKETS = 1 + MAGNITUDES * 9 + 1;

    private static final long[] LOWER = new long[BUCKETS];

    static {
        LOWER[0] = 0;
        long pow = 1;
        for (int m = 0; m < MAGNITUDES; m++) {
            for (int k = 1; k <= 9; k++) {
                LOWER[1 + m * 9 + (k - 1)] = k * pow;
            }
            pow *= 10;
        }
        LOWER[BUCKETS - 1] = pow;
    }

    public static final Histogram EMPTY = new Histogram(new byte[0], new long[0]);

    /** Non-empty buckets only, ascending: an agent keeps thousands of these in its ring buffer. */
    private final byte[] buckets;

    private final long[] counts;

    private Histogram(byte[] buckets, long[] counts) {
        this.buckets = buckets;
        this.counts = counts;
    }

    private static Histogram sparse(long[] dense) {
        int n = 0;
        for (long c : dense) {
            if (c > 0) {
                n++;
            }
        }
        byte[] b = new byte[n];
        long[] c = new long[n];
        int k = 0;
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] > 0) {
                b[k] = (byte) i;
                c[k++] = dense[i];
            }
        }
        return new Histogram(b, c);
    }

    /** The bucket a value (µs) falls into. */
    public static int bucket(long valueUs) {
        if (valueUs < 1) {
            return 0;
        }
        int i = Arrays.binarySearch(LOWER, 1, BUCKETS, valueUs);
        return i >= 0 ? i : -i - 2;
    }

    /** Lower bound (inclusive, µs) of bucket {@code i}. */
    public static long lower(int i) {
        return LOWER[i];
    }

    /** Upper bound (exclusive, µs) of bucket {@code i}; {@link Long#MAX_VALUE} for the overflow bucket. */
    public static long upper(int i) {
        return i + 1 < BUCKETS ? LOWER[i + 1] : Long.MAX_VALUE;
    }

    /** From dense counts, one per bucket ({@link #BUCKETS} long). */
    public static Histogram ofCounts(long[] dense) {
        if (dense.length != BUCKETS) {
            throw new IllegalArgumentException("expected " + BUCKETS + " buckets, got " + dense.length);
        }
        for (long c : dense) {
            if (c < 0) {
                throw new IllegalArgumentException("negative count");
            }
        }
        return sparse(dense);
    }

    /**
     * From {@code [lower_us, count]} pairs (the wire form): each pair's count goes to the bucket its bound falls
     * into, so pairs from a coarser or differently aligned llquantize are still placed by value.
     */
    @JsonCreator
    public static Histogram of(List<long[]> pairs) {
        long[] dense = new long[BUCKETS];
        if (pairs != null) {
            for (long[] p : pairs) {
                if (p == null || p.length != 2 || p[1] < 0) {
                    throw new IllegalArgumentException("histogram buckets are [lower_us, count] with count >= 0");
                }
                dense[bucket(p[0])] += p[1];
            }
        }
        return sparse(dense);
    }

    /** The wire form: non-empty buckets as {@code [lower_us, count]}, lowest first. */
    @JsonValue
    public List<long[]> pairs() {
        List<long[]> out = new ArrayList<>(buckets.length);
        for (int k = 0; k < buckets.length; k++) {
            out.add(new long[] {LOWER[buckets[k]], counts[k]});
        }
        return out;
    }

    /** The count of bucket {@code bucket}. */
    public long count(int bucket) {
        for (int k = 0; k < buckets.length; k++) {
            if (buckets[k] == bucket) {
                return counts[k];
            }
        }
        return 0;
    }

    /** How many buckets are not empty. */
    public int size() {
        return buckets.length;
    }

    /** The bucket index of the {@code k}-th non-empty bucket (ascending). */
    public int bucketAt(int k) {
        return buckets[k];
    }

    /** The count of the {@code k}-th non-empty bucket. */
    public long countAt(int k) {
        return counts[k];
    }

    /** Adds the counts into {@code dense} ({@link #BUCKETS} long). */
    public void addTo(long[] dense) {
        for (int k = 0; k < buckets.length; k++) {
            dense[buckets[k]] += counts[k];
        }
    }

    /** A copy of the dense counts, one per bucket. */
    public long[] counts() {
        long[] dense = new long[BUCKETS];
        addTo(dense);
        return dense;
    }

    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** The sum of two histograms. */
    public Histogram plus(Histogram other) {
        long[] sum = counts();
        other.addTo(sum);
        return sparse(sum);
    }

    /**
     * The value below which fraction {@code q} (0..1) of the observations fall, as the upper bound of the bucket
     * that reaches it (so it never understates); 0 for an empty histogram.
     */
    public long quantile(double q) {
        long total = total();
        if (total == 0) {
            return 0;
        }
        long target = (long) Math.ceil(q * total);
        long seen = 0;
        for (int k = 0; k < buckets.length; k++) {
            seen += counts[k];
            if (seen >= Math.max(1, target)) {
                int i = buckets[k];
                return i + 1 < BUCKETS ? LOWER[i + 1] : LOWER[i];
            }
        }
        return LOWER[BUCKETS - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && Arrays.equals(buckets, h.buckets) && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(buckets) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Histogram[");
        for (long[] p : pairs()) {
            s.append(p[0]).append("us:").append(p[1]).append(' ');
        }
        return s.append(']').toString();
    }
}
