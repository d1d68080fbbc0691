package io.zonedeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.zonedeck.metrics.MachineRef;
import io.zonedeck.metrics.MetricsService;
import io.zonedeck.security.UserService;
import io.zonedeck.support.As;
import io.zonedeck.ui.pages.AnalyticsPage;
import io.zonedeck.ui.pages.DatacenterPage;
import io.zonedeck.ui.pages.LoginPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Cloud Analytics revived, and the operator's datacenter overview, in a real browser. */
class AnalyticsJourneyIT extends BrowserTestBase {
    @Autowired
    MetricsService metrics;

    @Autowired
    UserService users;

    @Test
    void analytics_heatmap_renders_non_empty() {
        Page page = newPage();
        LoginPage.open(page, baseUrl()).signInDemo("operator");
        AnalyticsPage analytics = AnalyticsPage.openFromMenu(page).waitForMode("lines");
        analytics.chooseSplit("None").chooseMetric("CPU run-queue latency").waitForMode("heatmap");

        int cells = analytics.waitForHeatCells();
        assertThat(cells).isPositive();
        // and ECharts painted them: coloured pixels inside the plot area
        int pixels = 0;
        for (int i = 0; i < 20 && pixels <= 500; i++) {
            page.waitForTimeout(250);
            pixels = analytics.colouredPlotPixels();
        }
        assertThat(pixels).as("coloured pixels in the plot area").isGreaterThan(500);
        assertThat(page.locator("#analytics-decomposition[invalid]").count()).isZero();
        shoot(page, "analytics");
    }

    @Test
    void a_tenants_analytics_never_shows_another_tenants_machine() {
        List<String> acme = names("alice");
        List<String> globex = names("bob");
        assertThat(acme).isNotEmpty();
        assertThat(globex).isNotEmpty().doesNotContainAnyElementsOf(acme);

        Page page = newPage();
        LoginPage.open(page, baseUrl()).signInDemo("alice");
        AnalyticsPage analytics = AnalyticsPage.openFromMenu(page).waitForMode("lines");
        // the default split is by machine; wait for a live second to pass and look again
        page.waitForCondition(() -> !analytics.seriesNames().isEmpty());
        page.waitForTimeout(2500);
        List<String> shown = analytics.seriesNames();
        assertThat(shown).isNotEmpty().isSubsetOf(acme).doesNotContainAnyElementsOf(globex);
        assertThat(analytics.machineChoices()).isNotEmpty().isSubsetOf(acme).doesNotContainAnyElementsOf(globex);
        assertThat(page.locator("#analytics-node").count()).isZero();
        assertThat(page.locator("#analytics-tenant").count()).isZero();
        screenshot(page, "analytics-alice-by-machine");
    }

    @Test
    void operator_selects_a_top_machine_and_every_node_chart_highlights_it() {
        Page page = newPage();
        LoginPage.open(page, baseUrl()).signInDemo("operator");
        DatacenterPage dc = DatacenterPage.openFromMenu(page).waitForCharts();
        assertThat(dc.nodes()).isEqualTo(dc.nodeCharts().count()).isGreaterThanOrEqualTo(2);

        String hot = dc.firstTopCpuMachine();
        dc.selectFirstTopCpuRow();
        List<String> selected = dc.selectedPerChart();
        assertThat(selected).containsOnlyOnce(hot);
        assertThat(selected.stream().filter(String::isEmpty)).hasSize(selected.size() - 1);
        shoot(page, "overview");
    }

    private List<String> names(String user) {
        return As.user(users, user, () -> metrics.visibleMachines()).stream()
                .map(MachineRef::name)
                .toList();
    }

    /** target/screenshots and /tmp/shots (looked at by people reviewing the UI). */
    private static void shoot(Page page, String name) {
        // the app layout scrolls inside its content: a tall viewport shows the whole page
        page.setViewportSize(1400, 1600);
        page.waitForTimeout(1500);
        screenshot(page, name);
        try {
            Files.createDirectories(Path.of("/tmp/shots"));
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Path.of("/tmp/shots", name + ".png"))
                    .setFullPage(true));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
