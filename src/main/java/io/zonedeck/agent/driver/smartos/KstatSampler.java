package io.zonedeck.agent.driver.smartos;

import io.zonedeck.agent.api.Histogram;
import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.NodeSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToIntFunction;

/**
 * Turns two successive {@code kstat -p} reads into one {@link NodeSample} (docs/metric-sources.md): rates are
 * counter deltas over the kstats' own {@code snaptime}s, so a late tick does not inflate them. Zones are matched
 * by zone id (the kstat instance) and their {@code zonename} statistic, which is the machine's uuid; links by
 * their own {@code zonename}. Not thread-safe: the driver calls it under its sample lock.
 */
final class KstatSampler {
    private static final double MIB = 1024.0 * 1024.0;
    /** memory_cap physcap reads as UINT64_MAX-ish when there is no cap. */
    private static final double NO_CAP = 1L << 50;

    private Map<String, KstatParser.Kstat> previous = Map.of();

    /**
     * @param shares the cpu_shares vmadm set, by machine (the rctl has no kstat)
     * @param dtrace the last second of the D program, or null
     */
    NodeSample sample(
            List<KstatParser.Kstat> kstats, int cpus, ToIntFunction<UUID> shares, DtraceParser.Second dtrace) {
        Map<String, KstatParser.Kstat> now = new HashMap<>();
        Map<Integer, UUID> zones = new HashMap<>();
        for (KstatParser.Kstat k : kstats) {
            now.put(k.module() + ":" + k.instance() + ":" + k.name(), k);
            String zn = k.get("zonename");
            if (zn != null && !k.module().equals("link")) {
                UUID u = uuid(zn);
                if (u != null) {
                    zones.put(k.instance(), u);
                }
            }
        }
        Map<UUID, Acc> acc = new LinkedHashMap<>();
        zones.values().forEach(u -> acc.computeIfAbsent(u, x -> new Acc()));
        Map<String, io.zonedeck.agent.api.DiskSample> disks = new java.util.TreeMap<>();
        double nodeBusy = 0;
        double nodeTime = 0;
        for (KstatParser.Kstat k : kstats) {
            String key = k.module() + ":" + k.instance() + ":" + k.name();
            KstatParser.Kstat before = previous.get(key);
            switch (k.module()) {
                case "zones" -> {
                    Acc a = acc.get(zones.get(k.instance()));
                    if (a != null) {
                        a.cpuPct = 100 * (rate(before, k, "nsec_user") + rate(before, k, "nsec_sys")) / 1e9;
                        a.waitPct = 100 * rate(before, k, "nsec_waitrq") / 1e9;
                    }
                }
                case "caps" -> {
                    Acc a = acc.get(zones.get(k.instance()));
                    if (a != null && k.name().startsWith("cpucaps_zone_")) {
                        a.cap = (int) orZero(k.number("value"));
                        a.baseline = (int) orZero(k.number("baseline"));
                        a.burstCredit = burstCredit(k, a.cap, a.baseline);
                    } else if (a != null && k.name().startsWith("lwps_zone_")) {
                        a.lwps = (int) orZero(k.number("usage"));
                    }
                }
                case "memory_cap" -> {
                    Acc a = acc.get(zones.get(k.instance()));
                    if (a != null) {
                        double rss = orZero(k.number("rss"));
                        double cap = orZero(k.number("physcap"));
                        a.rssMiB = (long) (rss / MIB);
                        a.capMiB = cap >= NO_CAP ? 0 : (long) (cap / MIB);
                        a.swapMiB = (long) (Math.max(0, orZero(k.number("swap")) - rss) / MIB);
                    }
                }
                case "zone_vfs" -> {
                    Acc a = acc.get(zones.get(k.instance()));
                    if (a != null) {
                        a.readBytes = (long) rate(before, k, "nread");
                        a.writeBytes = (long) rate(before, k, "nwritten");
                        double reads = rate(before, k, "reads");
                        double writes = rate(before, k, "writes");
                        a.readOps = Math.round(reads);
                        a.writeOps = Math.round(writes);
                        double ops = reads + writes;
                        a.ioDelayUs = ops > 0 ? rate(before, k, "delay_time") / ops : 0;
                    }
                }
                case "link" -> {
                    UUID u = uuid(k.get("zonename"));
                    Acc a = u == null ? null : acc.get(u);
                    if (a != null) {
                        a.rxBytes += (long) rate(before, k, "rbytes64");
                        a.txBytes += (long) rate(before, k, "obytes64");
                        a.rxPackets += Math.round(rate(before, k, "ipackets64"));
                        a.txPackets += Math.round(rate(before, k, "opackets64"));
                    }
                }
                case "sd" -> {
                    // sd:<inst>:sd<inst> is the disk's I/O kstat; sd<inst>,err holds its error counters
                    if (!k.name().contains(",") && !Double.isNaN(k.number("nread"))) {
                        io.zonedeck.agent.api.Histogram lat =
                                dtrace == null ? null : dtrace.deviceLatency().get(k.name());
                        disks.put(
                                k.name(),
                                new io.zonedeck.agent.api.DiskSample(
                                        k.name(),
                                        (long) rate(before, k, "nread"),
                                        (long) rate(before, k, "nwritten"),
                                        Math.round(rate(before, k, "reads")),
                                        Math.round(rate(before, k, "writes")),
                                        dtrace == null
                                                ? null
                                                : lat == null ? io.zonedeck.agent.api.Histogram.EMPTY : lat));
                    }
                }
                case "cpu" -> {
                    if (k.name().equals("sys") && before != null) {
                        double dt = k.snaptimeNs() - before.snaptimeNs();
                        if (dt > 0) {
                            nodeBusy += delta(before, k, "cpu_nsec_user") + delta(before, k, "cpu_nsec_kernel");
                            nodeTime += dt;
                        }
                    }
                }
                default -> {
                    // other modules are not asked for
                }
            }
        }
        previous = now;
        List<MachineSample> machines = new ArrayList<>();
        long memUsed = 0;
        double demand = 0;
        for (Map.Entry<UUID, Acc> e : acc.entrySet()) {
            UUID u = e.getKey();
            Acc a = e.getValue();
            String zone = u.toString();
            Map<String, Long> calls = null;
            Histogram sys = null;
            Histogram disk = null;
            Histogram runq = null;
            if (dtrace != null) {
                calls = new LinkedHashMap<>();
                for (String name : MachineSample.SYSCALLS) {
                    calls.put(name, 0L);
                }
                for (Map.Entry<String, Long> c :
                        dtrace.syscalls().getOrDefault(zone, Map.of()).entrySet()) {
                    calls.merge(DtraceParser.fold(c.getKey()), c.getValue(), Long::sum);
                }
                sys = dtrace.syscallLatency().getOrDefault(zone, Histogram.EMPTY);
                disk = dtrace.diskLatency().getOrDefault(zone, Histogram.EMPTY);
                runq = dtrace.runqLatency().getOrDefault(zone, Histogram.EMPTY);
            }
            double want = a.cpuPct + a.waitPct;
            if (a.cap > 0) {
                want = Math.min(want, a.cap);
            }
            demand += want;
            memUsed += a.rssMiB;
            machines.add(new MachineSample(
                    u,
                    a.cpuPct,
                    a.cap,
                    a.rssMiB,
                    a.capMiB,
                    a.readBytes,
                    a.writeBytes,
                    a.rxBytes,
                    a.txBytes,
                    shares.applyAsInt(u),
                    a.baseline,
                    a.burstCredit,
                    a.cpuPct + a.waitPct,
                    a.readOps,
                    a.writeOps,
                    a.ioDelayUs,
                    a.lwps,
                    a.swapMiB,
                    a.rxPackets,
                    a.txPackets,
                    calls,
                    sys,
                    disk,
                    runq));
        }
        double util = nodeTime > 0 ? Math.min(100, 100 * nodeBusy / nodeTime) : 0;
        return new NodeSample(util, memUsed, machines, demand / Math.max(1, cpus), List.copyOf(disks.values()));
    }

