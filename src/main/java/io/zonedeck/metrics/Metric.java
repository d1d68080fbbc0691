package io.zonedeck.metrics;

import io.zonedeck.agent.api.MachineSample;
import io.zonedeck.agent.api.NodeSample;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The scalar metrics kept per second for every machine and node. For a machine the value is what its sample says;
 * for a node, CPU and memory are the node's own (CPU in % of the whole node) and the rates are the sums over its
 * machines. Rates are per second.
 */
public enum Metric {
    CPU("cpu", "CPU used", "% of one CPU", MachineSample::cpuPct, NodeSample::cpuUtilPct),
    CPU_CAP("cpu_cap", "cpu_cap", "% of one CPU", MachineSample::cpuCap, n -> 100),
    CPU_DEMAND("cpu_demand", "CPU demand", "% of one CPU", MachineSample::cpuDemandPct, NodeSample::cpuDemandPct),
    CPU_SHARES("cpu_shares", "cpu_shares", "shares", MachineSample::cpuShares, n -> 0),
    CPU_BASELINE("cpu_baseline", "cpu_baseline", "% of one CPU", MachineSample::cpuBaseline, n -> 0),
    BURST_CREDIT("burst_credit", "Burst credit", "s", MachineSample::burstCreditS, n -> 0),
    MEMORY("memory", "Memory (RSS)", "MiB", MachineSample::memRssMiB, NodeSample::memUsedMiB),
    MEMORY_CAP("memory_cap", "Memory cap", "MiB", MachineSample::memCapMiB, n -> 0),
    SWAP("swap", "Swap", "MiB", MachineSample::swapMiB, null),
    DISK_READ("disk_read", "Disk read", "B/s", MachineSample::diskReadBytes, null),
    DISK_WRITE("disk_write", "Disk write", "B/s", MachineSample::diskWriteBytes, null),
    DISK_READ_OPS("disk_read_ops", "Disk reads", "ops/s", MachineSample::diskReadOps, null),
    DISK_WRITE_OPS("disk_write_ops", "Disk writes", "ops/s", MachineSample::diskWriteOps, null),
    IO_DELAY("io_delay", "I/O throttle delay", "µs", MachineSample::ioDelayUs, null),
    NET_RX("net_rx", "Network in", "B/s", MachineSample::netRxBytes, null),
    NET_TX("net_tx", "Network out", "B/s", MachineSample::netTxBytes, null),
    NET_RX_PACKETS("net_rx_packets", "Packets in", "pkt/s", MachineSample::netRxPackets, null),
    NET_TX_PACKETS("net_tx_packets", "Packets out", "pkt/s", MachineSample::netTxPackets, null),
    LWPS("lwps", "LWPs", "threads", MachineSample::lwps, null),
    SYSCALLS("syscalls", "System calls", "calls/s", Metric::syscallTotal, null);

    /** The {@link #BURST_CREDIT} of a machine whose time above its baseline is not limited. */
    public static final double UNLIMITED_BURST = MachineSample.UNLIMITED_BURST_S;

    private final String key;
    private final String label;
    private final String unit;
    private final ToDoubleFunction<MachineSample> ofMachine;
    /** The node's own value; null: the sum over its machines. */
    private final ToDoubleFunction<NodeSample> ofNode;

    Metric(
            String key,
            String label,
            String unit,
            ToDoubleFunction<MachineSample> ofMachine,
            ToDoubleFunction<NodeSample> ofNode) {
        this.key = key;
        this.label = label;
        this.unit = unit;
        this.ofMachine = ofMachine;
        this.ofNode = ofNode;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    /** The machine's value in this sample. */
    public double of(MachineSample s) {
        return ofMachine.applyAsDouble(s);
    }

    /** The node's value: its own, or the sum over its machines. */
    public double of(NodeSample s) {
        if (ofNode != null) {
            return ofNode.applyAsDouble(s);
        }
        double sum = 0;
        for (MachineSample m : s.machines()) {
            sum += ofMachine.applyAsDouble(m);
        }
        return sum;
    }

    /** True for values that add up across machines (rates, memory), false for settings (caps, shares) and delays. */
    public boolean additive() {
        return switch (this) {
            case CPU_CAP, CPU_SHARES, CPU_BASELINE, BURST_CREDIT, MEMORY_CAP, IO_DELAY -> false;
            default -> true;
        };
    }

    public static Optional<Metric> byKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String k = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.key.equals(k)).findFirst();
    }

    private static double syscallTotal(MachineSample s) {
        if (s.syscalls() == null) {
            return 0;
        }
        long sum = 0;
        for (Long v : s.syscalls().values()) {
            sum += v == null ? 0 : v;
        }
        return sum;
    }
}
