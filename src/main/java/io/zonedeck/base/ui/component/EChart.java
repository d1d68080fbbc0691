package io.zonedeck.base.ui.component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.util.List;
import java.util.Map;

/**
 * Java API over the {@code <zd-echart>} custom element (Apache ECharts). The option is plain ECharts JSON
 * built from maps and lists; {@link #append} sends only new points, so a live chart costs a few bytes a
 * second.
 */
@Tag("zd-echart")
@NpmPackage(value = "echarts", version = "6.1.0")
@JsModule("./components/zd-echart.js")
public class EChart extends Component implements HasSize {
    private static final ObjectMapper JSON = new ObjectMapper();

    public EChart() {
        setWidthFull();
        setHeight("300px");
    }

    /** Replaces the whole option. */
    public void setOption(Map<String, Object> option) {
        getElement().callJsFunction("setOption", toJson(option), true);
    }

    /**
     * Appends points to each series and keeps only those within {@code windowMillis} of the newest.
     *
     * @param pointsPerSeries for each series, points as {@code [epochMillis, value]}
     */
    public void append(List<List<double[]>> pointsPerSeries, long windowMillis) {
        getElement()
                .callJsFunction("append", toJson(Map.of("window", (double) windowMillis, "points", pointsPerSeries)));
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("chart option is not serializable", e);
        }
    }
}