    /**
     * The seconds a zone may still run above its baseline, from its cpucaps kstat (illumos cpucaps.c): a
     * {@code burst_limit_sec} of 0 means no limit; otherwise the credit is what {@code bursting_sec} (the current
     * run above the baseline) leaves of it. A zone whose {@code effective} cap has dropped to its baseline is held
     * there: no credit, whatever the counters say.
     */
    static double burstCredit(KstatParser.Kstat caps, int cap, int baseline) {
        if (baseline <= 0) {
            return 0;
        }
        double effective = caps.number("effective");
        if (!Double.isNaN(effective) && effective > 0 && effective <= baseline && cap > baseline) {
            return 0;
        }
        double limit = orZero(caps.number("burst_limit_sec"));
        if (limit <= 0) {
            return MachineSample.UNLIMITED_BURST_S;
        }
        return Math.max(0, limit - orZero(caps.number("bursting_sec")));
    }

    /** Per second, from the two reads' snaptimes; 0 on the first read, a reset counter, or no time passed. */
    private static double rate(KstatParser.Kstat before, KstatParser.Kstat now, String stat) {
        if (before == null) {
            return 0;
        }
        double dt = now.snaptimeNs() - before.snaptimeNs();
        double d = delta(before, now, stat);
        return dt > 0 && !Double.isNaN(dt) ? d / (dt / 1e9) : 0;
    }

    private static double delta(KstatParser.Kstat before, KstatParser.Kstat now, String stat) {
        double d = now.number(stat) - before.number(stat);
        return Double.isNaN(d) || d < 0 ? 0 : d;
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static UUID uuid(String s) {
        if (s == null || s.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final class Acc {
        double cpuPct;
        double waitPct;
        int cap;
        int baseline;
        double burstCredit;
        int lwps;
        long rssMiB;
        long capMiB;
        long swapMiB;
        long readBytes;
        long writeBytes;
        long readOps;
        long writeOps;
        double ioDelayUs;
        long rxBytes;
        long txBytes;
        long rxPackets;
        long txPackets;
    }
}
