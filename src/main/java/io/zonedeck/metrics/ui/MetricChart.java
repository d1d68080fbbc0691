package io.zonedeck.metrics.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AttachEvent;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.component.EChart;
import io.zonedeck.metrics.Coverage;
import io.zonedeck.metrics.Metric;
import io.zonedeck.metrics.MetricsService;
import io.zonedeck.metrics.Window;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Line metrics of one machine over a {@link Window}, read through {@link MetricsService} (so scoped to the caller).
 * Live windows (per second) load the window once, then each {@link #tick()} appends only the seconds newer than the
 * last one sent; history windows (per minute) load once and again every {@value #HISTORY_REFRESH_MILLIS} ms.
 * Changing the window, or a value outgrowing its axis' unit (B/s to KiB/s, µs to ms), replaces the whole option.
 *
 * <p>For tests the element carries {@code data-window}, {@code data-resolution} (second or minute), {@code data-rows}
 * (rows drawn), {@code data-empty}, {@code data-unavailable} (nothing it shows is measured on the machine's node: the
 * chart says so instead of drawing zeros) and {@code data-unmeasured} (the lines left out for that reason).
 */
public class MetricChart extends EChart {
    /** An axis: its unit, and a name to show instead of the unit's label (null: the label, e.g. "KiB/s"). */
    public record Axis(Unit unit, String name) {}

    static final long HISTORY_REFRESH_MILLIS = 60_000;
    /** History windows draw at most this many points per line (a week of minutes is averaged down). */
    static final int MAX_POINTS = 1440;

    /** Below this many rows the points are drawn as dots: one point alone makes no line. */
    static final int FEW = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetricsService metrics;
    private final UUID machine;
    private final List<Axis> axes;
    private final List<Line> lines;
    private final Set<Metric> inputs = new LinkedHashSet<>();
    private final Clock clock;
    private Window window = Window.LIVE_10M;
    private Unit.Scale[] scales;
    private long lastSent;
    private long loadedAt;
    private int rowsShown;
    private Row lastRow;
    /** The lines the machine's node measures (set on every reload): the others are not drawn as zero lines. */
    private List<Line> drawn;

    private Coverage coverage = Coverage.EVERYTHING;

    public MetricChart(MetricsService metrics, UUID machine, List<Axis> axes, List<Line> lines, Clock clock) {
        this.metrics = metrics;
        this.machine = machine;
        this.axes = List.copyOf(axes);
        this.lines = List.copyOf(lines);
        this.drawn = this.lines;
        this.clock = clock;
        lines.forEach(l -> inputs.addAll(l.inputs()));
        setHeight("260px");
    }

    /** Also reads these metrics (for {@link #lastRow()}), without drawing them. */
    public MetricChart alsoRead(Metric... extra) {
        inputs.addAll(List.of(extra));
        return this;
    }

    public Window window() {
        return window;
    }

    /** Shows another window: the whole option is replaced (when attached; else on attach). */
    public void setWindow(Window window) {
        this.window = window;
        if (isAttached()) {
            reload();
        }
    }

    /** The newest row drawn, if any (for a subtitle with current settings). */
    public Optional<Row> lastRow() {
        return Optional.ofNullable(lastRow);
    }

    /** A tab shown again gets a new element in the browser: start over. */
    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        reload();
    }

    /**
     * Once a second: live windows append the new seconds (returns how many), history windows reload once a minute
     * (returns the rows drawn then, else 0).
     */
    public int tick() {
        if (!window.live()) {
            if (clock.millis() - loadedAt >= HISTORY_REFRESH_MILLIS) {
                return reload();
            }
            return 0;
        }
        List<Row> rows = read(lastSent);
        if (rows.isEmpty()) {
            return 0;
        }
        if (rowsShown < FEW || outgrown(rows)) { // few: redrawn with dots until there is a line to see
            return reload();
        }
        List<List<Object[]>> points = new ArrayList<>(drawn.size());
        for (Line l : drawn) {
            points.add(points(l, rows));
        }
        getElement().callJsFunction("append", json(Map.of("window", (double) window.millis(), "points", points)));
        rowsShown = Math.min(rowsShown + rows.size(), (int) (window.millis() / 1000));
        shown(rows);
        return rows.size();
    }

    /** Reads the whole window and replaces the option; returns the rows drawn. */
    public int reload() {
        coverage = coverage();
        drawn = lines.stream()
                .filter(l -> l.inputs().stream().allMatch(coverage::measures))
                .toList();
        List<Row> rows = Row.downsample(read(0), MAX_POINTS);
        scales = new Unit.Scale[axes.size()];
        for (int a = 0; a < axes.size(); a++) {
            scales[a] = axes.get(a).unit().scaleFor(max(rows, a));
        }
        setOption(option(rows));
        loadedAt = clock.millis();
        rowsShown = rows.size();
        lastSent = 0;
        lastRow = null;
        shown(rows);
        getElement().setAttribute("data-window", window.label());
        getElement().setAttribute("data-resolution", window.resolution().name().toLowerCase());
        getElement().setAttribute("data-empty", String.valueOf(rows.isEmpty()));
        getElement().setAttribute("data-unavailable", String.valueOf(unavailable()));
        getElement()
                .setAttribute(
                        "data-unmeasured",
                        String.join(",", unmeasured().stream().map(Line::name).toList()));
        return rows.size();
    }

    /** Whether nothing this chart shows is measured on the machine's node (it says so instead of a zero line). */
    public boolean unavailable() {
        return drawn.stream().noneMatch(Line::inLegend);
    }

    /** The lines not drawn because the machine's node does not measure them. */
    public List<Line> unmeasured() {
        return lines.stream().filter(l -> !drawn.contains(l)).toList();
    }

    /** The empty-state text when {@link #unavailable()}: "Not measured on node cn-9 (linux driver)". */
    public String unavailableText() {
        return coverage.notMeasured();
    }

    private Coverage coverage() {
        try {
            return metrics.coverage(machine);
        } catch (ZoneDeckException e) {
            return Coverage.EVERYTHING; // deleted meanwhile: the page says so
        }
    }

    private void shown(List<Row> rows) {
        if (!rows.isEmpty()) {
            lastRow = rows.get(rows.size() - 1);
            lastSent = lastRow.t();
        }
        getElement().setAttribute("data-rows", String.valueOf(rowsShown));
    }

    private List<Row> read(long after) {
        try {
            return Row.join(metrics.machineSeries(machine, inputs, window, after));
        } catch (ZoneDeckException e) {
            return List.of(); // deleted meanwhile: the page says so
        }
    }

    private boolean outgrown(List<Row> rows) {
        for (int a = 0; a < axes.size(); a++) {
            if (axes.get(a).unit().outgrows(scales[a], max(rows, a))) {
                return true;
            }
        }
        return false;
    }

    private double max(List<Row> rows, int axis) {
        double max = 0;
        for (Line l : lines) {
            if (l.axisIndex() != axis) {
                continue;
            }
            for (Row r : rows) {
                double v = l.valueOf(r);
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        return max;
    }

    private List<Object[]> points(Line l, List<Row> rows) {
        Unit.Scale scale = scales[l.axisIndex()];
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            double v = l.valueOf(r);
            out.add(new Object[] {(double) r.t(), Double.isNaN(v) ? null : scale.apply(v)});
        }
        return out;
    }

    private Map<String, Object> option(List<Row> rows) {
        Map<String, Object> o = new HashMap<>();
        o.put("animation", false);
        o.put(
                "legend",
                Map.of(
                        "data",
                        drawn.stream().filter(Line::inLegend).map(Line::name).toList(),
                        "top",
                        0,
                        "type",
                        "scroll"));
        o.put("tooltip", Map.of("trigger", "axis"));
        o.put("grid", Map.of("left", 64, "right", axes.size() > 1 ? 72 : 20, "top", 44, "bottom", 28));
        o.put("xAxis", Map.of("type", "time", "splitNumber", 4, "axisLabel", Map.of("hideOverlap", true)));
        List<Map<String, Object>> y = new ArrayList<>();
        for (int a = 0; a < axes.size(); a++) {
            Axis axis = axes.get(a);
            Map<String, Object> m = new HashMap<>();
            m.put("type", "value");
            m.put("min", 0);
            m.put("name", axis.name() != null ? axis.name() : scales[a].label());
            m.put("nameTextStyle", Map.of("align", a == 0 ? "left" : "right"));
            if (a > 0) {
                m.put("position", "right");
                m.put("splitLine", Map.of("show", false));
            }
            y.add(m);
        }
        o.put("yAxis", y);
        List<Map<String, Object>> series = new ArrayList<>();
        for (Line l : drawn) {
            series.add(l.series(points(l, rows), rows.size() < FEW));
        }
        o.put("series", series);
        List<String> missing =
                unmeasured().stream().filter(Line::inLegend).map(Line::name).toList();
        if (unavailable()) {
            o.put("title", EmptyState.title(coverage.notMeasured()));
        } else if (rows.isEmpty()) {
            o.put("title", EmptyState.title());
        } else if (!missing.isEmpty()) {
            o.put(
                    "title",
                    EmptyState.note(String.join(", ", missing) + ": "
                            + coverage.notMeasured().toLowerCase()));
        }
        return o;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("chart data is not serializable", e);
        }
    }
}
