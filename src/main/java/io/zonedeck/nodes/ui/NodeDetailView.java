package io.zonedeck.nodes.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.LiveUpdates;
import io.zonedeck.base.ui.StateBadge;
import io.zonedeck.metrics.SeriesStore;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeHealthReport;
import io.zonedeck.nodes.NodeService;
import io.zonedeck.nodes.NodeSummary;
import io.zonedeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Operator: one node — state and health flag, capacity, live CPU and memory, FMA faults and SMF services (read
 * every 5 s; the page shows a new answer within a second of it), and what its driver can do (capabilities). Sim
 * nodes get a Simulate menu for demos.
 */
@Route("nodes/:id")
@PageTitle("Node · ZoneDeck")
@RolesAllowed(Roles.OPERATOR)
public class NodeDetailView extends VerticalLayout implements BeforeEnterObserver {
    private static final long WINDOW = 120_000;
    private final NodeService nodes;
    private final SeriesStore series;
    private final H2 title = new H2();
    private final Span state = new Span();
    private final Span flag = new Span();
    private final Div facts = new Div();
    private final NodeCapabilitiesPanel capabilities = new NodeCapabilitiesPanel();
    private NodeHealthPanel health;
    private NodeLoadChart chart;
    private UUID id;
    private NodeSummary shownSummary;
    private List<Object> shownHealth;

    public NodeDetailView(NodeService nodes, SeriesStore series, LiveUpdates live) {
        this.nodes = nodes;
        this.series = series;
        addClassName("zd-page");
        setWidthFull();
        live.subscribe(this, this::tick);
    }

    public static RouteParameters params(UUID id) {
        return new RouteParameters("id", id.toString());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        id = null;
        shownSummary = null;
        shownHealth = null;
        Optional<NodeSummary> node = event.getRouteParameters()
                .get("id")
                .flatMap(NodeDetailView::parse)
                .flatMap(this::load);
        if (node.isEmpty()) {
            Paragraph p = new Paragraph("No such node. The link may be wrong.");
            p.setId("node-not-found");
            add(new H2("Node not found"), p, new RouterLink("Back to nodes", NodesView.class));
            return;
        }
        Node n = node.get().node();
        title.setId("node-title");
        title.getStyle().set("margin", "0");
        state.setId("node-state");
        flag.setId("node-health-flag");
        HorizontalLayout header = new HorizontalLayout(title, state, flag);
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        NodeHealthReport report = nodes.health(n.id());
        health = new NodeHealthPanel();
        health.setWidthFull();
        if ("sim".equals(n.driver())) {
            HorizontalLayout bar = new HorizontalLayout(
                    header, new SimulateHealthMenu(nodes, n.id(), SimulateHealthMenu.fmris(report), this::showHealth));
            bar.setWidthFull();
            bar.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
            bar.setAlignItems(FlexComponent.Alignment.CENTER);
            add(new RouterLink("← Nodes", NodesView.class), bar);
        } else {
            add(new RouterLink("← Nodes", NodesView.class), header);
        }

        facts.addClassName("zd-card");
        facts.setId("node-facts");
        facts.getStyle().set("flex", "1 1 280px");
        chart = new NodeLoadChart(series, n.id(), n.ramMiB(), WINDOW);
        chart.setId("node-load-chart");
        Div chartCard = new Div(heading("CPU and memory (% of node, live)"), chart);
        chartCard.addClassName("zd-card");
        chartCard.getStyle().set("flex", "2 1 480px").set("min-width", "0");
        FlexLayout cards = new FlexLayout(facts, chartCard, capabilities);
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-m)");
        cards.setWidthFull();
        add(cards, health);

        id = n.id();
        showSummary(node.get());
        showHealth(report);
    }

    private void tick() {
        if (id == null) {
            return;
        }
        chart.pushNewPoints();
        Optional<NodeSummary> s = load(id);
        if (s.isEmpty()) {
            return;
        }
        if (!s.get().equals(shownSummary)) {
            showSummary(s.get());
        }
        showHealth(nodes.health(id));
    }

    private void showSummary(NodeSummary s) {
        shownSummary = s;
        Node n = s.node();
        title.setText(n.name());
        state.removeAll();
        state.add(new StateBadge(n.state().label()));
        state.getElement().setAttribute("data-state", n.state().label());
        flag.removeAll();
        flag.add(new HealthBadge(s.health()));
        facts.removeAll();
        facts.add(heading("Capacity"));
        Div dl = new Div();
        dl.addClassName("zd-facts");
        fact(dl, "Driver", n.driver());
        fact(dl, "CPUs", String.valueOf(n.cpus()));
        fact(
                dl,
                "RAM provisioned",
                s.provisionedRamMiB() / 1024 + " of " + n.ramMiB() / 1024 + " GiB"
                        + String.format(" (%.0f %%)", s.ramUsedPct()));
        fact(
                dl,
                "Disk provisioned",
                s.provisionedDiskGiB() + " of " + n.diskGiB() + " GiB" + String.format(" (%.0f %%)", s.diskUsedPct()));
        fact(dl, "Machines", String.valueOf(s.machineCount()));
        fact(dl, "Agent", n.url());
        fact(
                dl,
                "Certificate (SHA-256)",
                n.fingerprint() == null ? "none: plain HTTP" : n.fingerprint().toString());
        fact(dl, "Last heartbeat", n.lastHeartbeat() == null ? "–" : NodeHealthPanel.TIME.format(n.lastHeartbeat()));
        facts.add(dl);
        capabilities.show(s.capabilities(), n.driver());
    }

    /** Re-renders the grids only when services or faults changed, so the page does not flicker every 5 s. */
    private void showHealth(NodeHealthReport r) {
        List<Object> now = List.of(r.supported(), r.services(), r.faults());
        if (!now.equals(shownHealth)) {
            shownHealth = now;
            health.show(r);
            flag.removeAll();
            flag.add(new HealthBadge(r.flag()));
        } else {
            health.showChecked(r);
        }
    }

    private static H3 heading(String text) {
        H3 h = new H3(text);
        h.getStyle().set("margin-top", "0");
        return h;
    }

    private static void fact(Div dl, String label, String value) {
        Span dt = new Span(label);
        dt.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Span dd = new Span(value == null ? "" : value);
        dd.getElement().setAttribute("data-fact", label.toLowerCase().replace(' ', '-'));
        dd.getStyle().set("overflow-wrap", "anywhere");
        dl.add(dt, dd);
    }

    private Optional<NodeSummary> load(UUID nodeId) {
        try {
            return Optional.of(nodes.get(nodeId));
        } catch (ZoneDeckException e) {
            if ("NotFound".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Optional<UUID> parse(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
