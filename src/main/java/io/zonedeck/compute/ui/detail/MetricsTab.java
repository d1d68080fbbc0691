package io.zonedeck.compute.ui.detail;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineDetail;
import io.zonedeck.metrics.Coverage;
import io.zonedeck.metrics.Distribution;
import io.zonedeck.metrics.Metric;
import io.zonedeck.metrics.MetricsService;
import io.zonedeck.metrics.Window;
import io.zonedeck.metrics.ui.LatencyHeatmap;
import io.zonedeck.metrics.ui.MachineCharts;
import io.zonedeck.metrics.ui.MetricChart;
import io.zonedeck.metrics.ui.Row;
import io.zonedeck.metrics.ui.Unit;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The machine's metrics: CPU against its cap with the burst band, memory against its cap, disk I/O with the throttle
 * delay, network, and a latency heatmap, over a window picked live (1 min, 10 min, 1 h, per second) or from
 * history (24 h, 7 d, per minute). Everything is read through {@link MetricsService}, so a tenant sees only her own
 * machines. What the machine's node does not measure is shown as such ("Not measured on node cn-9 (linux driver)"),
 * never as a zero line; the latency picker marks the distributions it does not measure.
 */
public class MetricsTab extends VerticalLayout implements MachineTab {
    static final Map<Window, String> WINDOWS = Map.of(
            Window.LIVE_1M, "1 min (live)",
            Window.LIVE_10M, "10 min (live)",
            Window.LIVE_1H, "1 h (live)",
            Window.HISTORY_24H, "24 h",
            Window.HISTORY_7D, "7 days");

    private final Select<Window> window = new Select<>();
    private final Span resolution = new Span();
    private final Select<Distribution> latency = new Select<>();
    private final Span cpuSettings = new Span();
    private final MetricChart cpu;
    private final List<MetricChart> charts;
    private final LatencyHeatmap heatmap;

