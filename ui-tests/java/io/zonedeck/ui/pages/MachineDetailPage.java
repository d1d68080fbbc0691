package io.zonedeck.ui.pages;

import com.microsoft.playwright.Page;

public class MachineDetailPage {
    private final Page page;

    public MachineDetailPage(Page page) {
        this.page = page;
    }

    public String state() {
        return page.locator("#machine-state").getAttribute("data-state");
    }

    public void waitForState(String state) {
        page.waitForCondition(() -> state.equals(state()), new Page.WaitForConditionOptions().setTimeout(30_000));
    }

    /** How many times the CPU chart has been updated in the browser. */
    public int chartUpdates() {
        String v = page.locator("#cpu-chart").getAttribute("data-updates");
        return v == null ? 0 : Integer.parseInt(v);
    }

    public int chartPoints() {
        String v = page.locator("#cpu-chart").getAttribute("data-points");
        return v == null ? 0 : Integer.parseInt(v);
    }

    public void waitForChartUpdates(int atLeast) {
        page.waitForCondition(() -> chartUpdates() >= atLeast, new Page.WaitForConditionOptions().setTimeout(15_000));
    }

    public void stop() {
        page.locator("#action-stop").click();
    }

    public void deleteConfirmed() {
        page.locator("#action-delete").click();
        page.locator("vaadin-button[slot=confirm-button]").click();
    }

    public void waitDeleted() {
        page.locator("#machine-deleted")
                .waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(30_000));
    }
}
