package io.zonedeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.zonedeck.compute.MachineQuery;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.security.UserService;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import io.zonedeck.ui.pages.LoginPage;
import io.zonedeck.ui.pages.MachineMetricsPage;
import io.zonedeck.ui.pages.MachineTabsPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A tenant admin watches her machine's Metrics tab in Chromium: the CPU chart receives live points, the latency
 * heatmap has cells, and 24 h switches to per-minute history (screenshots in /tmp/shots/machine-metrics*.png).
 */
class MachineMetricsIT extends BrowserTestBase {
    @Autowired
    MachineService machines;

    @Autowired
    UserService users;

    /**
     * One of acme's demo machines once it runs: creating one here would use up acme's public IPs, which
     * TenancyJourneyIT counts on when it runs later in the same context.
     */
    private UUID runningMachine() {
        return As.user(
                users,
                "alice",
                () -> Eventually.until(
                                Duration.ofSeconds(60),
                                () -> machines.page(MachineQuery.all().withState("running"), 0, 1),
                                (List<MachineSummary> l) -> !l.isEmpty(),
                                "a running acme machine")
                        .get(0)
                        .id());
    }

    @Test
    void machine_chart_receives_live_points() {
        UUID id = runningMachine();
        Page page = newPage();
        page.setViewportSize(1400, 1700);
        LoginPage.open(page, baseUrl()).signInDemo("alice");
        MachineTabsPage.open(page, baseUrl(), id.toString());
        MachineMetricsPage metrics = MachineMetricsPage.open(page);

        page.waitForCondition(() -> metrics.points("metrics-cpu") > 0);
        int before = metrics.points("metrics-cpu");
        page.waitForTimeout(3_000);
        assertThat(metrics.points("metrics-cpu")).isGreaterThan(before);
        assertThat(metrics.attribute("metrics-cpu", "data-window")).isEqualTo("10m");

        page.waitForCondition(() -> metrics.heatCells() > 0, new Page.WaitForConditionOptions().setTimeout(15_000));
        assertThat(metrics.heatCellsInBrowser()).isEqualTo(metrics.heatCells());
        assertThat(metrics.cpuSettings()).contains("cpu_shares").contains("cpu_cap");
        page.waitForTimeout(5_000); // a few more seconds on every chart
        shot(page, "machine-metrics");
        System.out.printf(
                "metrics tab: heatmap %d cells, option %d chars; cpu chart %d points, option %d chars%n",
                metrics.heatCells(),
                metrics.optionChars("metrics-heatmap"),
                metrics.points("metrics-cpu"),
                metrics.optionChars("metrics-cpu"));

        metrics.latency("Disk I/O latency");
        page.waitForCondition(() -> "disk_latency".equals(metrics.attribute("metrics-heatmap", "data-distribution")));

        metrics.window("24 h");
        page.waitForCondition(() -> "minute".equals(metrics.attribute("metrics-cpu", "data-resolution")));
        assertThat(metrics.attribute("metrics-heatmap", "data-window")).isEqualTo("24h");
        shot(page, "machine-metrics-24h");

        page.evaluate("document.documentElement.setAttribute('theme', 'dark')");
        metrics.window("1 min (live)");
        page.locator("#tab-overview").click(); // charts pick the theme when (re)attached
        MachineMetricsPage again = MachineMetricsPage.open(page);
        page.waitForCondition(() -> again.points("metrics-cpu") > 0);
        page.waitForTimeout(3_000);
        shot(page, "machine-metrics-dark");
    }

    private static void shot(Page page, String name) {
        screenshot(page, name);
        try {
            Path dir = Paths.get("/tmp/shots");
            Files.createDirectories(dir);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(dir.resolve(name + ".png"))
                    .setFullPage(true));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
