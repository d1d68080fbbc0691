package io.zonedeck.ui.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** One node: header with state and health flag, capacity, live chart, FMA faults and SMF services. */
public class NodeDetailPage {
    private final Page page;

    public NodeDetailPage(Page page) {
        this.page = page;
    }

    public String title() {
        return page.locator("#node-title").innerText();
    }

    /** The state badge of a service in the services grid (online, maintenance, ...). */
    public Locator serviceState(String fmri) {
        return page.locator("#node-services .zd-badge[data-fmri='" + fmri + "']");
    }

    /** A cell of the faults grid holding this text. */
    public Locator faultCell(String text) {
        return page.locator("#node-faults vaadin-grid-cell-content", new Page.LocatorOptions().setHasText(text));
    }

    public Locator noFaults() {
        return page.locator("#node-no-faults");
    }

    public Locator healthFlag() {
        return page.locator("#node-health-flag .zd-badge.faulty");
    }
}
