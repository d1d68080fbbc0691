package io.zonedeck.agent.driver.sim;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * From time to time one running machine of the node turns into a noisy neighbour: for a minute or a few it wants
 * most of the node's CPUs and a large part of the pool's bandwidth. Its cap and throttles still hold it, so how
 * much it hurts the others depends on them — which is what a demo of caps, shares and I/O throttles wants to
 * show.
 *
 * <p>Seeded and deterministic: the schedule is counted in ticks (one per sample) on a generator of its own, and
 * the machine is drawn by a seeded weighted draw (Efraimidis–Spirakis keys, weight = the square of the CPU it may
 * use), so that big machines, which can hurt the others most, are chosen most often, and for the same machines
 * the same one is chosen.
 */
final class NoisyNeighbour {
    /** Seconds before the first spell: between these two. */
    static final int FIRST_MIN = 60;

    static final int FIRST_MAX = 240;
    /** Length of a spell in seconds: between these two. */
    static final int SPELL_MIN = 60;

    static final int SPELL_MAX = 240;
    /** Quiet seconds between two spells: between these two. */
    static final int QUIET_MIN = 180;

    static final int QUIET_MAX = 600;

    private final long seed;
    private final SplittableRandom random;
    private final int cpus;
    private final double poolBytesPerSecond;
    private long tick;
    private long nextStart;
    private long endsAt;
    private SimMachine current;
    private boolean enabled = true;

    NoisyNeighbour(long seed, int cpus, double poolBytesPerSecond) {
        this.seed = seed;
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x5EED);
        this.cpus = cpus;
        this.poolBytesPerSecond = poolBytesPerSecond;
        this.nextStart = between(FIRST_MIN, FIRST_MAX);
    }

    /** One second: ends a spell that is over (or whose machine stopped), starts one that is due. */
    void advance(List<SimMachine> running, NodeModel node) {
        tick++;
        if (current != null) {
            if (tick < endsAt && running.contains(current)) {
                return;
            }
            current.workload.quiet();
            current = null;
            nextStart = tick + between(QUIET_MIN, QUIET_MAX);
        }
        if (!enabled || tick < nextStart || running.isEmpty()) {
            return;
        }
        current = pick(running, node);
        endsAt = tick + between(SPELL_MIN, SPELL_MAX);
        double cpuPct = 100.0 * cpus * (0.5 + 0.5 * random.nextDouble());
        double diskBytes = poolBytesPerSecond * (0.45 + 0.35 * random.nextDouble());
        current.workload.noisy(cpuPct, diskBytes);
    }

    /** The machine making noise now, or null. */
    UUID current() {
        return current == null ? null : current.payload.uuid();
    }

    /** Switches spells off (a running spell ends at the next tick) or on again. */
    void setEnabled(boolean on) {
        enabled = on;
        if (!on && current != null) {
            endsAt = tick;
        }
    }

    private SimMachine pick(List<SimMachine> running, NodeModel node) {
        SimMachine best = null;
        double bestKey = Double.NEGATIVE_INFINITY;
        for (SimMachine m : running) {
            UUID id = m.payload.uuid();
            long h = mix(seed ^ id.getMostSignificantBits() ^ Long.rotateLeft(id.getLeastSignificantBits(), 29));
            double u = ((h >>> 11) + 1.0) / (double) (1L << 53); // (0, 1]
            double limit = Math.max(1, node.cpuLimit(m));
            double key = Math.log(u) / (limit * limit);
            if (key > bestKey) {
                bestKey = key;
                best = m;
            }
        }
        return best;
    }

    private long between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
