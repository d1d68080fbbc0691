package io.zonedeck.ui.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

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

    /** Whether a visible row shows the machine (the grid keeps recycled rows hidden in its DOM). */
    public boolean shows(String name) {
        return page.locator("#machines-grid a.machine-link:visible", new Page.LocatorOptions().setHasText(name))
                        .count()
                > 0;
    }

    public CreateWizardPage openWizard() {
        page.locator("#create-machine").click();
        return new CreateWizardPage(page).waitOpen();
    }

    public void openCreateDialog() {
        openWizard();
    }

    public void fillName(String name) {
        new CreateWizardPage(page).name(name);
    }

    /**
     * Goes through the wizard with its defaults and creates; stops on the first step that shows an error (the
     * wizard stays there).
     */
    public void submit() {
        CreateWizardPage wizard = new CreateWizardPage(page);
        for (int i = 0; i < 6 && !wizard.errorShown(); i++) {
            if (page.locator("#wizard-create").isVisible()) {
                wizard.create();
                return;
            }
            wizard.nextAndSettle();
        }
    }

    /** The name field's error, once the wizard shows one. */
    public String nameError() {
        return new CreateWizardPage(page).errorOf("wizard-name");
    }

    public void cancelCreate() {
        new CreateWizardPage(page).cancel();
    }

    /**
     * Waits for the wizard to close. It lands on the new machine's page; this journey goes on with the list, so
     * it returns there through the menu.
     */
    public void waitDialogClosed() {
        new CreateWizardPage(page).waitClosed();
        page.locator("#machine-title").waitFor();
        backToList();
    }

    public MachinesPage backToList() {
        page.locator("#main-nav vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Machines"))
                .first()
                .click();
        return waitForGrid();
    }

    public void search(String text) {
        page.locator("#machines-search input").fill(text);
    }

    public void filterTag(String tag) {
        page.locator("#filter-tag input").fill(tag);
    }

    /** The state badge in the row of {@code name}. */
    public String stateOf(String name) {
        Locator badge = page.locator("#machines-grid .zd-badge[data-machine='" + name + "']");
        return badge.count() == 0 ? null : badge.first().innerText().trim();
    }

    public MachineDetailPage open(String name) {
        row(name).click();
        page.locator("#machine-title").waitFor();
        return new MachineDetailPage(page);
    }
}
