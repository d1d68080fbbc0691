package io.zonedeck.ui.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

/** The failover pairs list, the create dialog and a pair's page. */
public class FailoverPage {
    private final Page page;

    public FailoverPage(Page page) {
        this.page = page;
    }

    public static FailoverPage open(Page page, String baseUrl) {
        page.navigate(baseUrl + "/failover");
        page.locator("#pairs-grid").waitFor();
        return new FailoverPage(page);
    }

    public void create(String name, String machineA, String machineB) {
        page.locator("#create-pair").click();
        page.locator("#pair-name input").fill(name);
        pick("#pair-machine-a", machineA);
        pick("#pair-machine-b", machineB);
        page.locator("#create-pair-submit").click();
        page.locator("#create-pair-dialog")
                .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
    }

    private void pick(String combo, String machine) {
        page.locator(combo + " input").click();
        page.locator(combo + " input").fill(machine);
        // the first combo's overlay keeps its (hidden) items in the page: pick from the open one
        page.locator("vaadin-combo-box-item:visible", new Page.LocatorOptions().setHasText(machine + " ("))
                .first()
                .click();
    }

    public void openPair(String name) {
        page.locator("#pairs-grid a.pair-link", new Page.LocatorOptions().setHasText(name))
                .click();
        page.locator("#pair-title").waitFor();
    }

    /** The router state shown on a member's card (MASTER, BACKUP, ...). */
    public String stateOf(String member) {
        Locator card = page.locator("#pair-members [data-member='" + member + "']");
        return card.count() == 0 ? null : card.getAttribute("data-state");
    }

    public void waitForStates(String member, String state, int timeoutMs) {
        page.waitForCondition(
                () -> state.equals(stateOf(member)), new Page.WaitForConditionOptions().setTimeout(timeoutMs));
    }

    public void switchOver() {
        page.locator("#pair-switchover").click();
    }

    public int historyRows() {
        return page.locator("#pair-history vaadin-grid-cell-content").count();
    }
}
