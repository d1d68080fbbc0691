package io.zonedeck.nodes.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.zonedeck.agent.api.NodeCapabilities;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a node's driver can do, as it last advertised: brands, throttles enforced, metrics measured and not
 * measured, latency distributions, VRRP, snapshots and the images it runs. Each value carries a {@code data-cap}
 * attribute for tests.
 */
class NodeCapabilitiesPanel extends Div {
    NodeCapabilitiesPanel() {
        addClassName("zd-card");
        setId("node-capabilities");
        getStyle().set("flex", "1 1 280px");
    }

    void show(NodeCapabilities caps, String driver) {
        removeAll();
        H3 h = new H3("Capabilities" + (driver == null ? "" : " (" + driver + " driver)"));
        h.getStyle().set("margin-top", "0");
        add(h);
        if (caps == null) {
            Paragraph p = new Paragraph("Not known yet: the node has not answered since the portal started.");
            p.getElement().setAttribute("data-cap", "unknown");
            add(p);
            return;
        }
        Div dl = new Div();
        dl.addClassName("zd-facts");
        fact(dl, "Brands", "brands", join(caps.brands()));
        fact(dl, "Throttles enforced", "throttles", join(caps.throttles()));
        fact(
                dl,
                "Throttles not enforced",
                "throttles-missing",
                join(missing(NodeCapabilities.ALL_THROTTLES, caps.throttles())));
        fact(dl, "Metrics measured", "metrics", join(caps.metrics()));
        fact(
                dl,
                "Metrics not measured",
                "metrics-missing",
                join(missing(NodeCapabilities.ALL_METRICS, caps.metrics())));
        fact(dl, "Latency distributions", "distributions", join(caps.distributions()));
        fact(dl, "VRRP", "vrrp", caps.vrrp() ? "yes" : "no");
        fact(dl, "Snapshots", "snapshots", caps.snapshots() ? "yes" : "no");
        fact(
                dl,
                "Images",
                "images",
                caps.images() == null
                        ? "any image of the catalogue"
                        : caps.images().size() + " workload images: " + join(caps.images()));
        add(dl);
    }

    private static List<String> missing(Set<String> all, Set<String> have) {
        return all.stream().filter(k -> !have.contains(k)).sorted().toList();
    }

    private static String join(Collection<String> values) {
        return values.isEmpty() ? "none" : String.join(", ", new TreeSet<>(values));
    }

    private static void fact(Div dl, String label, String key, String value) {
        Span dt = new Span(label);
        dt.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Span dd = new Span(value);
        dd.getElement().setAttribute("data-cap", key);
        dd.getStyle().set("overflow-wrap", "anywhere");
        dl.add(dt, dd);
    }
}
