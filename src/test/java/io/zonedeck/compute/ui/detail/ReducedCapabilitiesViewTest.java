package io.zonedeck.compute.ui.detail;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import io.zonedeck.agent.Agent;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.compute.ThrottleQuery;
import io.zonedeck.compute.ThrottleRequest;
import io.zonedeck.metrics.Distribution;
import io.zonedeck.metrics.MetricsService;
import io.zonedeck.metrics.ui.LatencyHeatmap;
import io.zonedeck.metrics.ui.MetricChart;
import io.zonedeck.nodes.LinuxLikeNode;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeService;
import io.zonedeck.nodes.ui.NodeDetailView;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The machine page and the node page for a machine on a node with reduced capabilities (what the linux driver
 * advertises): unenforced throttles disabled and refused, no snapshots, unmeasured metrics shown as such. The node is
 * registered in a context of this class's own (the other tab tests keep their all-sim datacenter).
 */
@SpringBootTest(properties = {"zonedeck.test.context=reduced-capabilities", "zonedeck.test.database=h2"})
@DirtiesContext
class ReducedCapabilitiesViewTest extends DetailViewTestBase {
    static Agent linux;
    static Node linuxNode;

    @Autowired
    NodeService nodes;

    @Autowired
    CatalogService catalog;

    @Autowired
    ThrottleQuery throttles;

    @Autowired
    MetricsService metrics;

    @Autowired
    io.zonedeck.failover.FailoverService failover;

    @BeforeEach
    void registerTheLinuxNode() {
        if (linux != null) {
            return;
        }
        // this class starts a context of its own: let the demo finish seeding first (a quieter start)
        Eventually.until(
                java.time.Duration.ofSeconds(60),
                () -> As.user(users, "operator", () -> failover.list()),
                pairs -> !pairs.isEmpty(),
                "the demo's failover pair");
        String image = As.user(
                users,
                "operator",
                () -> catalog.findImage("base-64-lts").orElseThrow().id().toString());
        linux = LinuxLikeNode.start("linux-1", "linux-credential", List.of(image));
        linuxNode = As.user(
                users,
                "operator",
                () -> nodes.register("linux-1", "http://127.0.0.1:" + linux.port(), "linux-credential"));
    }

    @AfterAll
    static void stopTheLinuxNode() {
        if (linux != null) {
            linux.close();
            linux = null;
        }
    }

    /** A running zone of alice's, placed on the linux node because that node names its image. */
    MachineSummary onLinux() {
        MachineSummary m = runningZone();
        assertThat(As.user(users, "operator", () -> machines.get(m.id()).nodeId()))
                .as("the node that names base-64-lts")
                .isEqualTo(linuxNode.id());
        return m;
    }

    private static IntegerField field(String property) {
        return _get(IntegerField.class, spec -> spec.withId("throttle-" + property));
    }

