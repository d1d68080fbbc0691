package io.zonedeck.ui.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** The operator's datacenter overview: node heatmap, capacity, top machines, per-node CPU charts. */
public class DatacenterPage {
    private final Page page;

    public DatacenterPage(Page page) {
        this.page = page;
    }

    public static DatacenterPage openFromMenu(Page page) {
        page.locator("#main-nav vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Datacenter"))
                .click();
        page.locator("#overview-heatmap").waitFor();
        return new DatacenterPage(page);
    }

    /** Waits until the heatmap and every node chart are drawn and the top CPU list has rows. */
    public DatacenterPage waitForCharts() {
        page.waitForFunction("() => document.querySelector('#overview-heatmap canvas') !== null");
        page.waitForFunction("() => [...document.querySelectorAll('#overview-node-charts zd-echart')]"
                + ".every(c => Number(c.getAttribute('data-points') || 0) > 0)");
        page.locator("#overview-top-cpu vaadin-grid-cell-content a").first().waitFor();
        return this;
    }

    public int nodes() {
        return Integer.parseInt(page.locator("#overview-heatmap").getAttribute("data-nodes"));
    }

    public Locator nodeCharts() {
        return page.locator("#overview-node-charts zd-echart");
    }

    /** The machine name in the first row of the top-CPU list. */
    public String firstTopCpuMachine() {
        return page.locator("#overview-top-cpu vaadin-grid-cell-content a")
                .first()
                .innerText()
                .trim();
    }

    /** Clicks the first top-CPU row beside its link (on the value), which selects the machine. */
    public void selectFirstTopCpuRow() {
        String name = firstTopCpuMachine();
        page.locator(
                        "#overview-top-cpu vaadin-grid-cell-content",
                        new Page.LocatorOptions().setHasText(java.util.regex.Pattern.compile("^\\d+(\\.\\d)? %$")))
                .first()
                .click();
        page.waitForCondition(() -> nodeCharts()
                .evaluateAll("cs => cs.map(c => c.getAttribute('data-selected'))")
                .toString()
                .contains(name));
    }

    /** For each node chart, the machine it shows highlighted ("" when the selected one runs elsewhere). */
    @SuppressWarnings("unchecked")
    public java.util.List<String> selectedPerChart() {
        return (java.util.List<String>)
                nodeCharts().evaluateAll("cs => cs.map(c => c.getAttribute('data-selected') || '')");
    }
}
