package io.zonedeck.agent.driver.sim;

import io.zonedeck.agent.api.Histogram;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Builds one second's latency {@link Histogram} from a mixture of log-normal distributions without drawing every
 * event: up to {@link #DRAW_LIMIT} events are drawn one by one; above that each bucket gets the expected count
 * from the distribution's CDF (rounded stochastically, the total kept exact) — a few dozen CDF evaluations per
 * component, whatever the number of events.
 *
 * <p>Each component is given by its median (µs) and its σ in natural-log units; its median wobbles a little from
 * second to second so that a heatmap of a steady load still looks measured.
 */
final class LatencyModel {
    /** Fewer events than this are drawn one by one. */
    static final int DRAW_LIMIT = 48;
    /** How far into the tails the discretised form looks, in σ. */
    private static final double TAIL_SIGMAS = 4.5;

    private static final double[] LN_LOWER = new double[Histogram.BUCKETS];

    static {
        LN_LOWER[0] = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < Histogram.BUCKETS; i++) {
            LN_LOWER[i] = Math.log(Histogram.lower(i));
        }
    }

    private final long[] dense = new long[Histogram.BUCKETS];
    private final SplittableRandom random;

    /** A builder drawing from {@code random} (the owner's seeded generator). Not thread-safe. */
    LatencyModel(SplittableRandom random) {
        this.random = random;
    }

    /** Adds {@code events} observations of a log-normal with this median (µs) and σ (ln units). */
    LatencyModel add(long events, double medianUs, double sigma) {
        if (events <= 0) {
            return this;
        }
        double mu = Math.log(Math.max(0.05, medianUs)) + gaussian() * 0.06;
        double s = Math.max(0.05, sigma);
        if (events < DRAW_LIMIT) {
            for (long e = 0; e < events; e++) {
                double v = Math.exp(mu + s * gaussian());
                dense[Histogram.bucket((long) Math.min(1e12, v))]++;
            }
            return this;
        }
        int from = bucketOfLn(mu - TAIL_SIGMAS * s);
        int to = bucketOfLn(mu + TAIL_SIGMAS * s);
        double below = 0; // the first bucket in range takes the lower tail, the last one the upper tail
        long placed = 0;
        int mode = from;
        double modeExpected = -1;
        for (int i = from; i <= to; i++) {
            double above = i + 1 < Histogram.BUCKETS && i < to ? phi((LN_LOWER[i + 1] - mu) / s) : 1.0;
            double expected = events * (above - below);
            long c = (long) expected;
            if (random.nextDouble() < expected - c) {
                c++;
            }
            dense[i] += c;
            placed += c;
            if (expected > modeExpected) {
                modeExpected = expected;
                mode = i;
            }
            below = above;
        }
        // keep the total exact: the difference (a few events at most) goes to or comes from the mode
        long diff = events - placed;
        dense[mode] = Math.max(0, dense[mode] + diff);
        return this;
    }

    /** The histogram of everything added since the last build; the builder is empty again afterwards. */
    Histogram build() {
        Histogram h = Histogram.ofCounts(dense);
        Arrays.fill(dense, 0);
        return h;
    }

    private static int bucketOfLn(double ln) {
        if (ln < 0) {
            return 0;
        }
        if (ln >= LN_LOWER[Histogram.BUCKETS - 1]) {
            return Histogram.BUCKETS - 1;
        }
        return Histogram.bucket((long) Math.exp(ln));
    }

    /** Standard normal CDF (Abramowitz and Stegun 7.1.26 for erf; absolute error below 1.5e-7). */
    static double phi(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    private double gaussian() {
        double u1 = Math.max(1e-12, random.nextDouble());
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
