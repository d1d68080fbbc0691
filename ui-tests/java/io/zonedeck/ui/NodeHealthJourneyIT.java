package io.zonedeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.zonedeck.agent.api.SimHealthRequest;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.ui.pages.LoginPage;
import io.zonedeck.ui.pages.NodeDetailPage;
import io.zonedeck.ui.pages.NodesPage;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The operator watches a node's page while the sim node diagnoses an FMA fault; the Nodes grid flags the node. */
class NodeHealthJourneyIT extends BrowserTestBase {
    @Autowired
    NodeRegistry registry;

    Node node() {
        return registry.all().get(0);
    }

    @AfterEach
    void healthyAgain() {
        registry.client(node().id()).clearHealth();
    }

    @Test
    void an_injected_fma_fault_appears_on_the_node_page() throws Exception {
        Node n = node();
        Page page = newPage();
        LoginPage.open(page, baseUrl()).signInDemo("operator");
        NodesPage nodes = NodesPage.open(page, baseUrl());
        NodeDetailPage detail = nodes.openNode(n.name());
        assertThat(detail.title()).isEqualTo(n.name());
        detail.serviceState("svc:/system/zones:default").waitFor();
        assertThat(detail.serviceState("svc:/system/zones:default").getAttribute("data-state"))
                .isEqualTo("online");
        detail.noFaults().waitFor();
        assertThat(detail.healthFlag().isVisible()).isFalse();

        // the node diagnoses a fault on its own: the portal learns it from its poll, the page from its live tick
        long injected = System.nanoTime();
        registry.client(n.id())
                .injectHealth(SimHealthRequest.fault(
                        "ZFS-8000-FD",
                        "Major",
                        "zfs://pool=zones/vdev=c2t5d0",
                        "The number of I/O errors associated with a ZFS device exceeded acceptable levels."));
        registry.client(n.id())
                .injectHealth(SimHealthRequest.service("svc:/smartdc/agent/vm-agent:default", "maintenance", null));
        detail.faultCell("ZFS-8000-FD").waitFor(new Locator.WaitForOptions().setTimeout(9_000));
        long seenMillis = (System.nanoTime() - injected) / 1_000_000;
        System.out.println("node page showed the injected fault after " + seenMillis + " ms");
        // a poll every 5 s, then the page's next live tick (1 s); the scheduler is shared, so allow some slack
        assertThat(seenMillis).isLessThan(8_000);
        assertThat(detail.faultCell("zfs://pool=zones/vdev=c2t5d0").count()).isEqualTo(1);
        page.waitForCondition(() -> "maintenance"
                .equals(detail.serviceState("svc:/smartdc/agent/vm-agent:default")
                        .getAttribute("data-state")));
        detail.healthFlag().waitFor();
        assertThat(detail.healthFlag().innerText()).isEqualTo("1 fault · 1 service");
        assertThat(detail.noFaults().isVisible()).isFalse();
        page.waitForTimeout(1_500); // let the chart draw a few more points
        screenshot(page, "60-node-detail-fault");
        Files.createDirectories(Paths.get("/tmp/shots"));
        page.setViewportSize(1400, 1500); // the page scrolls inside the layout: a taller window shows the services
        page.waitForTimeout(500);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Paths.get("/tmp/shots/node-detail.png"))
                .setFullPage(true));

        page.setViewportSize(1400, 900);
        NodesPage again = NodesPage.open(page, baseUrl());
        again.healthBadge(n.name()).waitFor();
        assertThat(again.healthBadge(n.name()).getAttribute("data-faults")).isEqualTo("1");
        assertThat(again.healthBadge(n.name()).innerText()).contains("1 fault");
        screenshot(page, "61-nodes-flagged");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/shots/nodes-flagged.png")));

        registry.client(n.id()).clearHealth();
        again.healthBadge(n.name())
                .waitFor(new Locator.WaitForOptions()
                        .setState(WaitForSelectorState.HIDDEN)
                        .setTimeout(8_000));
    }
}
