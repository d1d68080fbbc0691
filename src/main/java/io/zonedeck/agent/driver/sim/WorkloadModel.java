package io.zonedeck.agent.driver.sim;

import io.zonedeck.agent.api.MachineSample;
import java.time.Instant;
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
 * <p>Invariants: resident memory approaches a working set and never exceeds the memory cap; lwps never exceed
 * max_lwps; a machine that is not running uses no CPU, no memory and no I/O.
 */
public final class WorkloadModel {
    private static final double SECONDS_PER_DAY = 86_400.0;

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

    private double rssMiB;
    private int burstSecondsLeft;
    private double burstFactor = 1.0;
    /** Tests and drills: a constant CPU demand (% of one CPU) instead of the synthetic one; null = synthetic. */
    private Double fixedCpuPct;
    /** Tests and drills: a constant disk demand in bytes/s instead of the one that follows the CPU; null = none. */
    private Double fixedDiskBytes;

    /** The limits in force for one sample, as the node applies them. */
    record Limits(int cpuCap, int cpuShares, int cpuBaseline, int burstCredit, long memCapMiB, int maxLwps) {}

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
    }

    /**
     * The next second of this machine alone on its node.
     *
     * @param cpuCap percent of one CPU, 0 = uncapped
     * @param memCapMiB max_physical_memory
     */
    public MachineSample next(Instant now, boolean running, int cpuCap, long memCapMiB) {
        Limits limits = new Limits(cpuCap, 100, 0, 0, memCapMiB, Integer.MAX_VALUE);
        if (!running) {
            return idle(limits);
        }
        double demand = wantCpu(now);
        double cpu = Math.min(demand, cpuCap > 0 ? cpuCap : 100.0 * nodeCpus);
        Io io = wantIo(cpu);
        return settle(limits, demand, cpu, io, 0);
    }

    /** Fixes the demand (tests and drills); null restores the synthetic load. */
    void fixDemand(Double cpuPct, Double diskBytesPerSecond) {
        this.fixedCpuPct = cpuPct;
        this.fixedDiskBytes = diskBytesPerSecond;
    }

    /** CPU the workload wants this second, in % of one CPU, at most all the node's CPUs. Advances the model. */
    double wantCpu(Instant now) {
        double dayFraction = (now.getEpochSecond() % 86_400) / SECONDS_PER_DAY;
        double wave = 1 + waveAmplitude * Math.sin(2 * Math.PI * dayFraction + wavePhase);
        double noise = 1 + gaussian() * 0.15;
        updateBurst();
        double want = fixedCpuPct != null ? fixedCpuPct : Math.max(0, baseCpuPct * wave * noise * burstFactor);
        return Math.min(want, 100.0 * nodeCpus);
    }

    /** Disk I/O the workload wants this second when it runs at {@code cpuPct}: reads 60 %, writes 40 %. */
    Io wantIo(double cpuPct) {
        double load = Math.max(cpuPct, 0.5);
        double total = fixedDiskBytes != null ? fixedDiskBytes : load * ioBytesPerCpuPct;
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
     */
    MachineSample settle(Limits limits, double demand, double cpu, Io io, double ioDelayUs) {
        rssMiB = nextRss(limits.memCapMiB());
        double load = Math.max(cpu, 0.5);
        long netRx = bytes(load * netBytesPerCpuPct);
        long netTx = bytes(load * netBytesPerCpuPct * 0.7);
        double threads = baseLwps * (1 + Math.min(cpu, 400) / 200) * (1 + gaussian() * 0.05);
        int lwps = (int) Math.max(1, Math.min(limits.maxLwps(), Math.round(threads)));
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
                Math.round(io.readOps()),
                Math.round(io.writeOps()),
                Math.round(ioDelayUs * 10) / 10.0,
                lwps);
    }

    /** The sample of a machine that is not running: nothing used, its limits reported. */
    MachineSample idle(Limits limits) {
        rssMiB = 0;
        burstSecondsLeft = 0;
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
                0);
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

    private double nextRss(long memCapMiB) {
        double workingSet = memCapMiB * workingSetFraction * (burstSecondsLeft > 0 ? 1.1 : 1.0);
        double next = rssMiB + (workingSet - rssMiB) * 0.05 + gaussian() * memCapMiB * 0.002;
        return Math.max(0, Math.min(memCapMiB, next));
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
