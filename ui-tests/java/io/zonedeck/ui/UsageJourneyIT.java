package io.zonedeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.microsoft.playwright.Page;
import io.zonedeck.ui.pages.LoginPage;
import io.zonedeck.ui.pages.UsagePage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tenant admin looks at what her machines used and takes the numbers away as CSV. */
class UsageJourneyIT extends BrowserTestBase {
    static final List<String> HEADER = List.of(
            "period_start",
            "granularity",
            "tenant_id",
            "tenant",
            "machine_id",
            "machine",
            "package",
            "billing_tag",
            "cpu_seconds",
            "ram_gib_hours",
            "disk_gib_hours",
            "net_bytes",
            "samples");

    @Test
    void alice_opens_usage_sees_the_chart_and_downloads_a_csv_that_parses() throws Exception {
        Page page = newPage();
        LoginPage.open(page, baseUrl()).signInDemo("alice");
        UsagePage usage = UsagePage.openFromMenu(page).waitForChart();
        assertThat(usage.chartSeries()).isPositive();
        assertThat(usage.visibleRows()).isPositive();
        screenshot(page, "usage-01-alice-cpu-hours");

        usage.chooseMetric("Network GiB");
        page.waitForCondition(() -> {
            String v = page.locator("#usage-chart").getAttribute("data-updates");
            return v != null && Integer.parseInt(v) >= 2;
        });
        screenshot(page, "usage-02-alice-network");

        String csv = usage.downloadCsv();
        assertThat(csv.lines().findFirst()).hasValue(String.join(",", HEADER));
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it = new CsvMapper()
                .readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv)) {
            rows = it.readAll();
        }
        assertThat(rows).isNotEmpty();
        assertThat(rows).extracting(r -> r.get("tenant")).containsOnly("acme");
        assertThat(rows).extracting(r -> r.get("granularity")).containsOnly("day");
        assertThat(Double.parseDouble(rows.get(0).get("cpu_seconds"))).isPositive();
    }

    @Test
    void operator_sees_every_tenant_stacked() {
        Page page = newPage();
        LoginPage.open(page, baseUrl()).signInDemo("operator");
        UsagePage usage = UsagePage.openFromMenu(page).waitForChart();
        assertThat(usage.chartSeries()).isGreaterThanOrEqualTo(2);
        screenshot(page, "usage-03-operator-all-tenants");
    }
}
