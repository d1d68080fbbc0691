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
 * arrays (about 3600 × 24 bytes each), so memory is bounded by the number of machines, not by time.
 */
@Component
public class SeriesStore {
    public static final int CAPACITY = 3600;

    /** One point: CPU in % of one CPU (machines) or % of the node (nodes), memory RSS in MiB. */
    public record Point(long timestamp, double cpu, double cap, double memMiB) {}

    private final Map<UUID, Ring> series = new ConcurrentHashMap<>();

    @EventListener
    public void onSample(NodeSampleReceived e) {
        ring(e.nodeId())
                .add(e.timestamp(), e.sample().cpuUtilPct(), 100, e.sample().memUsedMiB());
        for (MachineSample m : e.sample().machines()) {
            ring(m.uuid()).add(e.timestamp(), m.cpuPct(), m.cpuCap(), m.memRssMiB());
        }
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
}
