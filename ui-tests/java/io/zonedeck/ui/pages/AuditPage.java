package io.zonedeck.ui.pages;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.List;

/** The audit log page. */
public class AuditPage {
    private final Page page;

    public AuditPage(Page page) {
        this.page = page;
    }

    public static AuditPage open(Page page, String baseUrl) {
        page.navigate(baseUrl + "/audit");
        return new AuditPage(page).waitForGrid();
    }

    public AuditPage waitForGrid() {
        page.locator("#audit-grid").waitFor();
        page.waitForCondition(
                () -> !cells().isEmpty() || page.locator("#audit-empty").isVisible());
        return this;
    }

    /** The text of every rendered cell, row by row. */
    public List<String> cells() {
        return page.locator("#audit-grid vaadin-grid-cell-content").allTextContents().stream()
                .map(String::strip)
                .toList();
    }

    public boolean hasColumn(String header) {
        return cells().contains(header);
    }

    /** Types an action (or its start) into the action filter and waits for the grid to follow. */
    public void filterAction(String action) {
        Locator input = page.locator("#audit-action input");
        input.fill(action);
        input.press("Enter");
        page.waitForTimeout(600);
    }

    public void search(String text) {
        page.locator("#audit-search input").fill(text);
        page.waitForTimeout(900); // lazy value change
    }

    /** Clicks "Download CSV" and returns the saved file. */
    public Path downloadCsv(Path to) {
        Download d = page.waitForDownload(() -> page.locator("#audit-csv").click());
        d.saveAs(to);
        return to;
    }
}
