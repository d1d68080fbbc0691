package io.zonedeck.base.ui.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import elemental.json.Json;
import elemental.json.JsonObject;
import io.zonedeck.agent.api.Histogram;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Java API of the chart component: what it sends to {@code <zd-echart>} and what it hears back. */
class EChartTest {
    static final ObjectMapper JSON = new ObjectMapper();
    EChart chart;

    @BeforeEach
    void setUp() {
        MockVaadin.setup(new Routes());
        chart = new EChart();
        UI.getCurrent().add(chart);
        calls(); // drop what the constructor sent
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    /** The element's functions called since the last look, as "name(first argument)". */
    private static List<String> calls() {
        List<String> out = new ArrayList<>();
        UI.getCurrent().getInternals().getStateTree().runExecutionsBeforeClientResponse();
        for (PendingJavaScriptInvocation i : UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations()) {
            Matcher m = CALL.matcher(i.getInvocation().getExpression());
            List<Object> params = i.getInvocation().getParameters();
            out.add((m.find() ? m.group(1) : i.getInvocation().getExpression()) + "("
                    + (params.size() > 1 ? params.get(1) : "") + ")");
        }
        return out;
    }

    private static final Pattern CALL = Pattern.compile("\\$0\\.(\\w+)\\(");

    /** The one call made since the last look, which must be {@code function}; its first argument as JSON. */
    private static JsonNode onlyCall(String function) throws Exception {
        List<String> calls = calls();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)).startsWith(function + "(");
        String arg = calls.get(0).substring(function.length() + 1, calls.get(0).length() - 1);
        return arg.startsWith("{") || arg.startsWith("[")
                ? JSON.readTree(arg)
                : JSON.getNodeFactory().textNode(arg);
    }

    @Test
    void latency_buckets_are_labelled_at_powers_of_ten_with_ranges_for_the_tooltip() {
        Heatmap h = Heatmap.latency("ops");
        assertThat(h.buckets()).hasSize(Histogram.BUCKETS);
        assertThat(h.buckets().get(0)).isEqualTo("< 1 µs");
        assertThat(h.buckets().get(Histogram.bucket(10))).isEqualTo("10 µs");
        assertThat(h.buckets().get(Histogram.bucket(1_000))).isEqualTo("1 ms");
        assertThat(h.ranges().get(Histogram.bucket(10_000))).isEqualTo("10–20 ms");
        assertThat(h.ranges().get(Histogram.bucket(900))).isEqualTo("900 µs–1 ms");
        assertThat(h.ranges().get(Histogram.BUCKETS - 1)).isEqualTo("≥ 10 s");
        assertThat(h.labelled().stream().map(i -> h.buckets().get(i)))
                .containsExactly("< 1 µs", "1 µs", "10 µs", "100 µs", "1 ms", "10 ms", "100 ms", "1 s", "10 s");
        assertThat(h.scale()).isEqualTo(Heatmap.Scale.LOG);
    }

    @Test
    void a_heatmap_sends_its_buckets_then_only_new_columns() throws Exception {
        chart.setHeatmap(Heatmap.latency("ops").withTitle("Disk I/O latency"));
        JsonNode spec = onlyCall("setHeatmap");
        assertThat(spec.get("buckets")).hasSize(Histogram.BUCKETS);
        assertThat(spec.get("ranges").get(Histogram.bucket(10_000)).asText()).isEqualTo("10–20 ms");
        assertThat(spec.get("countUnit").asText()).isEqualTo("ops");
        assertThat(spec.get("scale").asText()).isEqualTo("log");
        assertThat(spec.get("title").asText()).isEqualTo("Disk I/O latency");
        assertThat(chart.heatmap()).isPresent();

        long[] counts = new long[Histogram.BUCKETS];
        counts[Histogram.bucket(15_000)] = 42;
        counts[Histogram.bucket(3)] = 7;
        chart.appendHeatmap(List.of(new HeatmapColumn(1_700_000_005_000L, counts)), 600_000);
        JsonNode update = onlyCall("appendHeatmap");
        assertThat(update.get("window").asDouble()).isEqualTo(600_000);
        JsonNode column = update.get("columns").get(0);
        assertThat(column.get(0).asLong()).isEqualTo(1_700_000_005_000L);
        assertThat(column.get(1)).hasSize(Histogram.BUCKETS);
        assertThat(column.get(1).get(Histogram.bucket(15_000)).asLong()).isEqualTo(42);
        assertThat(column.get(1).get(Histogram.bucket(3)).asLong()).isEqualTo(7);
        assertThat(new HeatmapColumn(0, counts).nonEmpty()).isEqualTo(2);
    }

    @Test
    void heatmap_columns_need_a_heatmap_and_a_line_option_leaves_heatmap_mode() {
        assertThatThrownBy(() -> chart.appendHeatmap(List.of(), 1000)).isInstanceOf(IllegalStateException.class);
        chart.setHeatmap(Heatmap.latency("ops"));
        chart.setOption(java.util.Map.of("series", List.of()));
        assertThat(chart.heatmap()).isEmpty();
    }

    @Test
    void highlight_and_downplay_reach_the_element() throws Exception {
        chart.highlight("web-1");
        assertThat(onlyCall("highlight").asText()).isEqualTo("web-1");
        assertThat(chart.getElement().hasAttribute("series-focus")).isTrue();
        assertThat(chart.highlighted()).contains("web-1");
        chart.downplay();
        assertThat(calls()).containsExactly("downplay()");
        assertThat(chart.highlighted()).isEmpty();
    }

    @Test
    void hovering_a_series_tells_the_server_its_name_and_leaving_tells_null() {
        List<String> heard = new ArrayList<>();
        var registration = chart.addSeriesHoverListener(heard::add);
        assertThat(chart.getElement().hasAttribute("series-events")).isTrue();

        JsonObject enter = Json.createObject();
        enter.put("event.detail.series", "db-2");
        BasicUtilsKt._fireDomEvent(chart, "zd-series-hover", enter);
        JsonObject leave = Json.createObject();
        leave.put("event.detail.series", Json.createNull());
        BasicUtilsKt._fireDomEvent(chart, "zd-series-hover", leave);
        assertThat(heard).containsExactly("db-2", null);

        registration.remove();
        registration.remove(); // twice is harmless
        assertThat(chart.getElement().hasAttribute("series-events")).isFalse();
        BasicUtilsKt._fireDomEvent(chart, "zd-series-hover", enter);
        assertThat(heard).hasSize(2);
    }

    @Test
    void clicking_a_series_selects_it() {
        List<String> selected = new ArrayList<>();
        chart.addSeriesClickListener(selected::add);
        JsonObject click = Json.createObject();
        click.put("event.detail.series", "web-1");
        BasicUtilsKt._fireDomEvent(chart, "zd-series-click", click);
        assertThat(selected).containsExactly("web-1");
    }
}
