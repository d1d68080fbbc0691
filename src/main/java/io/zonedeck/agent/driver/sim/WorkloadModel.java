package io.zonedeck.agent.driver.sim;

import io.zonedeck.agent.api.MachineSample;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Synthetic load of one machine, one sample per call: a seeded base load with a daily wave, noise
 * and occasional bursts. The same seed and the same sequence of calls give the same samples.
 *
 * <p>Invariants: CPU never exceeds the cap when one is set, else {@code 100 * nodeCpus}; resident
 * memory approaches a working set and never exceeds the memory cap; a machine that is not running
 * uses no CPU, no memory and no I/O.
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

    private double rssMiB;
    private int burstSecondsLeft;
    private double burstFactor = 1.0;

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
    }

    /**
     * The next second of this machine.
     *
     * @param cpuCap percent of one CPU, 0 = uncapped
     * @param memCapMiB max_physical_memory
     */
    public MachineSample next(Instant now, boolean running, int cpuCap, long memCapMiB) {
        if (!running) {
            rssMiB = 0;
            burstSecondsLeft = 0;
            return new MachineSample(uuid, 0, cpuCap, 0, memCapMiB, 0, 0, 0, 0);
        }
        double cpu = Math.min(nextCpu(now), cpuLimit(cpuCap));
        rssMiB = nextRss(memCapMiB);
        double load = Math.max(cpu, 0.5);
        long diskRead = bytes(load * ioBytesPerCpuPct * 0.6);
        long diskWrite = bytes(load * ioBytesPerCpuPct * 0.4);
        long netRx = bytes(load * netBytesPerCpuPct);
        long netTx = bytes(load * netBytesPerCpuPct * 0.7);
        return new MachineSample(
                uuid,
                round2(cpu),
                cpuCap,
                Math.round(Math.floor(rssMiB)),
                memCapMiB,
                diskRead,
                diskWrite,
                netRx,
                netTx);
    }

    private double nextCpu(Instant now) {
        double dayFraction = (now.getEpochSecond() % 86_400) / SECONDS_PER_DAY;
        double wave = 1 + waveAmplitude * Math.sin(2 * Math.PI * dayFraction + wavePhase);
        double noise = 1 + gaussian() * 0.15;
        updateBurst();
        return Math.max(0, baseCpuPct * wave * noise * burstFactor);
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

    private double cpuLimit(int cpuCap) {
        return cpuCap > 0 ? cpuCap : 100.0 * nodeCpus;
    }

    private double nextRss(long memCapMiB) {
        double workingSet = memCapMiB * workingSetFraction * (burstSecondsLeft > 0 ? 1.1 : 1.0);
        double next = rssMiB + (workingSet - rssMiB) * 0.05 + gaussian() * memCapMiB * 0.002;
        return Math.max(0, Math.min(memCapMiB, next));
    }

    private long bytes(double value) {
        return Math.max(0, Math.round(value * (1 + gaussian() * 0.2)));
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
