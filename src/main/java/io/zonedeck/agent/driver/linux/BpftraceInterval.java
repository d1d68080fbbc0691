package io.zonedeck.agent.driver.linux;

import io.zonedeck.agent.api.Histogram;
import java.util.Collection;
import java.util.Map;

/**
 * One second of latencies, per process id (tgid), in µs buckets.
 *
 * @param at epoch ms when the interval was read (agent clock)
 * @param runq run-queue latency by process id
 * @param disk block I/O latency by process id (the process that queued the request)
 * @param devices block I/O latency by device, keyed {@code "major:minor"}
 */
public record BpftraceInterval(
        long at, Map<Integer, Histogram> runq, Map<Integer, Histogram> disk, Map<String, Histogram> devices) {
    public static final BpftraceInterval EMPTY = new BpftraceInterval(0, Map.of(), Map.of(), Map.of());

    public BpftraceInterval {
        runq = Map.copyOf(runq);
        disk = Map.copyOf(disk);
        devices = Map.copyOf(devices);
    }

    /** The run-queue latency of a machine: the sum over its processes (empty when none ran). */
    public Histogram runq(Collection<Integer> pids) {
        return sum(runq, pids);
    }

    /** The block I/O latency of a machine: the sum over its processes (empty when none did I/O). */
    public Histogram disk(Collection<Integer> pids) {
        return sum(disk, pids);
    }

    private static Histogram sum(Map<Integer, Histogram> byPid, Collection<Integer> pids) {
        Histogram h = Histogram.EMPTY;
        for (Integer pid : pids) {
            Histogram p = byPid.get(pid);
            if (p != null) {
                h = h.plus(p);
            }
        }
        return h;
    }
}
