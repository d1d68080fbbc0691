package io.zonedeck.agent.api;

import java.util.List;
import java.util.Set;

/**
 * What a node's driver can do, advertised in {@code GET /v1/node} (protocol v1.3). The portal places, offers and
 * charts only what a node advertises: a brand it cannot run is never placed there, a throttle it cannot enforce is
 * not offered, and a metric it cannot measure is shown as unavailable rather than as zero. An older agent sends no
 * capabilities; the portal then assumes everything of the brands in {@link NodeInfo#brands()}.
 *
 * @param brands machine brands the node runs (vmadm's: joyent, joyent-minimal, lx, kvm, bhyve)
 * @param throttles live throttle properties it enforces, by vmadm name (cpu_cap, cpu_shares, cpu_baseline,
 *     cpu_burst_seconds, zfs_io_priority, disk_bps_max, disk_iops_max, max_physical_memory, max_lwps)
 * @param metrics per-machine metrics it measures, by the portal's metric keys (cpu, memory, disk_read, ...); the
 *     rest arrive as 0 and mean "not measured"
 * @param distributions latency distributions it measures (syscall_latency, disk_latency, runq_latency)
 * @param vrrp whether machines may have VRRP routers
 * @param snapshots whether machines may have snapshots
 * @param images image UUIDs the node runs natively (the linux driver's workloads); null = any image of the
 *     catalogue
 */
public record NodeCapabilities(
        List<String> brands,
        Set<String> throttles,
        Set<String> metrics,
        Set<String> distributions,
        boolean vrrp,
        boolean snapshots,
        List<String> images) {

    /** Every vmadm throttle property the protocol carries. */
    public static final Set<String> ALL_THROTTLES = Set.of(
            "cpu_cap",
            "cpu_shares",
            "cpu_baseline",
            "cpu_burst_seconds",
            "zfs_io_priority",
            "disk_bps_max",
            "disk_iops_max",
            "max_physical_memory",
            "max_lwps");

    /** Every per-machine metric key of {@link MachineSample}. */
    public static final Set<String> ALL_METRICS = Set.of(
            "cpu",
            "cpu_cap",
            "cpu_demand",
            "cpu_shares",
            "cpu_baseline",
            "burst_credit",
            "memory",
            "memory_cap",
            "swap",
            "disk_read",
            "disk_write",
            "disk_read_ops",
            "disk_write_ops",
            "io_delay",
            "net_rx",
            "net_tx",
            "net_rx_packets",
            "net_tx_packets",
            "lwps",
            "syscalls");

    public static final Set<String> ALL_DISTRIBUTIONS = Set.of("syscall_latency", "disk_latency", "runq_latency");

    public NodeCapabilities {
        brands = brands == null ? List.of() : List.copyOf(brands);
        throttles = throttles == null ? Set.of() : Set.copyOf(throttles);
        metrics = metrics == null ? Set.of() : Set.copyOf(metrics);
        distributions = distributions == null ? Set.of() : Set.copyOf(distributions);
        images = images == null ? null : List.copyOf(images);
    }

    /** Everything the protocol has, for the given brands (the sim driver; an older agent). */
    public static NodeCapabilities everything(List<String> brands) {
        return new NodeCapabilities(brands, ALL_THROTTLES, ALL_METRICS, ALL_DISTRIBUTIONS, true, true, null);
    }

    public boolean runsBrand(String brand) {
        return brands.contains(brand);
    }

    /** Whether the node runs the image: it names it, or it runs any image. */
    public boolean runsImage(String imageUuid) {
        return images == null || images.contains(imageUuid);
    }

    public boolean enforces(String throttle) {
        return throttles.contains(throttle);
    }

    public boolean measures(String metricKey) {
        return metrics.contains(metricKey) || distributions.contains(metricKey);
    }
}
