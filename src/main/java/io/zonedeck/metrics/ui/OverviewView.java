package io.zonedeck.metrics.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.LiveUpdates;
import io.zonedeck.metrics.MachineRef;
import io.zonedeck.metrics.Metric;
import io.zonedeck.metrics.MetricsService;
import io.zonedeck.metrics.NodeRef;
import io.zonedeck.metrics.Series;
import io.zonedeck.metrics.Window;
import io.zonedeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Operator: the datacenter at a glance, live at 1 Hz: nodes as a utilization heatmap (faulty ones flagged), capacity
 * totals, the machines highest in CPU and in I/O throttle delay, and every node's machines' CPU side by side, where
 * selecting a machine (picker or a row of the top lists) highlights it in every node's chart.
 */
@Route("datacenter")
@PageTitle("Datacenter · ZoneDeck")
@RolesAllowed(Roles.OPERATOR)
public class OverviewView extends VerticalLayout {
    static final int TOP = 8;
    /** Top lists and capacity are refreshed every this many ticks. */
    static final int SLOW_EVERY = 5;

    private final MetricsService metrics;
    private final Clock clock;
    private final Span summary = new Span();
    private final CapacityTotals capacity = new CapacityTotals();
    private final NodeHeatmap heatmap = new NodeHeatmap();
    private final TopMachinesGrid topCpu;
    private final TopMachinesGrid topIo;
    private final ComboBox<MachineRef> machine = new ComboBox<>("Highlight machine");
    private final ComparativeNodeCharts nodeCharts;
    private int ticks;

    public OverviewView(MetricsService metrics, LiveUpdates live, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
        addClassName("zd-page");
        setWidthFull();

        H2 title = new H2("Datacenter");
        title.getStyle().set("margin", "0");
        summary.setId("overview-summary");
        summary.getStyle().set("color", "var(--lumo-secondary-text-color)");
        HorizontalLayout header = new HorizontalLayout(title, summary);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);

        heatmap.setId("overview-heatmap");
        topCpu = new TopMachinesGrid(
                "overview-top-cpu", "CPU (% of one)", v -> String.format(Locale.ROOT, "%.1f %%", v), this::select);
        topIo = new TopMachinesGrid("overview-top-io", "I/O delay", OverviewView::micros, this::select);
        Div tops = new Div(
                section("Top machines by CPU (last 10 s)", topCpu),
                section("Top machines by I/O throttle delay (last minute)", topIo));
        tops.setWidthFull();
        tops.getStyle()
                .set("display", "grid")
                .set("grid-template-columns", "repeat(auto-fit, minmax(420px, 1fr))")
                .set("gap", "var(--lumo-space-m)");

        machine.setId("overview-machine");
        machine.setItemLabelGenerator(m -> m.name() + " · " + m.nodeName());
        machine.setPlaceholder("None");
        machine.setClearButtonVisible(true);
        machine.setWidth("18em");
        machine.addValueChangeListener(e ->
                nodeCharts().select(e.getValue() == null ? null : e.getValue().id()));
        nodeCharts = new ComparativeNodeCharts(metrics);
        H3 perNode = new H3("CPU per node (% of one CPU, last 2 min)");
        perNode.getStyle().set("margin", "0");
        HorizontalLayout perNodeBar = new HorizontalLayout(perNode, machine);
        perNodeBar.setAlignItems(FlexComponent.Alignment.BASELINE);
        perNodeBar.getStyle().set("flex-wrap", "wrap");

        add(header, capacity, section("Node utilization", heatmap), tops, perNodeBar, nodeCharts);
        refresh(true);
        live.subscribe(this, () -> refresh(++ticks % SLOW_EVERY == 0));
    }

    /** One live update: heatmap and per-node charts; with {@code slow} also top lists, capacity and the picker. */
    void refresh(boolean slow) {
        List<NodeRef> nodes = metrics.nodes();
        List<NodeHeatmap.Utilization> util = new ArrayList<>(nodes.size());
        for (NodeRef n : nodes) {
            Double cpu = latest(n, Metric.CPU);
            Double mem = latest(n, Metric.MEMORY);
            util.add(new NodeHeatmap.Utilization(
                    n, cpu, mem == null || n.ramMiB() == 0 ? null : 100.0 * mem / n.ramMiB()));
        }
        heatmap.show(util);
        nodeCharts.showNodes(nodes);
        nodeCharts.tick();
        if (!slow) {
            return;
        }
        List<MachineRef> machines = metrics.visibleMachines();
        if (!machines.equals(currentItems())) {
            MachineRef keep = machine.getValue();
            machine.setItems(machines);
            machine.setValue(keep != null && machines.contains(keep) ? keep : null);
        }
        topCpu.show(metrics.top(Metric.CPU, TOP, 10));
        topIo.show(metrics.top(Metric.IO_DELAY, TOP, 60));
        capacity.show(nodes, provisioned(machines));
        long faulty = nodes.stream().filter(n -> n.problems() > 0).count();
        summary.setText(nodes.size() + " nodes · " + machines.size() + " machines"
                + (faulty > 0 ? " · " + faulty + " node(s) with problems" : ""));
    }

    /** Selects a machine: the picker shows it and every node's chart highlights it. */
    void select(MachineRef m) {
        machine.setValue(m);
    }

    private CapacityTotals.Provisioned provisioned(List<MachineRef> machines) {
        double cpu = 0;
        long mem = 0;
        int uncapped = 0;
        int sampled = 0;
        Window recent = Window.LIVE_1M;
        long after = clock.millis() - 15_000;
        for (MachineRef m : machines) {
            Map<Metric, Series> s;
            try {
                s = metrics.machineSeries(m.id(), List.of(Metric.CPU_CAP, Metric.MEMORY_CAP), recent, after);
            } catch (ZoneDeckException gone) {
                continue;
            }
            Series capSeries = s.get(Metric.CPU_CAP);
            if (capSeries.size() == 0) {
                continue;
            }
            sampled++;
            if (capSeries.last() <= 0) {
                uncapped++;
            }
            cpu += capSeries.last();
            mem += (long) s.get(Metric.MEMORY_CAP).last();
        }
        return new CapacityTotals.Provisioned(cpu, uncapped, mem, sampled);
    }

    private Double latest(NodeRef n, Metric m) {
        try {
            return metrics.nodeLatest(n.id(), m).orElse(null);
        } catch (ZoneDeckException gone) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private List<MachineRef> currentItems() {
        return machine.getListDataView().getItems().toList();
    }

    private ComparativeNodeCharts nodeCharts() {
        return nodeCharts;
    }

    private static Div section(String title, com.vaadin.flow.component.Component body) {
        H3 h = new H3(title);
        h.getStyle().set("margin", "0 0 var(--lumo-space-xs) 0").set("font-size", "var(--lumo-font-size-m)");
        Div d = new Div(h, body);
        d.setWidthFull();
        d.getStyle().set("min-width", "0");
        return d;
    }

    static String micros(double us) {
        if (us >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2f s", us / 1_000_000);
        }
        if (us >= 1_000) {
            return String.format(Locale.ROOT, "%.1f ms", us / 1_000);
        }
        return String.format(Locale.ROOT, "%.0f µs", us);
    }

    NodeHeatmap heatmap() {
        return heatmap;
    }

    ComparativeNodeCharts comparative() {
        return nodeCharts;
    }

    CapacityTotals capacity() {
        return capacity;
    }
}
