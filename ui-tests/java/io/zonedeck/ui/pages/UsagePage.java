package io.zonedeck.ui.pages;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** The usage page: range, metric, stacked-bar chart, rows and the CSV download. */
public class UsagePage {
    private final Page page;

    public UsagePage(Page page) {
        this.page = page;
    }

    /** Opens the page from the main menu. */
    public static UsagePage openFromMenu(Page page) {
        page.locator("#main-nav vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Usage"))
                .click();
        page.locator("#usage-grid").waitFor();
        return new UsagePage(page);
    }

    /** Waits until the chart has drawn at least one option in the browser. */
    public UsagePage waitForChart() {
        page.waitForCondition(() -> {
            String v = page.locator("#usage-chart").getAttribute("data-updates");
            return v != null && Integer.parseInt(v) >= 1;
        });
        // ECharts draws on the next animation frame
        page.waitForFunction("() => document.querySelector('#usage-chart canvas') !== null");
        return this;
    }

    public int chartSeries() {
        String v = page.locator("#usage-chart").getAttribute("data-series");
        return v == null ? 0 : Integer.parseInt(v);
    }

    /** Visible grid rows (the grid keeps recycled rows hidden). */
    public int visibleRows() {
        return page.locator("#usage-grid vaadin-grid-cell-content:visible").count();
    }

    public void chooseMetric(String label) {
        page.locator("#usage-metric").click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText(label))
                .click();
    }

    /** Clicks "Download CSV" and returns the file's text. */
    public String downloadCsv() {
        Download download =
                page.waitForDownload(() -> page.locator("#usage-csv").click());
        try {
            return Files.readString(download.path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
