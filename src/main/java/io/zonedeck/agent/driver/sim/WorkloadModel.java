package io.zonedeck.agent.driver.sim;

import io.zonedeck.agent.api.Histogram;
import io.zonedeck.agent.api.MachineSample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Synthetic load of one machine: a seeded base load with a daily wave, noise and occasional bursts. The same
 * seed and the same sequence of calls give the same samples.
 *
 * <p>The model says what the workload <em>wants</em> ({@link #wantCpu}, {@link #wantIo}); the node decides what
 * it gets ({@link NodeModel}: caps, baselines, shares, the I/O throttle) and {@link #settle} turns that into a
 * sample. {@link #next} does all three for a machine alone on its node (only its cap limits it).
 *
 * <p>Invariants: resident memory approaches a working set and never exceeds the memory cap; swap grows only while
 * the working set presses against the cap (and drains once it does not); lwps never exceed max_lwps; a machine
 * that is not running uses no CPU, no memory and no I/O, and has empty latency distributions.
 *
 * <p>Protocol v1.2 detail follows what the machine got: packets follow bytes with a per-machine packet size,
 * system calls follow the CPU used (a per-machine mix over {@link MachineSample#SYSCALLS}), and the three latency
 * distributions ({@link LatencyModel}) shift with what the node did to the machine this second ({@link
 * Pressure}): syscall and run-queue latency rise when the machine is held at its cap or the node is contended,
 * disk latency is the device's service time plus the zone I/O throttle's delay.
 */
public final class WorkloadModel {
    private static final double SECONDS_PER_DAY = 86_400.0;
    private static final List<String> SYSCALLS = MachineSample.SYSCALLS;
    private static final int SYSCALL_POLLSYS = SYSCALLS.indexOf("pollsys");
    /** A typical zone's system call mix (read, write, open, close, stat, mmap, ioctl, pollsys, other). */
    private static final double[] TYPICAL_MIX = {0.22, 0.15, 0.04, 0.05, 0.06, 0.03, 0.12, 0.18, 0.15};
    /** A stopped machine's system calls: all zero. */
    private static final Map<String, Long> NO_SYSCALLS = new SyscallCounts(new long[SYSCALLS.size()]);

    private final UUID uuid;
    private final int nodeCpus;
    private final SplittableRandom random;
    private final double baseCpuPct;
    private final double wavePhase;
    private final double waveAmplitude;
    private final double workingSetFraction;
    private final double ioBytesPerCpuPct;
    private final double netBytesPerCpuPct;
    private final double burstChance;
    private final double ioSizeBytes;
    private final double baseLwps;
    // protocol v1.2 detail, drawn after the fields above so that those keep their values for a seed
    private final double burstMemFactor;
    private final double rxPacketBytes;
    private final double txPacketBytes;
    private final double syscallsPerCpuPct;
    private final double[] syscallMix;
    private final double syscallFastUs;
    private final double syscallSlowUs;
    private final double syscallBlocking;
    private final double switchesPerCpuPct;
    private final double runqBaseUs;
    private final LatencyModel latency;

    private double rssMiB;
    private double swapMiB;
    private int burstSecondsLeft;
    private double burstFactor = 1.0;
    /** While this machine plays the node's noisy neighbour: its CPU (% of one CPU) and disk (bytes/s) demand. */
    private double noisyCpuPct;

    private double noisyDiskBytes;
    /** Tests and drills: a constant memory working set in MiB instead of the synthetic one; null = synthetic. */
    private Double fixedMemMiB;
    /** Tests and drills: a constant CPU demand (% of one CPU) instead of the synthetic one; null = synthetic. */
    private Double fixedCpuPct;
    /** Tests and drills: a constant disk demand in bytes/s instead of the one that follows the CPU; null = none. */
    private Double fixedDiskBytes;

    /** The limits in force for one sample, as the node applies them. */
    record Limits(
            int cpuCap,
            int cpuShares,
            int cpuBaseline,
            int burstCredit,
            long memCapMiB,
            long maxSwapMiB,
            int maxLwps) {}

    /**
     * What the node did to a running machine this second, for its latency distributions.
     *
     * @param nodeUtil CPU used on the node, 0..1 of all its CPUs
     * @param nodeDemand what the node's machines wanted within their limits, 1 = all its CPUs (above 1: contended)
     * @param capWait the part of this machine's demand its own cap (or baseline) held back, 0..1
     * @param contention the part of what its limits allowed that the node could not give it, 0..1
     * @param serviceUs median device service time of the pool this second (µs)
     */
    record Pressure(double nodeUtil, double nodeDemand, double capWait, double contention, double serviceUs) {
        /** An idle pool's device service time (µs), about an NVMe pool's. */
        static final double IDLE_SERVICE_US = 90;
        /** Pool utilization is held below this in the service-time formula (the queue would be unbounded at 1). */
        static final double MAX_POOL_UTIL = 0.97;

        /** Median device service time at pool utilization {@code util} (0..1): an M/M/1 queue's S / (1 - ρ). */
        static double serviceUs(double util) {
            return IDLE_SERVICE_US / (1 - Math.max(0, Math.min(MAX_POOL_UTIL, util)));
        }

        static double fraction(double held, double of) {
            return of <= 0 ? 0 : Math.max(0, Math.min(1, held / of));
        }
    }

    /** Disk demand (or grant) of one second. */
    record Io(double readBytes, double writeBytes, double readOps, double writeOps) {
        static final Io NONE = new Io(0, 0, 0, 0);

        double bytes() {
            return readBytes + writeBytes;
        }

        double ops() {
            return readOps + writeOps;
        }

        Io scaled(double f) {
            return new Io(readBytes * f, writeBytes * f, readOps * f, writeOps * f);
        }
    }

    public WorkloadModel(long seed, UUID uuid, int nodeCpus) {
        this.uuid = uuid;
        this.nodeCpus = Math.max(1, nodeCpus);
        this.random = new SplittableRandom(seed ^ uuid.getMostSignificantBits() * 31 ^ uuid.getLeastSignificantBits());
        this.baseCpuPct = 3 + random.nextDouble() * random.nextDouble() * 120;
        this.wavePhase = random.nextDouble() * 2 * Math.PI;
        this.waveAmplitude = 0.2 + random.nextDouble() * 0.5;
        this.workingSetFraction = 0.3 + random.nextDouble() * 0.6;
        this.ioBytesPerCpuPct = 5_000 + random.nextDouble() * 200_000;
        this.netBytesPerCpuPct = 2_000 + random.nextDouble() * 100_000;
        this.burstChance = 0.001 + random.nextDouble() * 0.004;
        this.ioSizeBytes = 4096 + random.nextDouble() * 124 * 1024;
        this.baseLwps = 20 + random.nextDouble() * 300;
        this.burstMemFactor = 1.05 + random.nextDouble() * 0.35;
        this.rxPacketBytes = 300 + random.nextDouble() * 1100;
        this.txPacketBytes = 200 + random.nextDouble() * 1200;
        this.syscallsPerCpuPct = 300 + random.nextDouble() * 3000;
        this.syscallMix = mix(random);
        this.syscallFastUs = 1.5 + random.nextDouble() * 4;
        this.syscallSlowUs = 300 * Math.pow(10, random.nextDouble() * 1.5);
        this.syscallBlocking = 0.01 + syscallMix[SYSCALL_POLLSYS] * 0.3;
        this.switchesPerCpuPct = 30 + random.nextDouble() * 300;
        this.runqBaseUs = 3 + random.nextDouble() * 9;
        this.latency = new LatencyModel(random);
    }

    private static double[] mix(SplittableRandom random) {
        double[] w = new double[SYSCALLS.size()];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = TYPICAL_MIX[i] * (0.3 + 1.4 * random.nextDouble());
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /**
     * The next second of this machine alone on its node.
     *
     * @param cpuCap percent of one CPU, 0 = uncapped
     * @param memCapMiB max_physical_memory
     */
    public MachineSample next(Instant now, boolean running, int cpuCap, long memCapMiB) {
        Limits limits = new Limits(cpuCap, 100, 0, 0, memCapMiB, Math.max(256, memCapMiB), Integer.MAX_VALUE);
        if (!running) {
            return idle(limits);
        }
        double demand = wantCpu(now);
        double capacity = 100.0 * nodeCpus;
        double cpu = Math.min(demand, cpuCap > 0 ? cpuCap : capacity);
        Io io = wantIo(cpu);
        double poolUtil =
                Math.max(io.bytes() / NodeModel.DISK_BYTES_PER_SECOND, io.ops() / NodeModel.DISK_OPS_PER_SECOND);
        Pressure pressure = new Pressure(
                cpu / capacity,
                cpu / capacity,
                Pressure.fraction(demand - cpu, demand),
                0,
                Pressure.serviceUs(poolUtil));
        return settle(limits, demand, cpu, io, 0, pressure);
    }

    /** Fixes the demand (tests and drills); null restores the synthetic load. */
    void fixDemand(Double cpuPct, Double diskBytesPerSecond) {
        this.fixedCpuPct = cpuPct;
        this.fixedDiskBytes = diskBytesPerSecond;
    }

    /** Fixes the memory working set in MiB (tests and drills); null restores the synthetic one. */
    void fixMemory(Double workingSetMiB) {
        this.fixedMemMiB = workingSetMiB;
    }

    /**
     * Makes this machine the node's noisy neighbour (CPU demand in % of one CPU, disk demand in bytes/s) until
     * {@link #quiet()}. A fixed demand ({@link #fixDemand}) still wins: such a machine stays as fixed.
     */
    void noisy(double cpuPct, double diskBytesPerSecond) {
        this.noisyCpuPct = cpuPct;
        this.noisyDiskBytes = diskBytesPerSecond;
    }

    void quiet() {
        this.noisyCpuPct = 0;
        this.noisyDiskBytes = 0;
    }

    boolean isNoisy() {
        return noisyCpuPct > 0 || noisyDiskBytes > 0;
    }

    /** A fixed demand (tests and drills) switches the noisy spell off for this machine. */
    private double noisyCpuPct() {
        return fixedCpuPct == null && fixedDiskBytes == null ? noisyCpuPct : 0;
    }

    private double noisyDiskBytes() {
        return fixedCpuPct == null && fixedDiskBytes == null ? noisyDiskBytes : 0;
    }

    /** CPU the workload wants this second, in % of one CPU, at most all the node's CPUs. Advances the model. */
    double wantCpu(Instant now) {
        double dayFraction = (now.getEpochSecond() % 86_400) / SECONDS_PER_DAY;
        double wave = 1 + waveAmplitude * Math.sin(2 * Math.PI * dayFraction + wavePhase);
        double noise = 1 + gaussian() * 0.15;
        updateBurst();
        double want = fixedCpuPct != null
                ? fixedCpuPct
                : Math.max(noisyCpuPct(), Math.max(0, baseCpuPct * wave * noise * burstFactor));
        return Math.min(want, 100.0 * nodeCpus);
    }

    /** Disk I/O the workload wants this second when it runs at {@code cpuPct}: reads 60 %, writes 40 %. */
    Io wantIo(double cpuPct) {
        double load = Math.max(cpuPct, 0.5);
        double total = fixedDiskBytes != null ? fixedDiskBytes : Math.max(noisyDiskBytes(), load * ioBytesPerCpuPct);
        double read = noisy(total * 0.6);
        double write = noisy(total * 0.4);
        return new Io(read, write, read / ioSizeBytes, write / ioSizeBytes);
    }

    /**
     * The sample of a running machine once the node has decided.
     *
     * @param demand what it wanted ({@link #wantCpu})
     * @param cpu what it got
     * @param io the disk I/O it got
     * @param ioDelayUs mean throttle delay per operation
     * @param pressure what the node did to it this second, for the latency distributions
     */
    MachineSample settle(Limits limits, double demand, double cpu, Io io, double ioDelayUs, Pressure pressure) {
        double memWant = memoryWant(limits.memCapMiB());
        rssMiB = nextRss(memWant, limits.memCapMiB());
        swapMiB = nextSwap(memWant, limits);
        double load = Math.max(cpu, 0.5);
        long netRx = bytes(load * netBytesPerCpuPct);
        long netTx = bytes(load * netBytesPerCpuPct * 0.7);
        double threads = baseLwps * (1 + Math.min(cpu, 400) / 200) * (1 + gaussian() * 0.05);
        int lwps = (int) Math.max(1, Math.min(limits.maxLwps(), Math.round(threads)));
        long readOps = Math.round(io.readOps());
        long writeOps = Math.round(io.writeOps());
        Map<String, Long> calls = syscalls(cpu, lwps);
        long callTotal = 0;
        for (long c : calls.values()) {
            callTotal += c;
        }
        return new MachineSample(
                uuid,
                round2(cpu),
                limits.cpuCap(),
                Math.round(Math.floor(rssMiB)),
                limits.memCapMiB(),
                Math.round(io.readBytes()),
                Math.round(io.writeBytes()),
                netRx,
                netTx,
                limits.cpuShares(),
                limits.cpuBaseline(),
                limits.burstCredit(),
                round2(demand),
                readOps,
                writeOps,
                Math.round(ioDelayUs * 10) / 10.0,
                lwps,
                Math.round(swapMiB),
                packets(netRx, rxPacketBytes),
                packets(netTx, txPacketBytes),
                calls,
                syscallLatency(callTotal, pressure),
                diskLatency(readOps + writeOps, ioDelayUs, pressure),
                runqLatency(cpu, lwps, pressure));
    }

    /** The sample of a machine that is not running: nothing used, its limits reported. */
    MachineSample idle(Limits limits) {
        rssMiB = 0;
        swapMiB = 0;
        burstSecondsLeft = 0;
        burstFactor = 1.0;
        quiet();
        return new MachineSample(
                uuid,
                0,
                limits.cpuCap(),
                0,
                limits.memCapMiB(),
                0,
                0,
                0,
                0,
                limits.cpuShares(),
                limits.cpuBaseline(),
                limits.burstCredit(),
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                NO_SYSCALLS,
                Histogram.EMPTY,
                Histogram.EMPTY,
                Histogram.EMPTY);
    }

    /** System calls this second by name: the rate follows the CPU used, idle threads still poll a little. */
    private Map<String, Long> syscalls(double cpu, int lwps) {
        long total = Math.round(Math.max(0, cpu * syscallsPerCpuPct * (1 + gaussian() * 0.1) + lwps * 5.0));
        long placed = 0;
        int largest = 0;
        long[] counts = new long[syscallMix.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = (long) (total * syscallMix[i] * (1 + gaussian() * 0.03));
            if (syscallMix[i] > syscallMix[largest]) {
                largest = i;
            }
        }
        for (long c : counts) {
            placed += c;
        }
        counts[largest] = Math.max(0, counts[largest] + total - placed); // the sum is the total
        return new SyscallCounts(counts);
    }

    /**
     * Most calls return in a few µs; a share blocks (pollsys, reads of sockets and files) for up to milliseconds.
     * A machine starved of CPU (held at its cap, or on a contended node) is preempted inside its calls: the fast
     * part slows down and more calls wait a scheduling interval.
     */
    private Histogram syscallLatency(long calls, Pressure p) {
        double starved = Math.max(p.capWait(), p.contention());
        double fast = syscallFastUs * (1 + 8 * starved + p.nodeUtil() * p.nodeUtil());
        double waiting = Math.min(0.6, 0.5 * starved);
        long slowCalls = Math.round(calls * syscallBlocking);
        long waitCalls = Math.round((calls - slowCalls) * waiting);
        return latency.add(calls - slowCalls - waitCalls, fast, 0.9)
                .add(slowCalls, syscallSlowUs, 1.2)
                .add(waitCalls, runqWaitUs(p), 0.7)
                .build();
    }

    /**
     * What the zone sees: the device's service time (longer for larger I/Os, longer as the pool fills) plus the
     * zone I/O throttle's delay, which every operation of a throttled zone waits before it is issued.
     */
    private Histogram diskLatency(long ops, double ioDelayUs, Pressure p) {
        double service = PoolModel.serviceUs(p.serviceUs(), ioSizeBytes);
        double median = service + ioDelayUs;
        // a constant delay narrows the distribution (in log terms) of the sum
        double sigma = 0.15 + 0.5 * service / median;
        return latency.add(ops, median, sigma).build();
    }

    /**
     * Runnable to running. A few µs on an idle node, growing with the node's utilization; when the node is
     * contended (demand above 100 %) the fair share scheduler makes a share of the wake-ups wait for other zones'
     * quanta; when the machine is at its cap its threads wait for the next tick.
     */
    private Histogram runqLatency(double cpu, int lwps, Pressure p) {
        long events = Math.round(Math.max(0, cpu) * switchesPerCpuPct + lwps * 2.0);
        double util = Math.min(1, p.nodeUtil());
        double base = runqBaseUs * (1 + 3 * util * util / (1.05 - util));
        double contended = p.nodeDemand() > 1 ? Math.min(0.9, 1 - 1 / p.nodeDemand()) : 0;
        double capped = p.capWait() > 0.005 ? Math.min(0.8, 0.05 + p.capWait()) : 0;
        double slow = Math.min(0.9, contended + capped);
        long waiting = Math.round(events * slow);
        long capWaits = slow <= 0 ? 0 : Math.round(waiting * capped / slow);
        return latency.add(events - waiting, base, 0.7)
                .add(waiting - capWaits, 1_000 * Math.min(8, Math.max(1, p.nodeDemand())), 0.8)
                .add(capWaits, 4_000, 0.6)
                .build();
    }

    /** The delay of a call that waits to be scheduled again (µs): a cap tick or fair-share quanta. */
    private static double runqWaitUs(Pressure p) {
        return p.capWait() >= p.contention() ? 4_000 : 1_000 * Math.min(8, Math.max(1, p.nodeDemand()));
    }

    private static long packets(long bytes, double packetBytes) {
        return bytes <= 0 ? 0 : Math.max(1, Math.round(bytes / packetBytes));
    }

    private void updateBurst() {
        if (burstSecondsLeft > 0) {
            burstSecondsLeft--;
            if (burstSecondsLeft == 0) {
                burstFactor = 1.0;
            }
        } else if (random.nextDouble() < burstChance) {
            burstSecondsLeft = 10 + random.nextInt(110);
            burstFactor = 2 + random.nextDouble() * 4;
        }
    }

    /** The memory the workload wants resident (MiB); during a burst or a noisy spell it may exceed the cap. */
    private double memoryWant(long memCapMiB) {
        if (fixedMemMiB != null) {
            return fixedMemMiB;
        }
        double factor = burstSecondsLeft > 0 ? burstMemFactor : 1.0;
        return memCapMiB * workingSetFraction * factor * (noisyCpuPct() > 0 ? 1.25 : 1.0);
    }

    private double nextRss(double memWant, long memCapMiB) {
        double workingSet = Math.min(memWant, memCapMiB);
        double next = rssMiB + (workingSet - rssMiB) * 0.05 + gaussian() * memCapMiB * 0.002;
        return Math.max(0, Math.min(memCapMiB, next));
    }

    /**
     * Pages go out only while the working set presses against the cap (resident memory at it); then swap
     * approaches the overflow, within max_swap. Otherwise swapped pages come back as they are touched.
     */
    private double nextSwap(double memWant, Limits limits) {
        long cap = limits.memCapMiB();
        boolean pressing = memWant > cap && rssMiB >= cap * 0.97;
        double overflow = pressing ? memWant - cap : 0;
        double next = overflow > swapMiB
                ? swapMiB + (overflow - swapMiB) * 0.05 + 1
                : Math.max(overflow, swapMiB - Math.max(1, swapMiB * 0.03));
        return Math.max(0, Math.min(Math.max(0, limits.maxSwapMiB()), Math.min(next, Math.max(overflow, swapMiB))));
    }

    private double noisy(double value) {
        return Math.max(0, value * (1 + gaussian() * 0.2));
    }

    private long bytes(double value) {
        return Math.round(noisy(value));
    }

    private double gaussian() {
        // Box-Muller on our own seeded generator, clipped to keep samples plausible
        double u1 = Math.max(1e-12, random.nextDouble());
        double u2 = random.nextDouble();
        double g = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        return Math.max(-3, Math.min(3, g));
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
