package io.zonedeck.ui.pages;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import java.util.List;

/** The analytics page: metric, split, filters and window pickers over a live chart or latency heatmap. */
public class AnalyticsPage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Page page;

    public AnalyticsPage(Page page) {
        this.page = page;
    }

    public static AnalyticsPage openFromMenu(Page page) {
        page.locator("#main-nav vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Analytics"))
                .click();
        page.locator("#analytics-chart").waitFor();
        return new AnalyticsPage(page);
    }

    public AnalyticsPage chooseMetric(String label) {
        return choose("#analytics-metric", label);
    }

    public AnalyticsPage chooseSplit(String label) {
        return choose("#analytics-decomposition", label);
    }

    private AnalyticsPage choose(String select, String label) {
        page.locator(select).click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText(label))
                .first()
                .click();
        return this;
    }

    /** Waits until the chart shows {@code mode} ("lines" or "heatmap") and ECharts has drawn it. */
    public AnalyticsPage waitForMode(String mode) {
        page.waitForCondition(() -> mode.equals(page.locator("#analytics-chart").getAttribute("data-mode")));
        page.waitForFunction("() => document.querySelector('#analytics-chart canvas') !== null");
        return this;
    }

    /** Waits (live updates run at 1 Hz) until the heatmap holds at least one non-empty cell; returns how many. */
    public int waitForHeatCells() {
        page.waitForCondition(() -> heatCells() > 0, new Page.WaitForConditionOptions().setTimeout(30_000));
        return heatCells();
    }

    public int heatCells() {
        String v = page.locator("#analytics-chart").getAttribute("data-nonempty-cells");
        return v == null ? 0 : Integer.parseInt(v);
    }

    /**
     * Pixels inside the plot area (the grid: 64 px left, 96 right, 36 top, 40 bottom) that are coloured (neither
     * white, grey nor transparent): the heatmap cells ECharts painted, not the axes or the colour scale.
     */
    public int colouredPlotPixels() {
        Object n = page.evaluate("""
                () => {
                  let n = 0;
                  for (const c of document.querySelectorAll('#analytics-chart canvas')) {
                    const ctx = c.getContext('2d');
                    const r = c.width / c.clientWidth || 1;
                    const x0 = Math.ceil(66 * r), y0 = Math.ceil(38 * r);
                    const w = Math.floor(c.width - x0 - 98 * r), h = Math.floor(c.height - y0 - 42 * r);
                    if (!ctx || w <= 0 || h <= 0) continue;
                    const d = ctx.getImageData(x0, y0, w, h).data;
                    for (let i = 0; i < d.length; i += 4) {
                      const [R, G, B, A] = [d[i], d[i + 1], d[i + 2], d[i + 3]];
                      if (A > 128 && Math.max(R, G, B) - Math.min(R, G, B) > 30) n++;
                    }
                  }
                  return n;
                }""");
        return ((Number) n).intValue();
    }

    /** The series (legend) names the chart draws. */
    public List<String> seriesNames() {
        String v = page.locator("#analytics-chart").getAttribute("data-series-names");
        try {
            return v == null ? List.of() : JSON.readValue(v, new TypeReference<List<String>>() {});
        } catch (java.io.IOException e) {
            throw new IllegalStateException("bad data-series-names: " + v, e);
        }
    }

    /** The machine names the machine filter offers (opens and closes its overlay). */
    public List<String> machineChoices() {
        page.locator("#analytics-machine input").click();
        page.locator("vaadin-combo-box-item").first().waitFor();
        // the items exist before their text is rendered (under load, for a moment)
        page.waitForCondition(() ->
                page.locator("vaadin-combo-box-item").allInnerTexts().stream().noneMatch(String::isBlank));
        List<String> names = page.locator("vaadin-combo-box-item").allInnerTexts();
        page.keyboard().press("Escape");
        return names.stream().map(String::trim).toList();
    }
}
