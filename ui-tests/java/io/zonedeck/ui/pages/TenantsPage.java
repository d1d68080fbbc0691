package io.zonedeck.ui.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

/** The operator's tenants page: tenants grid, quota editor, pending quota requests. */
public class TenantsPage {
    private final Page page;

    public TenantsPage(Page page) {
        this.page = page;
    }

    public static TenantsPage open(Page page, String baseUrl) {
        page.navigate(baseUrl + "/tenants");
        page.locator("#tenants-grid").waitFor();
        return new TenantsPage(page);
    }

    /** Opens the tenant's quota editor. */
    public TenantsPage editQuota(String tenant) {
        page.locator("#quota-" + tenant).click();
        page.locator("#quota-save").waitFor(); // the dialog element itself stays hidden: its overlay shows
        return this;
    }

    /** What the editor shows in use for a limit ("in use: 2" → "2"). */
    public String inUse(String key) {
        return page.locator("#quota-used-" + key).innerText().replace("in use: ", "");
    }

    public TenantsPage limit(String key, String value) {
        page.locator("#quota-" + key + " input").fill(value);
        return this;
    }

    public TenantsPage saveQuota() {
        page.locator("#quota-save").click();
        page.locator("#quota-dialog").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
        return this;
    }

    /** The grid's visible cell texts of the tenant's row joined (Vaadin grid cells are light-DOM slots). */
    public boolean showsUsage(String text) {
        return page.locator(
                                "#tenants-grid vaadin-grid-cell-content:visible",
                                new Page.LocatorOptions().setHasText(text))
                        .count()
                > 0;
    }

    public String pendingCount() {
        return page.locator("#pending-requests-count").innerText();
    }

    /** Approves the pending request of {@code tenant} for {@code limitKey} with a note. */
    public TenantsPage approve(String tenant, String limitKey, String note) {
        page.locator("#approve-" + tenant + "-" + limitKey).click();
        page.locator("#decision-note").waitFor();
        page.locator("#decision-note textarea").fill(note);
        page.locator("#decision-submit").click();
        page.locator("#decision-dialog").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
        return this;
    }
}
