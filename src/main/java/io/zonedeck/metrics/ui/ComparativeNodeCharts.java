package io.zonedeck.metrics.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.zonedeck.metrics.MachineRef;
import io.zonedeck.metrics.Metric;
import io.zonedeck.metrics.MetricsService;
import io.zonedeck.metrics.NodeRef;
import io.zonedeck.metrics.Series;
import io.zonedeck.metrics.Window;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small CPU chart per node, one line per machine on it, side by side; selecting a machine highlights it in every
 * node's chart (bold there, the rest dimmed) so its neighbours and its twin on other nodes can be compared.
 */
class ComparativeNodeCharts extends Div {
    static final Window WINDOW = new Window(java.time.Duration.ofMinutes(2));

    private final MetricsService metrics;
    private final Map<UUID, NodeMachinesChart> charts = new LinkedHashMap<>();
    private final Map<UUID, Span> titles = new HashMap<>();
    private final Map<UUID, Long> lastSent = new HashMap<>();
    private UUID selected;

    ComparativeNodeCharts(MetricsService metrics) {
        this.metrics = metrics;
        setId("overview-node-charts");
        setWidthFull();
        getStyle()
                .set("display", "grid")
                .set("grid-template-columns", "repeat(auto-fill, minmax(340px, 1fr))")
                .set("gap", "var(--lumo-space-m)");
    }

    /** Draws every node (again): call when the nodes change. */
    void showNodes(List<NodeRef> nodes) {
        if (nodes.stream().map(NodeRef::id).toList().equals(List.copyOf(charts.keySet()))) {
            nodes.forEach(this::title);
            return;
        }
        removeAll();
        charts.clear();
        titles.clear();
        lastSent.clear();
        for (NodeRef n : nodes) {
            Span title = new Span();
            titles.put(n.id(), title);
            title(n);
            NodeMachinesChart chart = new NodeMachinesChart();
            chart.setId("node-chart-" + n.name());
            chart.getElement().setAttribute("data-node", n.name());
            charts.put(n.id(), chart);
            Div card = new Div(title, chart);
            card.addClassName("zd-node-card");
            card.getStyle()
                    .set("border", "1px solid var(--lumo-contrast-10pct)")
                    .set("border-radius", "var(--lumo-border-radius-m)")
                    .set("padding", "var(--lumo-space-xs) var(--lumo-space-s)")
                    .set("min-width", "0");
            add(card);
            redraw(n.id());
        }
    }

    private void title(NodeRef n) {
        Span t = titles.get(n.id());
        if (t == null) {
            return;
        }
        boolean faulty = n.problems() > 0;
        t.setText(faulty ? "⚠ " + n.name() + " · " + n.problems() + " problem(s)" : n.name());
        t.getStyle()
                .set("font-weight", "600")
                .set("font-size", "var(--lumo-font-size-s)")
                .set("color", faulty ? NodeHeatmap.FAULT_COLOUR : "var(--lumo-body-text-color)");
    }

    /** New points for every node; a node whose machines changed is drawn again. */
    void tick() {
        for (Map.Entry<UUID, NodeMachinesChart> e : charts.entrySet()) {
            UUID node = e.getKey();
            List<MachineRef> on = metrics.machinesOn(node);
            long after = lastSent.getOrDefault(node, 0L);
            Map<UUID, Series> data = read(on, after);
            if (e.getValue().append(on, data, WINDOW.millis())) {
                lastSent.put(node, Math.max(after, newest(data)));
            } else {
                redraw(node);
            }
        }
    }

    /** Emphasises {@code machine} in every node's chart (null: none). */
    void select(UUID machine) {
        if (java.util.Objects.equals(machine, selected)) {
            return;
        }
        selected = machine;
        charts.keySet().forEach(this::redraw);
    }

    UUID selected() {
        return selected;
    }

    Map<UUID, NodeMachinesChart> charts() {
        return charts;
    }

    private void redraw(UUID node) {
        List<MachineRef> on = metrics.machinesOn(node);
        Map<UUID, Series> data = read(on, 0);
        charts.get(node).show(on, data, selected);
        lastSent.put(node, newest(data));
    }

    private Map<UUID, Series> read(List<MachineRef> machines, long after) {
        Map<UUID, Series> out = new HashMap<>();
        for (MachineRef m : machines) {
            try {
                out.put(
                        m.id(),
                        metrics.machineSeries(m.id(), List.of(Metric.CPU), WINDOW, after)
                                .get(Metric.CPU));
            } catch (io.zonedeck.base.ZoneDeckException gone) {
                out.put(m.id(), Series.EMPTY); // deleted since the node listed it
            }
        }
        return out;
    }

    private static long newest(Map<UUID, Series> data) {
        return data.values().stream().mapToLong(Series::lastTime).max().orElse(0);
    }
}
