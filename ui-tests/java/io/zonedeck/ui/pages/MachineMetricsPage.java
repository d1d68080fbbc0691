package io.zonedeck.ui.pages;

import com.microsoft.playwright.Page;

/** The machine page's Metrics tab: window and latency pickers, the charts' data as the browser holds it. */
public class MachineMetricsPage {
    private final Page page;

    public MachineMetricsPage(Page page) {
        this.page = page;
    }

    /** Opens the tab of a machine page that is already shown. */
    public static MachineMetricsPage open(Page page) {
        page.locator("#tab-metrics").click();
        page.locator("#metrics-cpu").waitFor();
        page.locator("#metrics-heatmap").waitFor();
        return new MachineMetricsPage(page);
    }

    /** Points the browser holds for a chart (all its series), from zd-echart's data-points. */
    public int points(String chart) {
        String v = page.locator("#" + chart).getAttribute("data-points");
        return v == null ? 0 : Integer.parseInt(v);
    }

    public int heatCells() {
        String v = page.locator("#metrics-heatmap").getAttribute("data-latency-cells");
        return v == null ? 0 : Integer.parseInt(v);
    }

    /** Cells in the heatmap series the browser was given. */
    public int heatCellsInBrowser() {
        Object n = page.locator("#metrics-heatmap")
                .evaluate("e => ((e._option && e._option.series && e._option.series[0].data) || []).length");
        return ((Number) n).intValue();
    }

    /** Size of a chart's option as JSON, in characters (what one full redraw sends). */
    public int optionChars(String chart) {
        Object n = page.locator("#" + chart).evaluate("e => JSON.stringify(e._option || {}).length");
        return ((Number) n).intValue();
    }

    public String attribute(String chart, String name) {
        return page.locator("#" + chart).getAttribute(name);
    }

    public String cpuSettings() {
        return page.locator("#metrics-cpu-settings").innerText();
    }

    /** Picks a window by its label ("1 min (live)", "24 h", ...). */
    public void window(String label) {
        pick("#metrics-window", label);
    }

    /** Picks a latency distribution by its label. */
    public void latency(String label) {
        pick("#metrics-latency", label);
    }

    private void pick(String select, String label) {
        page.locator(select).click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText(label))
                .first()
                .click();
    }
}
