package io.zonedeck.metrics.ui;

import io.zonedeck.metrics.Metric;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One line of a {@link MetricChart}: its name, colour, axis, look, and how its value is read from a second (or
 * minute) of the machine's metrics. A value that is NaN is drawn as a gap.
 */
public final class Line {
    private final String name;
    private final String color;
    private final List<Metric> inputs;
    private final ToDoubleFunction<Row> value;
    private int axis;
    private String step;
    private Double area;
    private boolean dashed;
    private double width = 1.5;
    private String stack;
    private boolean legend = true;
    private boolean lineHidden;
    private int z = 2;

    private Line(String name, String color, List<Metric> inputs, ToDoubleFunction<Row> value) {
        this.name = name;
        this.color = color;
        this.inputs = List.copyOf(inputs);
        this.value = value;
    }

    /** A line drawing one metric as it is. */
    public static Line of(String name, String color, Metric metric) {
        return new Line(name, color, List.of(metric), r -> r.get(metric));
    }

    /** A line drawing one setting, where 0 means "none" (a gap, not a line at zero): caps, baselines. */
    public static Line setting(String name, String color, Metric metric) {
        return new Line(name, color, List.of(metric), r -> r.get(metric) > 0 ? r.get(metric) : Double.NaN).step();
    }

    /** A line computed from several metrics. */
    public static Line derived(String name, String color, List<Metric> inputs, ToDoubleFunction<Row> value) {
        return new Line(name, color, inputs, value);
    }

    public Line axis(int index) {
        this.axis = index;
        return this;
    }

    /** Drawn as steps (a setting holds until it changes). */
    public Line step() {
        this.step = "end";
        return this;
    }

    public Line area(double opacity) {
        this.area = opacity;
        return this;
    }

    public Line dashed() {
        this.dashed = true;
        return this;
    }

    public Line width(double w) {
        this.width = w;
        return this;
    }

    public Line z(int z) {
        this.z = z;
        return this;
    }

    /** Stacked on the lines before it with the same stack (a band is an invisible base and a filled height). */
    public Line stack(String stack) {
        this.stack = stack;
        return this;
    }

    /** An invisible helper: no line, no legend entry, no tooltip row (the base of a band). */
    public Line invisible() {
        this.legend = false;
        this.lineHidden = true;
        return this;
    }

    public String name() {
        return name;
    }

    public List<Metric> inputs() {
        return inputs;
    }

    public int axisIndex() {
        return axis;
    }

    public boolean inLegend() {
        return legend;
    }

    /** The value of this line in a row; NaN for none. */
    public double valueOf(Row row) {
        return value.applyAsDouble(row);
    }

    /** The ECharts series option, with {@code data}; {@code symbols}: dots on the points (a lone point has no line). */
    Map<String, Object> series(List<Object[]> data, boolean symbols) {
        Map<String, Object> s = new HashMap<>();
        s.put("name", name);
        s.put("type", "line");
        s.put("showSymbol", symbols && !lineHidden);
        s.put("symbolSize", 5);
        s.put("yAxisIndex", axis);
        s.put("z", z);
        s.put("itemStyle", Map.of("color", color));
        Map<String, Object> lineStyle = new HashMap<>();
        lineStyle.put("width", width);
        lineStyle.put("color", color);
        if (dashed) {
            lineStyle.put("type", "dashed");
        }
        if (lineHidden) {
            lineStyle.put("opacity", 0);
            s.put("tooltip", Map.of("show", false));
            s.put("silent", true);
        }
        s.put("lineStyle", lineStyle);
        if (area != null) {
            s.put("areaStyle", Map.of("opacity", area, "color", color));
        }
        if (step != null) {
            s.put("step", step);
        }
        if (stack != null) {
            s.put("stack", stack);
        }
        s.put("data", data);
        return s;
    }
}
