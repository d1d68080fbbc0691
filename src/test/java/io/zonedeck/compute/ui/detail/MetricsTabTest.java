package io.zonedeck.compute.ui.detail;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Route;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.metrics.Distribution;
import io.zonedeck.metrics.Window;
import io.zonedeck.metrics.ui.LatencyHeatmap;
import io.zonedeck.metrics.ui.MetricChart;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Metrics tab: its charts fill live, the window picker switches to per-minute history, a tenant's scope holds. */
class MetricsTabTest extends DetailViewTestBase {
    private static final List<String> CHARTS =
            List.of("metrics-cpu", "metrics-memory", "metrics-disk", "metrics-network");

    private static MetricChart chart(String id) {
        return _get(MetricChart.class, spec -> spec.withId(id));
    }

    private static LatencyHeatmap heatmap() {
        return _get(LatencyHeatmap.class, spec -> spec.withId("metrics-heatmap"));
    }

    private static MetricsTab tab() {
        return _get(MetricsTab.class, spec -> spec.withId("metrics-tab"));
    }

    private static int drawn(String chart) {
        return Integer.parseInt(chart(chart).getElement().getAttribute("data-rows"));
    }

    private void openMetrics(MachineSummary m) {
        open(m);
        selectTab("tab-metrics");
    }

    @Test
    void the_tab_shows_four_charts_and_a_heatmap_that_fill_live_over_ten_minutes() {
        MachineSummary m = runningZone(); // g1-nano: cap 25, shares 50
        openMetrics(m);
        assertThat(tab().windowPicker().getValue()).isEqualTo(Window.LIVE_10M);
        for (String id : CHARTS) {
            assertThat(chart(id).getElement().getAttribute("data-window")).isEqualTo("10m");
            assertThat(chart(id).getElement().getAttribute("data-resolution")).isEqualTo("second");
        }
        assertThat(heatmap().getElement().getAttribute("data-distribution")).isEqualTo("syscall_latency");
        assertThat(_get(Span.class, spec -> spec.withId("metrics-resolution")).getText())
                .isEqualTo("per second, live");

        liveUntil(() -> drawn("metrics-cpu") >= 3, "three seconds of CPU on the chart");
        int before = drawn("metrics-cpu");
        liveUntil(() -> drawn("metrics-cpu") > before, "a new second appended");
        assertThat(drawn("metrics-memory")).isPositive();
        assertThat(chart("metrics-cpu").getElement().getAttribute("data-empty")).isEqualTo("false");
        liveUntil(
                () -> _get(Span.class, spec -> spec.withId("metrics-cpu-settings"))
                        .getText()
                        .startsWith("cpu_shares 50 · cpu_cap 25 %"),
                "shares and cap under the CPU chart");
    }

    @Test
    void the_picker_switches_every_chart_to_24_hours_per_minute_and_back() {
        MachineSummary m = runningZone();
        openMetrics(m);
        tab().windowPicker().setValue(Window.HISTORY_24H);
        for (String id : CHARTS) {
            assertThat(chart(id).window()).isEqualTo(Window.HISTORY_24H);
            assertThat(chart(id).getElement().getAttribute("data-window")).isEqualTo("24h");
            assertThat(chart(id).getElement().getAttribute("data-resolution")).isEqualTo("minute");
        }
        assertThat(heatmap().getElement().getAttribute("data-window")).isEqualTo("24h");
        assertThat(_get(Span.class, spec -> spec.withId("metrics-resolution")).getText())
                .startsWith("per minute");

        tab().windowPicker().setValue(Window.LIVE_1M);
        assertThat(chart("metrics-disk").getElement().getAttribute("data-resolution"))
                .isEqualTo("second");
        liveUntil(() -> drawn("metrics-disk") >= 2, "seconds again");
        assertThat(drawn("metrics-disk")).isLessThanOrEqualTo(60);
    }

    @Test
    void the_latency_picker_switches_the_heatmap() {
        MachineSummary m = runningZone();
        openMetrics(m);
        tab().latencyPicker().setValue(Distribution.DISK_LATENCY);
        assertThat(heatmap().getElement().getAttribute("data-distribution")).isEqualTo("disk_latency");
        assertThat(heatmap().distribution()).isEqualTo(Distribution.DISK_LATENCY);
        assertThat(heatmap().getElement().getAttribute("data-latency-cells")).isNotNull();
    }

    @Test
    void another_tenants_machine_shows_no_metrics_and_the_tab_is_no_route_of_its_own() {
        MachineSummary alices = runningZone();
        signIn("bob");
        open(alices);
        assertThat(_get(Paragraph.class, spec -> spec.withId("machine-not-found"))
                        .getText())
                .contains("No such machine");
        assertThat(_find(MetricsTab.class)).isEmpty();
        assertThat(_find(MetricChart.class)).isEmpty();
        assertThat(MetricsTab.class.getAnnotation(Route.class)).isNull();
    }
}
