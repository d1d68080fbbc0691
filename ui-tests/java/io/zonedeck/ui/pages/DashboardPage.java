package io.zonedeck.ui.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

/** A tenant's dashboard: quota bars, machines by state, quota requests. */
public class DashboardPage {
    private final Page page;

    public DashboardPage(Page page) {
        this.page = page;
    }

    public static DashboardPage open(Page page, String baseUrl) {
        page.navigate(baseUrl + "/dashboard");
        page.locator("#quota-bars").waitFor();
        return new DashboardPage(page);
    }

    public Locator bar(String key) {
        return page.locator("#quota-bar-" + key);
    }

    public String level(String key) {
        return bar(key).getAttribute("data-level");
    }

    public String barText(String key) {
        return bar(key).locator(".quota-text").innerText();
    }

    /** Asks for more of a limit through the dialog. */
    public DashboardPage requestMore(String key, long value, String reason) {
        page.locator("#request-more-" + key).click();
        page.locator("#request-value").waitFor(); // the dialog element itself stays hidden: its overlay shows
        page.locator("#request-value input").fill(Long.toString(value));
        page.locator("#request-reason textarea").fill(reason);
        return this;
    }

    public DashboardPage send() {
        page.locator("#request-submit").click();
        page.locator("#request-more-dialog")
                .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
        return this;
    }

    public boolean requested(String key) {
        return page.locator("#requested-" + key).isVisible();
    }

    public String requests() {
        return page.locator("#dashboard-requests").innerText();
    }
}
