package io.zonedeck.metrics.ui;

import io.zonedeck.metrics.Metric;
import io.zonedeck.metrics.MetricsService;
import io.zonedeck.metrics.ui.MetricChart.Axis;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** The line charts of a machine's metrics page: CPU against its cap and burst band, memory, disk and network. */
public final class MachineCharts {
    static final String USED = "#1676f3";
    static final String CAP = "#d64545";
    static final String BASELINE = "#2e9d5b";
    static final String BAND = "#f0a030";
    static final String SECOND = "#8e5bd6";
    static final String DELAY = "#e8590c";
    static final String GREY = "#7b8794";

    private MachineCharts() {}

    /**
     * CPU used against cpu_cap (a step line) and cpu_baseline, in % of one CPU; between baseline and cap a shaded
     * burst band while the machine has burst credit left (the room it may use above its baseline).
     */
    public static MetricChart cpu(MetricsService metrics, UUID machine, Clock clock) {
        List<Metric> band = List.of(Metric.CPU_CAP, Metric.CPU_BASELINE, Metric.BURST_CREDIT);
        return new MetricChart(
                metrics,
                machine,
                List.of(new Axis(Unit.PERCENT, "% of one CPU")),
                List.of(
                        Line.derived(
                                        "burst base",
                                        BAND,
                                        band,
                                        r -> bursting(r) ? r.get(Metric.CPU_BASELINE) : Double.NaN)
                                .stack("burst")
                                .invisible()
                                .z(1),
                        Line.derived(
                                        "burst band",
                                        BAND,
                                        band,
                                        r -> bursting(r)
                                                ? r.get(Metric.CPU_CAP) - r.get(Metric.CPU_BASELINE)
                                                : Double.NaN)
                                .stack("burst")
                                .area(0.22)
                                .width(0)
                                .z(1),
                        Line.of("CPU used", USED, Metric.CPU)
                                .area(0.12)
                                .width(2)
                                .z(5),
                        Line.setting("cpu_cap", CAP, Metric.CPU_CAP).width(3).z(3),
                        Line.setting("cpu_baseline", BASELINE, Metric.CPU_BASELINE)
                                .dashed()
                                .width(2)
                                .z(3)),
                clock);
    }

    /** Whether the row's machine may burst: a baseline below its cap and credit left (or no limit). */
    static boolean bursting(Row r) {
        double baseline = r.get(Metric.CPU_BASELINE);
        double cap = r.get(Metric.CPU_CAP);
        double credit = r.get(Metric.BURST_CREDIT);
        return baseline > 0 && cap > baseline && (credit > 0 || credit == Metric.UNLIMITED_BURST);
    }

    /** Memory RSS against the memory cap (a step line), and swap. */
    public static MetricChart memory(MetricsService metrics, UUID machine, Clock clock) {
        return new MetricChart(
                metrics,
                machine,
                List.of(new Axis(Unit.MIB, null)),
                List.of(
                        Line.of("RSS", USED, Metric.MEMORY).area(0.12).width(2).z(5),
                        Line.setting("memory cap", CAP, Metric.MEMORY_CAP).width(3),
                        Line.of("swap", BAND, Metric.SWAP).area(0.2)),
                clock);
    }

    /** Disk read and write bytes per second, and the I/O throttle delay (µs per operation) on the right axis. */
    public static MetricChart disk(MetricsService metrics, UUID machine, Clock clock) {
        return new MetricChart(
                metrics,
                machine,
                List.of(new Axis(Unit.BYTES_PER_SECOND, null), new Axis(Unit.MICROS, null)),
                List.of(
                        Line.of("read", USED, Metric.DISK_READ).width(2),
                        Line.of("write", SECOND, Metric.DISK_WRITE).width(2),
                        Line.of("I/O throttle delay", DELAY, Metric.IO_DELAY)
                                .axis(1)
                                .area(0.15)
                                .dashed()),
                clock);
    }

    /** Network bytes in and out per second, and packets (dashed) on the right axis. */
    public static MetricChart network(MetricsService metrics, UUID machine, Clock clock) {
        return new MetricChart(
                metrics,
                machine,
                List.of(new Axis(Unit.BYTES_PER_SECOND, null), new Axis(Unit.PACKETS_PER_SECOND, null)),
                List.of(
                        Line.of("in", BASELINE, Metric.NET_RX).width(2),
                        Line.of("out", USED, Metric.NET_TX).width(2),
                        Line.of("packets in", BASELINE, Metric.NET_RX_PACKETS)
                                .axis(1)
                                .dashed()
                                .width(1),
                        Line.of("packets out", USED, Metric.NET_TX_PACKETS)
                                .axis(1)
                                .dashed()
                                .width(1)),
                clock);
    }
}
