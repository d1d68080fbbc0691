package io.zonedeck.agent.driver.sim;

import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.MachineState;
import io.zonedeck.agent.api.NodeSample;
import io.zonedeck.agent.driver.sim.WorkloadModel.Io;
import io.zonedeck.agent.driver.sim.WorkloadModel.Limits;
import io.zonedeck.agent.driver.sim.WorkloadModel.Pressure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One second of a node, the way the illumos schedulers share it among zones:
 *
 * <ol>
 *   <li>CPU: each machine's demand is limited by its effective cap — cpu_cap (for an HVM also its vcpus), or
 *       cpu_baseline while its burst credit is empty. When the limited demands exceed the node (100 % per CPU),
 *       the node is split by cpu_shares (fair share scheduler): water-filling in proportion to the shares, and
 *       what a machine does not want goes to the others.
 *   <li>Burst credit: a second above the baseline spends one, a second at or below it refills one, up to
 *       cpu_burst_seconds.
 *   <li>Disk: the demand follows the CPU the machine got; disk_bps_max and disk_iops_max hold it down; the node's
 *       own bandwidth is split by zfs_io_priority the same way. A throttled machine's operations queue: its mean
 *       delay per operation (io_delay_us) grows with the overage.
 *   <li>Memory and threads: resident memory stays within max_physical_memory, lwps within max_lwps.
 *   <li>Latency: the pool's device service time grows with its utilization (bytes or operations, whichever is
 *       nearer its limit); each machine's distributions follow what the node did to it ({@link Pressure}); the
 *       pool's disks ({@link PoolModel}) carry the machines' I/O.
 *   <li>From time to time one machine plays the noisy neighbour ({@link NoisyNeighbour}).
 * </ol>
 *
 * Caller holds the driver's monitor (the machines are mutable).
 */
final class NodeModel {
    /** Disk bandwidth of a sim node: about a small NVMe pool. */
    static final double DISK_BYTES_PER_SECOND = 2.0 * 1024 * 1024 * 1024;

    static final double DISK_OPS_PER_SECOND = 200_000;
    /** The zone I/O throttle never delays one operation longer than this (µs). */
    static final double MAX_IO_DELAY_US = 100_000;

    private final int cpus;
    private final double diskBytesPerSecond;
    private final double diskOpsPerSecond;
    private final NoisyNeighbour noisy;
    private final PoolModel pool;

    NodeModel(int cpus, long seed) {
        this(cpus, DISK_BYTES_PER_SECOND, DISK_OPS_PER_SECOND, seed);
    }

    NodeModel(int cpus, double diskBytesPerSecond, double diskOpsPerSecond) {
        this(cpus, diskBytesPerSecond, diskOpsPerSecond, 0);
    }

    NodeModel(int cpus, double diskBytesPerSecond, double diskOpsPerSecond, long seed) {
        this.cpus = Math.max(1, cpus);
        this.diskBytesPerSecond = diskBytesPerSecond;
        this.diskOpsPerSecond = diskOpsPerSecond;
        this.noisy = new NoisyNeighbour(seed, this.cpus, diskBytesPerSecond);
        this.pool = new PoolModel(seed, PoolModel.DEFAULT_DISKS);
    }

    /** The node's noisy neighbour. */
    NoisyNeighbour noisyNeighbour() {
        return noisy;
    }

    NodeSample tick(Instant now, Collection<SimMachine> all) {
        List<SimMachine> running = new ArrayList<>();
        for (SimMachine m : all) {
            if (m.state == MachineState.RUNNING) {
                running.add(m);
            }
        }
        noisy.advance(running, this);
        int n = running.size();
        double[] demand = new double[n];
        double[] want = new double[n];
        double[] shares = new double[n];
        for (int i = 0; i < n; i++) {
            SimMachine m = running.get(i);
            demand[i] = m.workload.wantCpu(now);
            want[i] = Math.min(demand[i], cpuLimit(m));
            shares[i] = Math.max(1, m.cpuShares);
        }
        double[] cpu = waterFill(100.0 * cpus, want, shares);

        Io[] io = new Io[n];
        double[] ioFactor = new double[n];
        double[] wantBytes = new double[n];
        double[] wantOps = new double[n];
        double[] priority = new double[n];
        for (int i = 0; i < n; i++) {
            SimMachine m = running.get(i);
            io[i] = m.workload.wantIo(cpu[i]);
            ioFactor[i] = throttle(io[i], m.diskBpsMax, m.diskIopsMax);
            wantBytes[i] = io[i].bytes() * ioFactor[i];
            wantOps[i] = io[i].ops() * ioFactor[i];
            priority[i] = Math.max(1, m.zfsIoPriority);
        }
        double[] gotBytes = waterFill(diskBytesPerSecond, wantBytes, priority);
        double[] gotOps = waterFill(diskOpsPerSecond, wantOps, priority);

        Io[] got = new Io[n];
        double poolBytes = 0;
        double poolOps = 0;
        for (int i = 0; i < n; i++) {
            double f = ioFactor[i] * Math.min(ratio(gotBytes[i], wantBytes[i]), ratio(gotOps[i], wantOps[i]));
            got[i] = io[i].scaled(f);
            poolBytes += got[i].bytes();
            poolOps += got[i].ops();
        }
        double capacity = 100.0 * cpus;
        double used = 0;
        double wanted = 0;
        for (int i = 0; i < n; i++) {
            used += cpu[i];
            wanted += want[i];
        }
        double poolUtil = Math.max(poolBytes / diskBytesPerSecond, poolOps / diskOpsPerSecond);
        double serviceUs = Pressure.serviceUs(poolUtil);

        List<MachineSample> samples = new ArrayList<>(all.size());
        long rss = 0;
        int r = 0;
        for (SimMachine m : all) {
            MachineSample s;
            if (r < n && running.get(r) == m) {
                spendOrRefill(m, cpu[r]);
                Pressure pressure = new Pressure(
                        used / capacity,
                        wanted / capacity,
                        Pressure.fraction(demand[r] - want[r], demand[r]),
                        Pressure.fraction(want[r] - cpu[r], want[r]),
                        serviceUs);
                s = m.workload.settle(
                        limits(m), demand[r], cpu[r], got[r], ioDelayUs(io[r].ops(), got[r].ops()), pressure);
                r++;
            } else {
                spendOrRefill(m, 0);
                s = m.workload.idle(limits(m));
            }
            rss += s.memRssMiB();
            samples.add(s);
        }
        double util = Math.min(100.0, used / capacity * 100.0);
        return new NodeSample(
                round2(util),
                rss,
                List.copyOf(samples),
                round2(wanted / capacity * 100.0),
                pool.spread(samples, serviceUs));
    }

