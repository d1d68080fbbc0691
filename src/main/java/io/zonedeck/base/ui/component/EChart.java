package io.zonedeck.base.ui.component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.shared.Registration;
import elemental.json.JsonType;
import elemental.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Java API over the {@code <zd-echart>} custom element (Apache ECharts 6). Live charts send only what is new, so a
 * chart costs a few bytes a second; the element keeps the window, follows Lumo's light/dark theme live, resizes with
 * its container and never throws into the page on malformed data.
 *
 * <p><b>Lines</b>: a plain ECharts option (maps and lists), then points per series:
 *
 * <pre>{@code
 * EChart cpu = new EChart();
 * cpu.setUnit("%"); // axis tooltip and y labels: "42.5 %" (also "B", "B/s", "µs")
 * cpu.setOption(Map.of("tooltip", Map.of("trigger", "axis"), "xAxis", Map.of("type", "time"),
 *         "yAxis", Map.of("type", "value"),
 *         "series", List.of(Map.of("name", "web-1", "type", "line", "data", List.of()))));
 * cpu.append(List.of(List.of(new double[] {t, 42.5})), 60_000); // keep the last minute
 * }</pre>
 *
 * <p><b>Heatmaps</b> (time × buckets, counts coloured in log scale, empty buckets transparent, cell tooltip
 * "10–20 ms: 42 ops at 12:03:05"):
 *
 * <pre>{@code
 * EChart heat = new EChart();
 * heat.setHeatmap(Heatmap.latency("ops").withTitle("Disk I/O latency"));
 * heat.appendHeatmap(List.of(new HeatmapColumn(t, histogram.counts())), 600_000); // one column per second
 * }</pre>
 *
 * <p><b>Highlighting across charts</b> (a comparative per-node graph: hovering a machine highlights it everywhere):
 *
 * <pre>{@code
 * for (EChart c : charts) {
 *     c.addSeriesHoverListener(name -> charts.forEach(o -> { if (name == null) o.downplay(); else o.highlight(name); }));
 * }
 * }</pre>
 *
 * <p>For tests the element carries {@code data-updates}, {@code data-points} (line points held), {@code
 * data-heat-cells} (non-empty heatmap cells held), {@code data-theme} and {@code data-highlight}.
 */
@Tag("zd-echart")
@NpmPackage(value = "echarts", version = "6.1.0")
@JsModule("./components/zd-echart.js")
public class EChart extends Component implements HasSize {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Heatmap heatmap;
    private String highlighted;
    private int seriesListeners;

    public EChart() {
        setWidthFull();
        setHeight("300px");
    }

    /** Replaces the whole option (and leaves heatmap mode). */
    public void setOption(Map<String, Object> option) {
        heatmap = null;
        getElement().callJsFunction("setOption", toJson(option), true);
    }

    /**
     * Appends points to each series and keeps only those within {@code windowMillis} of the newest.
     *
     * @param pointsPerSeries for each series, in the option's order, points as {@code [epochMillis, value]}
     */
    public void append(List<List<double[]>> pointsPerSeries, long windowMillis) {
        getElement()
                .callJsFunction("append", toJson(Map.of("window", (double) windowMillis, "points", pointsPerSeries)));
    }

    /**
     * The unit of line values, for the axis tooltip and the y axis labels: "%" appends it, "B" and "B/s" scale to
     * KiB/MiB/GiB, "µs" to ms and s, anything else is appended. Null for plain numbers.
     */
    public void setUnit(String unit) {
        getElement().setAttribute("unit", unit == null ? "" : unit);
    }

    /** Shows a heatmap of {@code spec}'s buckets over time, empty until {@link #appendHeatmap} sends columns. */
    public void setHeatmap(Heatmap spec) {
        heatmap = Objects.requireNonNull(spec, "spec");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("buckets", spec.buckets());
        json.put("ranges", spec.ranges());
        if (!spec.labelled().isEmpty()) {
            json.put("labelled", spec.labelled());
        }
        json.put("countUnit", spec.countUnit());
        json.put("scale", spec.scale().name().toLowerCase(Locale.ROOT));
        if (spec.title() != null) {
            json.put("title", spec.title());
        }
        getElement().callJsFunction("setHeatmap", toJson(json));
    }

    /**
     * Adds columns (a column of a time already shown replaces it) and keeps those within {@code windowMillis} of the
     * newest. Counts beyond the heatmap's buckets are ignored.
     *
     * @throws IllegalStateException before {@link #setHeatmap}
     */
    public void appendHeatmap(List<HeatmapColumn> columns, long windowMillis) {
        if (heatmap == null) {
            throw new IllegalStateException("setHeatmap first");
        }
        List<Object[]> wire = new ArrayList<>(columns.size());
        for (HeatmapColumn c : columns) {
            wire.add(new Object[] {(double) c.time(), c.counts()});
        }
        getElement().callJsFunction("appendHeatmap", toJson(Map.of("window", (double) windowMillis, "columns", wire)));
    }

    /** The heatmap shown, if this chart is one. */
    public Optional<Heatmap> heatmap() {
        return Optional.ofNullable(heatmap);
    }

    /** Emphasises the series of that name and fades the others (line series); a name not shown changes nothing. */
    public void highlight(String seriesName) {
        Objects.requireNonNull(seriesName, "seriesName");
        highlighted = seriesName;
        getElement().setAttribute("series-focus", true);
        getElement().callJsFunction("highlight", seriesName);
    }

    /** Ends {@link #highlight}. */
    public void downplay() {
        highlighted = null;
        getElement().callJsFunction("downplay");
    }

    /** The series highlighted from the server, if any. */
    public Optional<String> highlighted() {
        return Optional.ofNullable(highlighted);
    }

    /**
     * Called with a series' name when the pointer enters it (its line or a point), and with null when it leaves the
     * series or the chart. The browser sends only changes.
     */
    public Registration addSeriesHoverListener(SerializableConsumer<String> listener) {
        return seriesListener("zd-series-hover", listener);
    }

    /** Called with a series' name when the user clicks it (selection). */
    public Registration addSeriesClickListener(SerializableConsumer<String> listener) {
        return seriesListener("zd-series-click", listener);
    }

    private Registration seriesListener(String type, SerializableConsumer<String> listener) {
        Objects.requireNonNull(listener, "listener");
        seriesListeners++;
        getElement().setAttribute("series-events", true);
        getElement().setAttribute("series-focus", true);
        Registration r = getElement()
                .addEventListener(type, e -> listener.accept(seriesOf(e)))
                .addEventData("event.detail.series");
        boolean[] removed = new boolean[1];
        return () -> {
            if (removed[0]) {
                return;
            }
            removed[0] = true;
            r.remove();
            if (--seriesListeners == 0) {
                getElement().removeAttribute("series-events");
            }
        };
    }

    private static String seriesOf(DomEvent e) {
        JsonValue v = e.getEventData().get("event.detail.series");
        return v == null || v.getType() != JsonType.STRING ? null : v.asString();
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("chart option is not serializable", e);
        }
    }
}