    public MetricsTab(MetricsService metrics, UUID id, Clock clock) {
        setPadding(false);
        setId("metrics-tab");
        cpu = MachineCharts.cpu(metrics, id, clock).alsoRead(Metric.CPU_SHARES);
        cpu.setHeight("300px");
        MetricChart memory = MachineCharts.memory(metrics, id, clock);
        MetricChart disk = MachineCharts.disk(metrics, id, clock);
        MetricChart network = MachineCharts.network(metrics, id, clock);
        charts = List.of(cpu, memory, disk, network);
        heatmap = new LatencyHeatmap(metrics, id, clock, ZoneId.systemDefault());

        window.setId("metrics-window");
        window.setLabel("Window");
        window.setItems(Window.PRESETS);
        window.setItemLabelGenerator(WINDOWS::get);
        window.setValue(Window.LIVE_10M);
        window.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                show(e.getValue());
            }
        });
        resolution.setId("metrics-resolution");
        resolution.getStyle().set("color", "var(--lumo-secondary-text-color)");
        HorizontalLayout bar = new HorizontalLayout(window, resolution);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);

        Coverage coverage = coverage(metrics, id);
        latency.setId("metrics-latency");
        latency.setItems(Distribution.values());
        latency.setItemLabelGenerator(d -> coverage.measures(d)
                ? d.label()
                : d.label() + " (" + coverage.notMeasured().toLowerCase() + ")");
        Distribution first = java.util.Arrays.stream(Distribution.values())
                .filter(coverage::measures)
                .findFirst()
                .orElse(Distribution.SYSCALL_LATENCY);
        latency.setValue(first);
        heatmap.setDistribution(first);
        latency.setWidth("14em");
        latency.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                heatmap.setDistribution(e.getValue());
            }
        });

        cpuSettings.setId("metrics-cpu-settings");
        cpuSettings
                .getStyle()
                .set("color", "var(--lumo-secondary-text-color)")
                .set("font-size", "var(--lumo-font-size-s)");
        cpu.setId("metrics-cpu");
        memory.setId("metrics-memory");
        disk.setId("metrics-disk");
        network.setId("metrics-network");
        heatmap.setId("metrics-heatmap");

        HorizontalLayout heatHead = new HorizontalLayout(heading("Latency"), latency);
        heatHead.setAlignItems(FlexComponent.Alignment.BASELINE);
        heatHead.getStyle().set("flex-wrap", "wrap");
        Div heatCard = new Div(heatHead, heatmap);
        heatCard.addClassName("zd-card");
        heatCard.getStyle().set("min-width", "0");
        Div grid = new Div(
                card("Memory (RSS, cap and swap)", memory),
                card("Disk I/O (bytes/s, throttle delay per operation)", disk),
                card("Network (bytes and packets per second)", network),
                heatCard);
        grid.getStyle()
                .set("display", "grid")
                .set("grid-template-columns", "repeat(auto-fit, minmax(min(100%, 460px), 1fr))")
                .set("gap", "var(--lumo-space-m)")
                .set("width", "100%");
        Div cpuCard = card("CPU (% of one CPU)", cpu);
        cpuCard.addComponentAtIndex(1, cpuSettings);
        add(bar, cpuCard, grid);
        cpu.addAttachListener(e -> settings()); // after the chart's own attach has loaded its window
        show(Window.LIVE_10M);
    }

    /** What the machine's node measures; everything for a machine gone meanwhile (the page says so). */
    private static Coverage coverage(MetricsService metrics, UUID id) {
        try {
            return metrics.coverage(id);
        } catch (ZoneDeckException e) {
            return Coverage.EVERYTHING;
        }
    }

    private static Div card(String title, Component chart) {
        Div card = new Div(heading(title), chart);
        card.addClassName("zd-card");
        card.setWidthFull();
        card.getStyle().set("min-width", "0");
        return card;
    }

    private static H3 heading(String text) {
        H3 h = new H3(text);
        h.getStyle().set("margin", "0 0 var(--lumo-space-xs)").set("font-size", "var(--lumo-font-size-l)");
        return h;
    }

    private void show(Window w) {
        charts.forEach(c -> c.setWindow(w));
        heatmap.setWindow(w);
        resolution.setText(w.live() ? "per second, live" : "per minute, refreshed every minute");
        settings();
    }

    /** Once a second while the tab is shown: live windows get their new seconds, history ones reload each minute. */
    public void tick() {
        charts.forEach(MetricChart::tick);
        heatmap.tick();
        settings();
    }

    /** The CPU settings in force, from the newest sample: shares, cap, baseline and burst credit. */
    private void settings() {
        Optional<Row> last = cpu.lastRow();
        if (last.isEmpty()) {
            cpuSettings.setText("No samples yet");
            return;
        }
        Row r = last.get();
        double cap = r.get(Metric.CPU_CAP);
        double baseline = r.get(Metric.CPU_BASELINE);
        StringBuilder s = new StringBuilder();
        s.append("cpu_shares ").append(whole(r.get(Metric.CPU_SHARES)));
        s.append(" · cpu_cap ").append(cap > 0 ? Unit.PERCENT.format(cap) : "none");
        if (baseline > 0) {
            s.append(" · baseline ").append(Unit.PERCENT.format(baseline));
            double credit = r.get(Metric.BURST_CREDIT);
            s.append(" · burst credit ").append(credit == Metric.UNLIMITED_BURST ? "unlimited" : whole(credit) + " s");
            s.append(" (the shaded band: room above the baseline while credit lasts)");
        } else {
            s.append(" · no baseline (no burst band)");
        }
        cpuSettings.setText(s.toString());
    }

    private static String whole(double v) {
        return Double.isNaN(v) ? "–" : String.valueOf(Math.round(v));
    }

    @Override
    public void show(MachineDetail machine, Optional<JobInfo> active) {
        // the charts read the machine's own samples; nothing here follows the machine's record
    }

    public Select<Window> windowPicker() {
        return window;
    }

    public Select<Distribution> latencyPicker() {
        return latency;
    }

    public List<MetricChart> charts() {
        return charts;
    }

    public LatencyHeatmap heatmap() {
        return heatmap;
    }
}
