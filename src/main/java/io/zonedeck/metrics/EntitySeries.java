package io.zonedeck.metrics;

import io.zonedeck.agent.api.Histogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The series of one machine, node or disk: a fixed number of float channels and histogram distributions, kept in
 * rings indexed by time (the slot of second {@code s} is {@code s % 3600}, of minute {@code m} is {@code m % 10080}),
 * so a second that is already there is never counted twice, a late second lands where it belongs, and memory is
 * bounded by the ring sizes whatever runs for how long.
 *
 * <p>Per second: every channel (4 bytes each) and each distribution packed sparsely (4 bytes per non-empty bucket).
 * Per minute: every channel's sum and the number of seconds (the mean is computed on reading), allocated a day at a
 * time; distributions merged per minute for the last {@value #HIST_MINUTES} minutes. Thread-safe (one monitor).
 */
final class EntitySeries {
    static final int SECONDS = Resolution.SECOND.slots();
    static final int MINUTES = Resolution.MINUTE.slots();
    static final int HIST_MINUTES = 1440;
    private static final int DAY = 1440;
    private static final int COUNT_BITS = 25;
    private static final int MAX_COUNT = (1 << COUNT_BITS) - 1;

    final int channels;
    final int distributions;
    /** Epoch second held by each second slot; 0 = empty. */
    private final long[] secKey = new long[SECONDS];
    /** The millisecond within its second at which each second's sample was taken (charts show the exact time). */
    private final short[] secMs = new short[SECONDS];

    private final float[] sec;
    /** Per distribution, per second slot: packed non-empty buckets (bucket << 25 | count), or null. */
    private final int[][][] secHist;
    /** Epoch minute held by each minute slot, a day block at a time; null blocks are not allocated yet. */
    private final long[][] minKey = new long[MINUTES / DAY][];

    private final float[][] minSum = new float[MINUTES / DAY][];
    private final short[][] minCount = new short[MINUTES / DAY][];
    private final long[] histMinKey;
    private final long[][][] histMin;
    /** The minute being accumulated per distribution (dense), and which minute it is. */
    private final long[][] openHist;

    private long openHistMinute = -1;
    private long newestSecond;

    EntitySeries(int channels, int distributions) {
        this.channels = channels;
        this.distributions = distributions;
        this.sec = new float[SECONDS * channels];
        this.secHist = new int[distributions][][];
        for (int d = 0; d < distributions; d++) {
            secHist[d] = new int[SECONDS][];
        }
        this.histMinKey = distributions == 0 ? new long[0] : new long[HIST_MINUTES];
        this.histMin = new long[distributions][distributions == 0 ? 0 : HIST_MINUTES][];
        this.openHist = new long[distributions][Histogram.BUCKETS];
    }

    /**
     * Records one second; {@code values} has {@link #channels} entries, {@code hists} {@link #distributions} (null
     * entries: not measured). Returns false when this second was already recorded (or is older than the ring).
     */
    synchronized boolean add(long timestampMillis, float[] values, Histogram[] hists) {
        long second = Math.floorDiv(timestampMillis, 1000L);
        if (second <= 0 || second <= newestSecond - SECONDS) {
            return false;
        }
        int slot = (int) (second % SECONDS);
        if (secKey[slot] == second) {
            return false;
        }
        secKey[slot] = second;
        secMs[slot] = (short) Math.floorMod(timestampMillis, 1000L);
        System.arraycopy(values, 0, sec, slot * channels, channels);
        newestSecond = Math.max(newestSecond, second);
        long minute = Math.floorDiv(second, 60L);
        addMinute(minute, values);
        for (int d = 0; d < distributions; d++) {
            Histogram h = hists == null ? null : hists[d];
            secHist[d][slot] = h == null ? null : pack(h);
        }
        if (distributions > 0) {
            addHistMinute(minute, hists);
        }
        return true;
    }

    private void addMinute(long minute, float[] values) {
        int slot = (int) (minute % MINUTES);
        int block = slot / DAY;
        int off = slot % DAY;
        if (minKey[block] == null) {
            minKey[block] = new long[DAY];
            minSum[block] = new float[DAY * channels];
            minCount[block] = new short[DAY];
        }
        float[] sums = minSum[block];
        if (minKey[block][off] != minute) {
            minKey[block][off] = minute;
            minCount[block][off] = 0;
            Arrays.fill(sums, off * channels, (off + 1) * channels, 0f);
        }
        int base = off * channels;
        for (int c = 0; c < channels; c++) {
            sums[base + c] += values[c];
        }
        minCount[block][off]++;
    }

    private void addHistMinute(long minute, Histogram[] hists) {
        if (minute != openHistMinute) {
            if (minute < openHistMinute) {
                mergeIntoClosedMinute(minute, hists);
                return;
            }
            closeOpenMinute();
            openHistMinute = minute;
        }
        for (int d = 0; d < distributions; d++) {
            Histogram h = hists == null ? null : hists[d];
            if (h != null) {
                h.addTo(openHist[d]);
            }
        }
    }

    private void closeOpenMinute() {
        if (openHistMinute < 0) {
            return;
        }
        int slot = (int) (openHistMinute % HIST_MINUTES);
        histMinKey[slot] = openHistMinute;
        for (int d = 0; d < distributions; d++) {
            histMin[d][slot] = packLong(openHist[d]);
            Arrays.fill(openHist[d], 0);
        }
    }

    private void mergeIntoClosedMinute(long minute, Histogram[] hists) {
        int slot = (int) (minute % HIST_MINUTES);
        if (histMinKey[slot] != minute) {
            histMinKey[slot] = minute;
            for (int d = 0; d < distributions; d++) {
                histMin[d][slot] = null;
            }
        }
        for (int d = 0; d < distributions; d++) {
            Histogram h = hists == null ? null : hists[d];
            if (h != null) {
                long[] dense = unpackLong(histMin[d][slot]);
                h.addTo(dense);
                histMin[d][slot] = packLong(dense);
            }
        }
    }

    /** The newest recorded second as epoch millis, 0 when none. */
    synchronized long newestMillis() {
        return newestSecond * 1000L;
    }

    /**
     * Channel {@code c} per second, for seconds after the one holding {@code afterMillis}, oldest first; each point
     * carries its sample's exact timestamp.
     */
    synchronized Series seconds(int c, long afterMillis) {
        long from = Math.max(Math.floorDiv(afterMillis, 1000L) + 1, newestSecond - SECONDS + 1);
        int n = (int) Math.max(0, newestSecond - from + 1);
        long[] t = new long[n];
        double[] v = new double[n];
        int k = 0;
        for (long s = from; s <= newestSecond; s++) {
            int slot = (int) (s % SECONDS);
            if (secKey[slot] == s) {
                t[k] = s * 1000L + secMs[slot];
                v[k] = sec[slot * channels + c];
                k++;
            }
        }
        return new Series(Arrays.copyOf(t, k), Arrays.copyOf(v, k));
    }

    /** The newest second's value of channel {@code c}, or NaN. */
    synchronized double latest(int c) {
        int slot = (int) (newestSecond % SECONDS);
        return newestSecond > 0 && secKey[slot] == newestSecond ? sec[slot * channels + c] : Double.NaN;
    }

    /** Channel {@code c} per minute (the mean of its seconds), minutes starting at or after {@code fromMillis}. */
    synchronized Series minutes(int c, long fromMillis) {
        long newestMinute = Math.floorDiv(newestSecond, 60L);
        long from = Math.max(Math.floorDiv(fromMillis + 59_999, 60_000L), newestMinute - MINUTES + 1);
        int n = (int) Math.max(0, newestMinute - from + 1);
        long[] t = new long[n];
        double[] v = new double[n];
        int k = 0;
        for (long m = from; m <= newestMinute; m++) {
            int slot = (int) (m % MINUTES);
            int block = slot / DAY;
            int off = slot % DAY;
            if (minKey[block] != null && minKey[block][off] == m && minCount[block][off] > 0) {
                t[k] = m * 60_000L;
                v[k] = minSum[block][off * channels + c] / minCount[block][off];
                k++;
            }
        }
        return new Series(Arrays.copyOf(t, k), Arrays.copyOf(v, k));
    }

    /** Distribution {@code d} per second after {@code afterMillis}, oldest first (seconds without events skipped). */
    synchronized List<HeatColumn> histSeconds(int d, long afterMillis) {
        List<HeatColumn> out = new ArrayList<>();
        long from = Math.max(Math.floorDiv(afterMillis, 1000L) + 1, newestSecond - SECONDS + 1);
        for (long s = from; s <= newestSecond; s++) {
            int slot = (int) (s % SECONDS);
            if (secKey[slot] == s && secHist[d][slot] != null && secHist[d][slot].length > 0) {
                out.add(new HeatColumn(s * 1000L, unpack(secHist[d][slot])));
            }
        }
        return out;
    }

    /** Distribution {@code d} per minute from {@code fromMillis}, including the minute still being filled. */
    synchronized List<HeatColumn> histMinutes(int d, long fromMillis) {
        List<HeatColumn> out = new ArrayList<>();
        long newestMinute = Math.floorDiv(newestSecond, 60L);
        long from = Math.max(Math.floorDiv(fromMillis + 59_999, 60_000L), newestMinute - HIST_MINUTES + 1);
        for (long m = from; m <= newestMinute; m++) {
            if (m == openHistMinute) {
                long[] acc = openHist[d];
                if (Arrays.stream(acc).anyMatch(x -> x > 0)) {
                    out.add(new HeatColumn(m * 60_000L, Histogram.ofCounts(acc)));
                }
                continue;
            }
            int slot = (int) (m % HIST_MINUTES);
            if (histMinKey[slot] == m && histMin[d][slot] != null && histMin[d][slot].length > 0) {
                out.add(new HeatColumn(m * 60_000L, Histogram.ofCounts(unpackLong(histMin[d][slot]))));
            }
        }
        return out;
    }

    /** Bytes held by this entity's arrays (headers of 16 bytes included), for the memory bound. */
    synchronized long footprintBytes() {
        long bytes = 16 + secKey.length * 8L + 16 + secMs.length * 2L + 16 + sec.length * 4L;
        for (int d = 0; d < distributions; d++) {
            bytes += 16 + secHist[d].length * 4L;
            for (int[] p : secHist[d]) {
                bytes += p == null ? 0 : 16 + p.length * 4L;
            }
            bytes += 16 + histMin[d].length * 4L + 16 + openHist[d].length * 8L;
            for (long[] p : histMin[d]) {
                bytes += p == null ? 0 : 16 + p.length * 8L;
            }
        }
        bytes += histMinKey.length * 8L;
        for (int b = 0; b < minKey.length; b++) {
            if (minKey[b] != null) {
                bytes += 48 + minKey[b].length * 8L + minSum[b].length * 4L + minCount[b].length * 2L;
            }
        }
        return bytes;
    }

    private static int[] pack(Histogram h) {
        int[] out = new int[h.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = (h.bucketAt(k) << COUNT_BITS) | (int) Math.min(h.countAt(k), MAX_COUNT);
        }
        return out;
    }

    private static Histogram unpack(int[] packed) {
        long[] dense = new long[Histogram.BUCKETS];
        for (int p : packed) {
            dense[p >>> COUNT_BITS] += p & MAX_COUNT;
        }
        return Histogram.ofCounts(dense);
    }

    private static long[] packLong(long[] dense) {
        int n = 0;
        for (long c : dense) {
            if (c > 0) {
                n++;
            }
        }
        long[] out = new long[n];
        int k = 0;
        for (int b = 0; b < dense.length; b++) {
            if (dense[b] > 0) {
                out[k++] = ((long) b << 56) | dense[b];
            }
        }
        return out;
    }

    private static long[] unpackLong(long[] packed) {
        long[] dense = new long[Histogram.BUCKETS];
        if (packed != null) {
            for (long p : packed) {
                dense[(int) (p >>> 56)] += p & ((1L << 56) - 1);
            }
        }
        return dense;
    }
}
