package io.zonedeck.agent.driver.sim;

import io.zonedeck.agent.api.DiskSample;
import io.zonedeck.agent.api.MachineSample;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The node's pool: a few disks that ZFS stripes the machines' I/O over, a little unevenly from second to second.
 * Bytes and operations per disk add up exactly to the machines' totals; each disk's latency is the pool's device
 * service time (it grows with the pool's utilization, see {@link WorkloadModel.Pressure#serviceUs}) times the
 * disk's own speed (seeded: one disk of a node may be a little slower than its siblings) — without the zone I/O
 * throttle's delay, which happens above the devices.
 */
final class PoolModel {
    static final List<String> DEFAULT_DISKS = List.of("c1t0d0", "c1t1d0", "c1t2d0", "c1t3d0");

    private final List<String> names;
    private final double[] speed;
    private final SplittableRandom random;
    private final LatencyModel latency;

    PoolModel(long seed, List<String> names) {
        this.names = List.copyOf(names);
        this.random = new SplittableRandom(seed * 0xD1B54A32D192ED03L + 0xD15C);
        this.speed = new double[names.size()];
        for (int i = 0; i < speed.length; i++) {
            speed[i] = 0.9 + 0.4 * random.nextDouble() * random.nextDouble();
        }
        this.latency = new LatencyModel(random);
    }

    /** Median service time (µs) of an I/O of {@code bytesPerOp} at the pool's median {@code serviceUs}. */
    static double serviceUs(double serviceUs, double bytesPerOp) {
        return serviceUs * (0.7 + 0.8 * Math.min(bytesPerOp, 1024 * 1024) / (128 * 1024));
    }

    /** This second's disks, carrying the machines' I/O. */
    List<DiskSample> spread(List<MachineSample> machines, double serviceUs) {
        long readBytes = 0;
        long writeBytes = 0;
        long readOps = 0;
        long writeOps = 0;
        for (MachineSample m : machines) {
            readBytes += m.diskReadBytes();
            writeBytes += m.diskWriteBytes();
            readOps += m.diskReadOps();
            writeOps += m.diskWriteOps();
        }
        int n = names.size();
        double[] weight = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            weight[i] = Math.max(0.5, 1 + 0.06 * gaussian());
            sum += weight[i];
        }
        for (int i = 0; i < n; i++) {
            weight[i] /= sum;
        }
        long[] rb = split(readBytes, weight);
        long[] wb = split(writeBytes, weight);
        long[] ro = split(readOps, weight);
        long[] wo = split(writeOps, weight);
        long ops = readOps + writeOps;
        double median = serviceUs(serviceUs, ops == 0 ? 0 : (double) (readBytes + writeBytes) / ops);
        List<DiskSample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new DiskSample(
                    names.get(i),
                    rb[i],
                    wb[i],
                    ro[i],
                    wo[i],
                    latency.add(ro[i] + wo[i], median * speed[i], 0.5).build()));
        }
        return List.copyOf(out);
    }

    /** Splits {@code total} by weights (summing to 1); the last part takes the rounding, so the sum is exact. */
    private static long[] split(long total, double[] weight) {
        long[] parts = new long[weight.length];
        long placed = 0;
        for (int i = 0; i < weight.length - 1; i++) {
            parts[i] = Math.min(total - placed, (long) Math.floor(total * weight[i]));
            placed += parts[i];
        }
        parts[weight.length - 1] = total - placed;
        return parts;
    }

    private double gaussian() {
        double u1 = Math.max(1e-12, random.nextDouble());
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
