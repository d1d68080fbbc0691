package io.zonedeck.ui.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** The operator's Nodes page. */
public class NodesPage {
    private final Page page;

    public NodesPage(Page page) {
        this.page = page;
    }

    public static NodesPage open(Page page, String baseUrl) {
        page.navigate(baseUrl + "/nodes");
        page.locator("#nodes-grid").waitFor();
        return new NodesPage(page);
    }

    /** The red health badge in a node's row (hidden while the node is healthy). */
    public Locator healthBadge(String node) {
        return page.locator("#nodes-grid span[data-node='" + node + "'] .zd-badge.faulty");
    }

    public NodeDetailPage openNode(String node) {
        page.locator("#nodes-grid a[data-node='" + node + "']").click();
        page.locator("#node-title").waitFor();
        return new NodeDetailPage(page);
    }
}
