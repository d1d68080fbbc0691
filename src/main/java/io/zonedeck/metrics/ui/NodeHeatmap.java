package io.zonedeck.metrics.ui;

import io.zonedeck.base.ui.component.EChart;
import io.zonedeck.metrics.NodeRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The nodes as a utilization heatmap: one column per node, a CPU row and a memory row coloured by percent. A node
 * with problems (FMA faults, SMF services in maintenance or degraded) is outlined in red and its name flagged; the
 * element's {@code data-faulty} lists those nodes for tests.
 */
class NodeHeatmap extends EChart {
    static final String FAULT_COLOUR = "#dc2626";

    /** A node's newest utilization in percent (null: no sample yet). */
    record Utilization(NodeRef node, Double cpuPct, Double memPct) {
        boolean faulty() {
            return node.problems() > 0;
        }
    }

    private List<Utilization> shown = List.of();

    NodeHeatmap() {
        setHeight("190px");
    }

    void show(List<Utilization> nodes) {
        shown = List.copyOf(nodes);
        List<Object> names = new ArrayList<>();
        List<Object> cells = new ArrayList<>();
        for (int x = 0; x < nodes.size(); x++) {
            Utilization u = nodes.get(x);
            String name = u.faulty()
                    ? "⚠ " + u.node().name() + " (" + u.node().problems() + ")"
                    : u.node().name();
            names.add(
                    u.faulty()
                            ? Map.of("value", name, "textStyle", Map.of("color", FAULT_COLOUR, "fontWeight", "bold"))
                            : name);
            cells.add(cell(x, 0, u.memPct(), u.faulty()));
            cells.add(cell(x, 1, u.cpuPct(), u.faulty()));
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("animation", false);
        o.put("grid", Map.of("left", 72, "right", 16, "top", 8, "bottom", 64));
        o.put("tooltip", Map.of("position", "top"));
        o.put(
                "xAxis",
                Map.of(
                        "type",
                        "category",
                        "data",
                        names,
                        "splitArea",
                        Map.of("show", false),
                        "axisLabel",
                        Map.of("interval", 0, "hideOverlap", true)));
        o.put(
                "yAxis",
                Map.of("type", "category", "data", List.of("Memory %", "CPU %"), "splitArea", Map.of("show", false)));
        o.put(
                "visualMap",
                Map.of(
                        "min",
                        0,
                        "max",
                        100,
                        "calculable",
                        false,
                        "orient",
                        "horizontal",
                        "left",
                        "center",
                        "bottom",
                        0,
                        "itemHeight",
                        200,
                        "text",
                        List.of("100 %", "0 %"),
                        "inRange",
                        Map.of("color", List.of("#dcfce7", "#86efac", "#facc15", "#f97316", "#dc2626"))));
        o.put(
                "series",
                List.of(Map.of(
                        "name",
                        "Utilization",
                        "type",
                        "heatmap",
                        "data",
                        cells,
                        "label",
                        Map.of("show", true, "formatter", "{@[2]} %"),
                        "itemStyle",
                        Map.of("borderColor", "#ffffff", "borderWidth", 2))));
        setOption(o);
        getElement().setAttribute("data-nodes", String.valueOf(nodes.size()));
        getElement()
                .setAttribute(
                        "data-faulty",
                        nodes.stream()
                                .filter(Utilization::faulty)
                                .map(u -> u.node().name())
                                .collect(Collectors.joining(",")));
    }

    private static Map<String, Object> cell(int x, int y, Double pct, boolean faulty) {
        List<Object> value = new ArrayList<>(List.of(x, y));
        value.add(pct == null ? "-" : Math.round(pct));
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("value", value);
        if (faulty) {
            cell.put("itemStyle", Map.of("borderColor", FAULT_COLOUR, "borderWidth", 3));
        }
        return cell;
    }

    List<Utilization> shown() {
        return shown;
    }
}
