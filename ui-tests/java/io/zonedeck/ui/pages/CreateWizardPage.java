package io.zonedeck.ui.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

/** The create-machine wizard (a dialog with six steps). */
public class CreateWizardPage {
    private final Page page;

    public CreateWizardPage(Page page) {
        this.page = page;
    }

    public CreateWizardPage waitOpen() {
        page.locator("#wizard-name").waitFor();
        return this;
    }

    /** 0 basics, 1 image, 2 package, 3 networks, 4 keys and tags, 5 review. */
    public int step() {
        String id = page.locator("#wizard-steps [data-current=true]").getAttribute("id");
        return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
    }

    public void waitStep(int step) {
        page.locator("#wizard-step-" + step + "[data-current=true]").waitFor();
    }

    public void name(String name) {
        page.locator("#wizard-name input").fill(name);
    }

    public void brand(String brand) {
        page.locator("#wizard-brand vaadin-radio-button", new Page.LocatorOptions().setHasText(brand + " ·"))
                .first()
                .click();
    }

    public void image(String name) {
        page.locator("#wizard-image vaadin-radio-button", new Page.LocatorOptions().setHasText(name + " "))
                .first()
                .click();
    }

    public void pkg(String name) {
        page.locator("#wizard-package vaadin-radio-button", new Page.LocatorOptions().setHasText(name))
                .first()
                .click();
    }

    public void ip(int nic, String ip) {
        page.locator("#wizard-ip-" + nic + " input").fill(ip);
    }

    public void sshKeys(String keys) {
        page.locator("#wizard-ssh-keys textarea").fill(keys);
    }

    public void tag(String key, String value) {
        page.locator("#wizard-tags .kv-key input").last().fill(key);
        page.locator("#wizard-tags .kv-value input").last().fill(value);
    }

    public void next() {
        page.locator("#wizard-next").click();
    }

    public void back() {
        page.locator("#wizard-back").click();
    }

    /** Clicks Next and waits until the wizard either moved on or shows an error. */
    public void nextAndSettle() {
        int before = step();
        next();
        page.waitForCondition(() -> step() != before || errorShown());
    }

    public boolean errorShown() {
        // the dialog's content lives in its overlay, not under #create-machine-dialog
        return page.locator("[id^='wizard-'][invalid]").count() > 0
                || page.locator("#wizard-error").isVisible();
    }

    /** Waits for {@code #id} to be invalid and returns its error message. */
    public String errorOf(String id) {
        page.locator("#" + id + "[invalid]").waitFor();
        return (String) page.locator("#" + id).evaluate("e => e.errorMessage");
    }

    public boolean invalid(String id) {
        return page.locator("#" + id + "[invalid]").count() > 0;
    }

    public String review() {
        return page.locator("#wizard-review").innerText();
    }

    public void create() {
        page.locator("#wizard-create").click();
    }

    public void cancel() {
        page.locator("#wizard-cancel").click();
        waitClosed();
    }

    public void waitClosed() {
        page.locator("#create-machine-dialog")
                .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
    }
}