    @Test
    void a_throttle_the_node_does_not_enforce_is_disabled_with_the_reason_and_refused_by_the_service() {
        MachineSummary m = onLinux();
        open(m);
        selectTab("tab-throttles");
        assertThat(field("zfs_io_priority").isEnabled()).isFalse();
        assertThat(field("zfs_io_priority").getHelperText())
                .isEqualTo("Not enforced on this machine's node (linux driver)");
        assertThat(field("cpu_cap").isEnabled()).isTrue();
        assertThat(field("cpu_cap").getHelperText()).contains("package g1-nano: 25 %");

        long before = throttles.of(m.id()).value("zfs_io_priority");
        assertThatThrownBy(() -> changes.throttle(m.id(), ThrottleRequest.of(Map.of("zfs_io_priority", 10))))
                .isInstanceOfSatisfying(ZoneDeckException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).singleElement().satisfies(p -> {
                        assertThat(p.field()).isEqualTo("zfs_io_priority");
                        assertThat(p.message())
                                .isEqualTo(
                                        "zfs_io_priority is not enforced on this machine's node" + " (linux driver)");
                    });
                });
        assertThat(throttles.of(m.id()).value("zfs_io_priority")).isEqualTo(before);
        assertThat(machines.activeJob(m.id())).isEmpty();
    }

    @Test
    void the_snapshots_tab_says_the_node_has_none_and_the_service_refuses_one() {
        MachineSummary m = onLinux();
        open(m);
        selectTab("tab-snapshots");
        assertThat(_get(Paragraph.class, spec -> spec.withId("snapshots-unsupported"))
                        .getText())
                .isEqualTo("Snapshots are not supported on this machine's node (linux driver).");
        assertThat(_find(Button.class, spec -> spec.withId("take-snapshot"))).isEmpty();
        assertThatThrownBy(() -> changes.createSnapshot(m.id(), "before-upgrade"))
                .isInstanceOfSatisfying(ZoneDeckException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors().get(0).field()).isEqualTo("name");
                });
        assertThat(machines.detail(m.id()).snapshots()).isEmpty();
    }

    @Test
    void unmeasured_metrics_show_as_not_measured_never_as_zero_lines() {
        MachineSummary m = onLinux();
        Eventually.until(
                Duration.ofSeconds(10),
                () -> {
                    try {
                        return !metrics.coverage(m.id()).measures("io_delay");
                    } catch (ZoneDeckException e) {
                        return false; // the metrics directory has not seen the machine yet
                    }
                },
                Boolean::booleanValue,
                "the machine in the metrics directory");
        open(m);
        selectTab("tab-metrics");
        MetricChart disk = _get(MetricChart.class, spec -> spec.withId("metrics-disk"));
        assertThat(disk.unavailable()).isFalse();
        assertThat(disk.getElement().getAttribute("data-unmeasured")).isEqualTo("I/O throttle delay");
        MetricChart memory = _get(MetricChart.class, spec -> spec.withId("metrics-memory"));
        assertThat(memory.getElement().getAttribute("data-unmeasured")).isEqualTo("swap");
        MetricChart network = _get(MetricChart.class, spec -> spec.withId("metrics-network"));
        assertThat(network.getElement().getAttribute("data-unmeasured")).isEmpty();

        MetricsTab tab = _get(MetricsTab.class, spec -> spec.withId("metrics-tab"));
        assertThat(tab.latencyPicker().getItemLabelGenerator().apply(Distribution.RUNQ_LATENCY))
                .isEqualTo("CPU run-queue latency (not measured on this machine's node (linux driver))");
        LatencyHeatmap heat = _get(LatencyHeatmap.class, spec -> spec.withId("metrics-heatmap"));
        assertThat(heat.unavailable()).isTrue();
        assertThat(heat.getElement().getAttribute("data-unavailable")).isEqualTo("true");
        assertThat(heat.cells()).isZero();
    }

    @Test
    void the_node_page_lists_what_the_linux_node_can_and_cannot_do() {
        onLinux(); // registers the node
        signIn("operator");
        UI.getCurrent().navigate(NodeDetailView.class, NodeDetailView.params(linuxNode.id()));
        assertThat(cap("brands")).isEqualTo("joyent, joyent-minimal, lx");
        assertThat(cap("throttles-missing")).isEqualTo("zfs_io_priority");
        assertThat(cap("metrics-missing"))
                .isEqualTo("burst_credit, cpu_baseline, cpu_demand, io_delay, swap, syscalls");
        assertThat(cap("distributions")).isEqualTo("none");
        assertThat(cap("vrrp")).isEqualTo("yes");
        assertThat(cap("snapshots")).isEqualTo("no");
        assertThat(cap("images")).startsWith("1 workload images: ");
    }

    private static String cap(String key) {
        return _find(Span.class).stream()
                .filter(s -> key.equals(s.getElement().getAttribute("data-cap")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no capability " + key))
                .getText();
    }
}