    /** The most CPU the machine may use this second (% of one CPU) before contention. */
    double cpuLimit(SimMachine m) {
        double limit = m.cpuCap > 0 ? m.cpuCap : 100.0 * cpus;
        if (m.hvm() && m.vcpus != null && m.vcpus > 0) {
            limit = Math.min(limit, 100.0 * m.vcpus);
        }
        if (m.bursts() && m.burstCredit < 1) {
            limit = Math.min(limit, m.cpuBaseline);
        }
        return limit;
    }

    private static void spendOrRefill(SimMachine m, double cpu) {
        if (m.cpuBaseline <= 0) {
            return;
        }
        if (cpu > m.cpuBaseline + 1e-9) {
            m.burstCredit = Math.max(0, m.burstCredit - 1);
        } else {
            m.burstCredit = Math.min(m.cpuBurstSeconds, m.burstCredit + 1);
        }
    }

    private static Limits limits(SimMachine m) {
        return new Limits(m.cpuCap, m.cpuShares, m.cpuBaseline, m.burstCredit, m.ramMiB(), m.maxSwap, m.maxLwps);
    }

    /** The fraction of {@code io} that disk_bps_max and disk_iops_max let through (0 = unlimited). */
    static double throttle(Io io, long bpsMax, long iopsMax) {
        double f = 1;
        if (bpsMax > 0 && io.bytes() > bpsMax) {
            f = Math.min(f, bpsMax / io.bytes());
        }
        if (iopsMax > 0 && io.ops() > iopsMax) {
            f = Math.min(f, iopsMax / io.ops());
        }
        return f;
    }

    /**
     * Mean delay per operation of a queue offered {@code wanted} operations a second and served {@code got}: the
     * service interval times the overage, 0 when nothing waits, at most {@link #MAX_IO_DELAY_US}.
     */
    static double ioDelayUs(double wanted, double got) {
        if (wanted <= got + 1e-9 || wanted <= 0) {
            return 0;
        }
        double served = Math.max(got, 1);
        return Math.min(MAX_IO_DELAY_US, 1_000_000 / served * (wanted / served - 1));
    }

    /**
     * Splits {@code capacity} among claimants by weight (water-filling): when all wants fit, each gets what it
     * wants; otherwise each gets a share in proportion to its weight, and the part of a share its claimant does
     * not want is split again among the others.
     */
    static double[] waterFill(double capacity, double[] wants, double[] weights) {
        int n = wants.length;
        double[] got = new double[n];
        boolean[] done = new boolean[n];
        double remaining = capacity;
        int open = 0;
        for (int i = 0; i < n; i++) {
            if (wants[i] <= 0) {
                done[i] = true;
            } else {
                open++;
            }
        }
        while (open > 0) {
            double wantSum = 0;
            double weightSum = 0;
            for (int i = 0; i < n; i++) {
                if (!done[i]) {
                    wantSum += wants[i];
                    weightSum += weights[i];
                }
            }
            if (wantSum <= remaining) {
                for (int i = 0; i < n; i++) {
                    if (!done[i]) {
                        got[i] = wants[i];
                    }
                }
                return got;
            }
            boolean anySatisfied = false;
            double unit = remaining / weightSum;
            for (int i = 0; i < n; i++) {
                if (!done[i] && wants[i] <= unit * weights[i]) {
                    got[i] = wants[i];
                    remaining -= wants[i];
                    done[i] = true;
                    open--;
                    anySatisfied = true;
                }
            }
            if (!anySatisfied) {
                for (int i = 0; i < n; i++) {
                    if (!done[i]) {
                        got[i] = unit * weights[i];
                    }
                }
                return got;
            }
        }
        return got;
    }

    private static double ratio(double got, double wanted) {
        return wanted <= 0 ? 1 : Math.min(1, got / wanted);
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
