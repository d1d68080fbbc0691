package io.zonedeck.ui.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

public class MachinesPage {
    private final Page page;

    public MachinesPage(Page page) {
        this.page = page;
    }

    public MachinesPage waitForGrid() {
        page.locator("#machines-grid").waitFor();
        return this;
    }

    /** The machine's name link in the grid (Vaadin renders cells in light DOM slots). */
    public Locator row(String name) {
        return page.locator("#machines-grid a.machine-link", new Page.LocatorOptions().setHasText(name));
    }

    public boolean shows(String name) {
        return row(name).count() > 0;
    }

    public void openCreateDialog() {
        page.locator("#create-machine").click();
        page.locator("#machine-name").waitFor();
    }

    public void fillName(String name) {
        page.locator("#machine-name input").fill(name);
    }

    public void submit() {
        page.locator("#create-submit").click();
    }

    public void waitDialogClosed() {
        page.locator("#create-machine-dialog")
                .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
    }

    /** The state badge in the row of {@code name}. */
    public String stateOf(String name) {
        Locator badges = page.locator("#machines-grid vaadin-grid-cell-content");
        int count = badges.count();
        for (int i = 0; i < count; i++) {
            if (badges.nth(i).innerText().trim().equals(name)) {
                // the state column is the 4th: name, brand, package, state
                return badges.nth(i + 3).locator(".zd-badge").innerText().trim();
            }
        }
        return null;
    }

    public MachineDetailPage open(String name) {
        row(name).click();
        page.locator("#machine-title").waitFor();
        return new MachineDetailPage(page);
    }
}
