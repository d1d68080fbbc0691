package io.zonedeck.metrics;

import io.zonedeck.agent.api.MachineSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In-memory per-second series for the last hour: for every machine and node a fixed ring of primitive
 * arrays (about 3600 × 24 bytes each), so memory is bounded by the number of machines, not by time. Machines
 * also keep a shorter ring of their throttles ({@value #THROTTLE_CAPACITY} s, about 600 × 40 bytes): demand,
 * baseline, burst credit, the node's contention and the disk throttle's effect, for the machine page's chart.
 */
@Component
public class SeriesStore {
    public static final int CAPACITY = 3600;
    /** Seconds of throttle detail kept per machine (ten minutes). */
    public static final int THROTTLE_CAPACITY = 600;

    /** One point: CPU in % of one CPU (machines) or % of the node (nodes), memory RSS in MiB. */
    public record Point(long timestamp, double cpu, double cap, double memMiB) {}

    /**
     * One second of a machine's CPU throttles, in % of one CPU unless said otherwise.
     *
     * @param cpu used
     * @param demand what the workload wanted
     * @param cap cpu_cap in force (0 = none)
     * @param baseline cpu_baseline in force (0 = none)
     * @param burstCredit seconds of burst left
     * @param nodeDemand what all machines of its node wanted within their caps, in % of the node (above 100 the
     *     node is contended and shares decide)
     * @param diskBytes disk bytes read and written
     * @param ioDelayUs mean I/O throttle delay per operation (µs)
     */
    public record ThrottlePoint(
            long timestamp,
            double cpu,
            double demand,
            double cap,
            double baseline,
            double burstCredit,
            double nodeDemand,
            double diskBytes,
            double ioDelayUs) {}

    private final Map<UUID, Ring> series = new ConcurrentHashMap<>();
    private final Map<UUID, ThrottleRing> throttles = new ConcurrentHashMap<>();

    @EventListener
    public void onSample(NodeSampleReceived e) {
        ring(e.nodeId())
                .add(e.timestamp(), e.sample().cpuUtilPct(), 100, e.sample().memUsedMiB());
        for (MachineSample m : e.sample().machines()) {
            ring(m.uuid()).add(e.timestamp(), m.cpuPct(), m.cpuCap(), m.memRssMiB());
            throttles
                    .computeIfAbsent(m.uuid(), k -> new ThrottleRing())
                    .add(e.timestamp(), m, e.sample().cpuDemandPct());
        }
    }

    /** Throttle points of a machine newer than {@code afterMillis}, oldest first (the last ten minutes at most). */
    public List<ThrottlePoint> throttlesSince(UUID machine, long afterMillis) {
        ThrottleRing r = throttles.get(machine);
        return r == null ? List.of() : r.since(afterMillis);
    }

    /** Points of a machine or node newer than {@code afterMillis}, oldest first. */
    public List<Point> since(UUID id, long afterMillis) {
        Ring r = series.get(id);
        return r == null ? List.of() : r.since(afterMillis);
    }

    /** The newest point, if any. */
    public java.util.Optional<Point> latest(UUID id) {
        Ring r = series.get(id);
        return r == null ? java.util.Optional.empty() : r.latest();
    }

    public void forget(UUID id) {
        series.remove(id);
        throttles.remove(id);
    }

    private Ring ring(UUID id) {
        return series.computeIfAbsent(id, k -> new Ring());
    }

    private static final class Ring {
        private final long[] ts = new long[CAPACITY];
        private final float[] cpu = new float[CAPACITY];
        private final float[] cap = new float[CAPACITY];
        private final float[] mem = new float[CAPACITY];
        private int next;
        private int size;

        synchronized void add(long t, double c, double cp, double m) {
            if (size > 0 && t <= ts[(next - 1 + CAPACITY) % CAPACITY]) {
                return; // replayed or out of order: never counted twice
            }
            ts[next] = t;
            cpu[next] = (float) c;
            cap[next] = (float) cp;
            mem[next] = (float) m;
            next = (next + 1) % CAPACITY;
            size = Math.min(size + 1, CAPACITY);
        }

        synchronized List<Point> since(long after) {
            List<Point> out = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int idx = (next - size + i + CAPACITY) % CAPACITY;
                if (ts[idx] > after) {
                    out.add(new Point(ts[idx], cpu[idx], cap[idx], mem[idx]));
                }
            }
            return out;
        }

        synchronized java.util.Optional<Point> latest() {
            if (size == 0) {
                return java.util.Optional.empty();
            }
            int idx = (next - 1 + CAPACITY) % CAPACITY;
            return java.util.Optional.of(new Point(ts[idx], cpu[idx], cap[idx], mem[idx]));
        }
    }

    private static final class ThrottleRing {
        private static final int N = THROTTLE_CAPACITY;
        private final long[] ts = new long[N];
        /** cpu, demand, cap, baseline, credit, node demand, disk bytes, I/O delay: 8 floats per second. */
        private final float[] v = new float[N * 8];

        private int next;
        private int size;

        synchronized void add(long t, MachineSample m, double nodeDemand) {
            if (size > 0 && t <= ts[(next - 1 + N) % N]) {
                return;
            }
            ts[next] = t;
            int o = next * 8;
            v[o] = (float) m.cpuPct();
            v[o + 1] = (float) m.cpuDemandPct();
            v[o + 2] = m.cpuCap();
            v[o + 3] = m.cpuBaseline();
            v[o + 4] = (float) m.burstCreditS();
            v[o + 5] = (float) nodeDemand;
            v[o + 6] = (float) (m.diskReadBytes() + m.diskWriteBytes());
            v[o + 7] = (float) m.ioDelayUs();
            next = (next + 1) % N;
            size = Math.min(size + 1, N);
        }

        synchronized List<ThrottlePoint> since(long after) {
            List<ThrottlePoint> out = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int idx = (next - size + i + N) % N;
                if (ts[idx] > after) {
                    int o = idx * 8;
                    out.add(new ThrottlePoint(
                            ts[idx], v[o], v[o + 1], v[o + 2], v[o + 3], v[o + 4], v[o + 5], v[o + 6], v[o + 7]));
                }
            }
            return out;
        }
    }
}
