package io.zonedeck.ui.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;

/** The machine page's Throttles tab: the form by vmadm names and the live chart's data as the browser holds it. */
public class ThrottlesPage {
    private final Page page;

    public ThrottlesPage(Page page) {
        this.page = page;
    }

    /** Opens the tab of a machine page that is already shown. */
    public static ThrottlesPage open(Page page) {
        page.locator("#tab-throttles").click();
        page.locator("#throttle-form").waitFor();
        page.locator("#throttle-chart").waitFor();
        return new ThrottlesPage(page);
    }

    private Locator field(String property) {
        return page.locator("#throttle-" + property + " input");
    }

    public String value(String property) {
        return field(property).inputValue();
    }

    public String helper(String property) {
        return (String) page.locator("#throttle-" + property).evaluate("e => e.helperText");
    }

    public void set(String property, int value) {
        field(property).fill(String.valueOf(value));
        field(property).press("Tab");
    }

    public void save() {
        page.locator("#throttles-save").click();
    }

    public boolean overridden(String property) {
        return page.locator("#override-" + property).isVisible();
    }

    public void waitOverridden(String property) {
        page.locator("#override-" + property).waitFor();
    }

    /** Waits until the change's job has come and gone. */
    public void waitJobDone() {
        page.waitForCondition(
                () -> page.locator("#throttle-job-progress").count() == 0,
                new Page.WaitForConditionOptions().setTimeout(30_000));
    }

    /** The newest {@code n} values of a chart series (by index: 0 CPU used, 2 cpu_cap, 3 baseline, 5 credit). */
    @SuppressWarnings("unchecked")
    public List<Double> lastValues(int series, int n) {
        Object v = page.locator("#throttle-chart")
                .evaluate(
                        "(e, a) => (e._data[a[0]] || []).slice(-a[1]).map(p => p[1] === null ? -1 : p[1])",
                        List.of(series, n));
        return ((List<Number>) v).stream().map(Number::doubleValue).toList();
    }

    public int points() {
        String v = page.locator("#throttle-chart").getAttribute("data-points");
        return v == null ? 0 : Integer.parseInt(v);
    }

    public String attribute(String name) {
        return page.locator("#throttle-chart").getAttribute(name);
    }
}
