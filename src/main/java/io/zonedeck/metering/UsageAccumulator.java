package io.zonedeck.metering;

import io.zonedeck.agent.api.MachineSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Usage counted since the last flush, per machine per UTC hour, in primitive fields: adding a sample is a map
 * lookup and a few additions, without allocation in the common case (it runs on the ingest threads, for every
 * machine every second). Each machine keeps the timestamp of the last sample it counted, so a sample replayed
 * after a stream reconnect is not counted twice.
 *
 * <p>A sample of a machine whose facts are not known yet (created since the facts were last read, or not managed
 * by the portal) is counted as unresolved: the flush resolves it with fresh facts, or drops it.
 */
final class UsageAccumulator {
    static final long HOUR_MILLIS = 3_600_000L;

    private final Map<UUID, Meter> meters = new ConcurrentHashMap<>();

    /** Usage of one machine in one hour since the last drain. {@code facts} is null when none was known. */
    record Pending(
            UUID machineId,
            long hourStart,
            MeteredMachine facts,
            double cpuSeconds,
            double ramGibHours,
            double diskGibHours,
            long netBytes,
            long samples,
            long unresolvedSamples,
            long lastSampleAt) {}

    /**
     * Counts one second of one machine.
     *
     * @param facts the machine's facts, or null when not known (yet)
     * @return false when the sample is not newer than the last one counted for the machine (a replay)
     */
    boolean add(long timestamp, MachineSample sample, MeteredMachine facts) {
        while (true) {
            Meter meter = meters.get(sample.uuid());
            if (meter == null) {
                meter = meters.computeIfAbsent(sample.uuid(), id -> new Meter(Long.MIN_VALUE));
            }
            int result = meter.add(timestamp, sample, facts);
            if (result != Meter.RETIRED) {
                return result == Meter.COUNTED;
            }
            meters.remove(sample.uuid(), meter); // pruned meanwhile: start a fresh meter
        }
    }

    /** Never counts samples of this machine at or before {@code lastCounted} (from the stored rows at start). */
    void seed(UUID machineId, long lastCounted) {
        meters.computeIfAbsent(machineId, id -> new Meter(lastCounted)).seed(lastCounted);
    }

    /** Takes everything counted since the last drain, leaving the machines' last timestamps in place. */
    List<Pending> drain() {
        List<Pending> out = new ArrayList<>();
        meters.forEach((id, meter) -> meter.drainInto(id, out));
        return out;
    }

    /** Gives back what a failed flush could not store, so that the next flush stores it. */
    void restore(List<Pending> pending) {
        for (Pending p : pending) {
            meters.computeIfAbsent(p.machineId(), id -> new Meter(Long.MIN_VALUE))
                    .restore(p);
        }
    }

    /** Forgets machines with nothing pending whose last sample is older than {@code before}; returns how many. */
    int prune(long before) {
        int removed = 0;
        for (Map.Entry<UUID, Meter> e : meters.entrySet()) {
            if (e.getValue().retireIfIdle(before) && meters.remove(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    /** Machines currently tracked (for tests and diagnostics). */
    int machines() {
        return meters.size();
    }

    static long hourOf(long timestamp) {
        return timestamp - Math.floorMod(timestamp, HOUR_MILLIS);
    }

    private static final class Bucket {
        final long hour;
        MeteredMachine facts;
        double cpuSeconds;
        double ramGibHours;
        double diskGibHours;
        long netBytes;
        long samples;
        long unresolved;
        long lastAt;

        Bucket(long hour) {
            this.hour = hour;
        }
    }

    private static final class Meter {
        static final int COUNTED = 1;
        static final int REPLAYED = 0;
        static final int RETIRED = -1;
        private long last;
        /** Set when pruned: a late sample then goes to a fresh meter instead of one no longer in the map. */
        private boolean retired;
        /** Hours with usage since the last drain: nearly always one, two across an hour boundary. */
        private final List<Bucket> buckets = new ArrayList<>(2);

        Meter(long last) {
            this.last = last;
        }

        synchronized int add(long t, MachineSample s, MeteredMachine facts) {
            if (retired) {
                return RETIRED;
            }
            if (t <= last) {
                return REPLAYED;
            }
            last = t;
            Bucket b = bucket(hourOf(t));
            b.cpuSeconds += Math.max(0, s.cpuPct()) / 100.0;
            b.ramGibHours += Math.max(0, s.memCapMiB()) / 1024.0 / 3600.0;
            b.netBytes += Math.max(0, s.netRxBytes()) + Math.max(0, s.netTxBytes());
            b.samples++;
            b.lastAt = Math.max(b.lastAt, t);
            if (facts != null) {
                b.diskGibHours += facts.diskGiB() / 3600.0;
                b.facts = facts;
            } else {
                b.unresolved++;
            }
            return COUNTED;
        }

        synchronized void seed(long lastCounted) {
            last = Math.max(last, lastCounted);
        }

        synchronized void drainInto(UUID id, List<Pending> out) {
            for (Bucket b : buckets) {
                out.add(new Pending(
                        id,
                        b.hour,
                        b.facts,
                        b.cpuSeconds,
                        b.ramGibHours,
                        b.diskGibHours,
                        b.netBytes,
                        b.samples,
                        b.unresolved,
                        b.lastAt));
            }
            buckets.clear();
        }

        synchronized void restore(Pending p) {
            Bucket b = bucket(p.hourStart());
            if (p.facts() != null) {
                b.facts = p.facts();
            }
            b.cpuSeconds += p.cpuSeconds();
            b.ramGibHours += p.ramGibHours();
            b.diskGibHours += p.diskGibHours();
            b.netBytes += p.netBytes();
            b.samples += p.samples();
            b.unresolved += p.unresolvedSamples();
            b.lastAt = Math.max(b.lastAt, p.lastSampleAt());
        }

        synchronized boolean retireIfIdle(long before) {
            retired = retired || (buckets.isEmpty() && last < before);
            return retired;
        }

        private Bucket bucket(long hour) {
            for (int i = buckets.size() - 1; i >= 0; i--) {
                Bucket b = buckets.get(i);
                if (b.hour == hour) {
                    return b;
                }
            }
            Bucket b = new Bucket(hour);
            buckets.add(b);
            return b;
        }
    }
}
