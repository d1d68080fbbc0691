package io.zonedeck.metrics.ui;

import io.zonedeck.base.ui.component.EChart;
import io.zonedeck.metrics.MachineRef;
import io.zonedeck.metrics.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One node's machines' CPU as small lines. A selected machine is drawn bold and the others dimmed (the option is set
 * again, server side); {@code data-selected} names the selected machine when this chart shows it.
 */
class NodeMachinesChart extends EChart {
    private List<MachineRef> machines = List.of();
    private UUID selected;

    NodeMachinesChart() {
        setHeight("170px");
    }

    /** Draws every machine's series (in {@code machines}' order) with {@code selected} emphasised (null: none). */
    void show(List<MachineRef> machines, Map<UUID, Series> data, UUID selected) {
        this.machines = List.copyOf(machines);
        this.selected = selected;
        boolean mine = selected != null && machines.stream().anyMatch(m -> m.id().equals(selected));
        List<Map<String, Object>> series = new ArrayList<>();
        for (MachineRef m : machines) {
            boolean focus = m.id().equals(selected);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", m.id().toString());
            s.put("name", m.name());
            s.put("type", "line");
            s.put("showSymbol", false);
            s.put("z", focus ? 10 : 2);
            s.put("lineStyle", Map.of("width", focus ? 3.5 : 1.2, "opacity", selected == null || focus ? 1 : 0.25));
            s.put("data", points(data.getOrDefault(m.id(), Series.EMPTY)));
            series.add(s);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("animation", false);
        o.put("grid", Map.of("left", 44, "right", 12, "top", 12, "bottom", 24));
        o.put("tooltip", Map.of("trigger", "axis", "confine", true));
        o.put("xAxis", Map.of("type", "time", "splitNumber", 3));
        o.put(
                "yAxis",
                Map.of("type", "value", "min", 0, "splitNumber", 3, "axisLabel", Map.of("formatter", "{value}%")));
        o.put("series", series);
        setOption(o);
        getElement().setAttribute("data-series", String.valueOf(machines.size()));
        getElement()
                .setAttribute(
                        "data-selected",
                        mine
                                ? machines.stream()
                                        .filter(m -> m.id().equals(selected))
                                        .findFirst()
                                        .orElseThrow()
                                        .name()
                                : "");
    }

    /** Appends new points; false when the machines differ from those drawn (the caller redraws). */
    boolean append(List<MachineRef> now, Map<UUID, Series> data, long windowMillis) {
        if (!now.equals(machines)) {
            return false;
        }
        List<List<double[]>> points = new ArrayList<>();
        boolean any = false;
        for (MachineRef m : machines) {
            List<double[]> p = points(data.getOrDefault(m.id(), Series.EMPTY));
            any |= !p.isEmpty();
            points.add(p);
        }
        if (any) {
            append(points, windowMillis);
        }
        return true;
    }

    List<MachineRef> machines() {
        return machines;
    }

    UUID selected() {
        return selected;
    }

    private static List<double[]> points(Series s) {
        List<double[]> out = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) {
            out.add(new double[] {s.t()[i], Math.round(s.v()[i] * 10) / 10.0});
        }
        return out;
    }
}
