package io.zonedeck.nodes.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.zonedeck.base.ui.LiveUpdates;
import io.zonedeck.base.ui.StateBadge;
import io.zonedeck.base.ui.component.EChart;
import io.zonedeck.metrics.SeriesStore;
import io.zonedeck.nodes.NodeService;
import io.zonedeck.nodes.NodeSummary;
import io.zonedeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Operator: compute nodes with capacity, what is provisioned, and live CPU utilization per node. */
@Route("nodes")
@PageTitle("Nodes · ZoneDeck")
@RolesAllowed(Roles.OPERATOR)
public class NodesView extends VerticalLayout {
    private static final long WINDOW = 120_000;
    private final Grid<NodeSummary> grid = new Grid<>();
    private final EChart chart = new EChart();
    private final SeriesStore series;
    private final Map<java.util.UUID, Long> lastSent = new HashMap<>();
    private List<NodeSummary> nodes = List.of();

    public NodesView(NodeService nodeService, SeriesStore series, LiveUpdates live) {
        this.series = series;
        addClassName("zd-page");
        setWidthFull();
        grid.setId("nodes-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(NodesView::nameWithFlag)
                .setHeader("Node")
                .setKey("name")
                .setAutoWidth(true);
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(
                NodeDetailView.class, NodeDetailView.params(e.getItem().node().id()))));
        grid.addComponentColumn(n -> new StateBadge(n.node().state().label()))
                .setHeader("State")
                .setKey("state")
                .setAutoWidth(true);
        grid.addColumn(n -> n.node().driver())
                .setHeader("Driver")
                .setKey("driver")
                .setAutoWidth(true);
        grid.addColumn(n -> n.node().cpus())
                .setHeader("CPUs")
                .setKey("cpus")
                .setWidth("80px")
                .setFlexGrow(0);
        grid.addComponentColumn(n -> usage(
                        n.ramUsedPct(),
                        n.provisionedRamMiB() / 1024 + " of " + n.node().ramMiB() / 1024 + " GiB"))
                .setHeader("RAM provisioned")
                .setKey("ram")
                .setWidth("210px")
                .setFlexGrow(1);
        grid.addComponentColumn(n -> usage(
                        n.diskUsedPct(),
                        n.provisionedDiskGiB() + " of " + n.node().diskGiB() + " GiB"))
                .setHeader("Disk provisioned")
                .setKey("disk")
                .setWidth("210px")
                .setFlexGrow(1);
        grid.addColumn(NodeSummary::machineCount)
                .setHeader("Machines")
                .setKey("machines")
                .setAutoWidth(true);
        grid.addColumn(n -> series.latest(n.node().id())
                        .map(p -> String.format("%.1f %%", p.cpu()))
                        .orElse("–"))
                .setHeader("CPU now")
                .setKey("cpu")
                .setAutoWidth(true);
        grid.setAllRowsVisible(true);

        chart.setId("nodes-cpu-chart");
        Div card = new Div(new H3("CPU utilization per node (% of node, live)"), chart);
        card.addClassName("zd-card");
        card.setWidthFull();
        Button register = new Button(
                "Register node",
                VaadinIcon.PLUS.create(),
                e -> new RegisterNodeDialog(nodeService::register, nodeService::peekFingerprint, n -> {
                            Notification.show("Node " + n.name() + " registered"
                                    + (n.fingerprint() == null
                                            ? " over plain HTTP"
                                            : ", certificate " + n.fingerprint() + " pinned"));
                            refresh(nodeService);
                        })
                        .open());
        register.setId("register-node");
        HorizontalLayout header = new HorizontalLayout(new H2("Nodes"), register);
        header.setWidthFull();
        header.setJustifyContentMode(JustifyContentMode.BETWEEN);
        header.setAlignItems(Alignment.CENTER);
        add(header, grid, card);

        refresh(nodeService);
        live.subscribe(this, () -> {
            refresh(nodeService);
            pushPoints();
        });
    }

    private void refresh(NodeService nodeService) {
        List<NodeSummary> now = nodeService.list();
        boolean sameNodes = now.stream()
                .map(n -> n.node().id())
                .toList()
                .equals(nodes.stream().map(n -> n.node().id()).toList());
        nodes = now;
        grid.setItems(nodes);
        if (!sameNodes) {
            List<Map<String, Object>> s = new ArrayList<>();
            for (NodeSummary n : nodes) {
                s.add(Map.of("name", n.node().name(), "type", "line", "showSymbol", false, "data", List.of()));
            }
            chart.setOption(Map.of(
                    "animation", false,
                    "grid", Map.of("left", 48, "right", 16, "top", 32, "bottom", 28),
                    "legend", Map.of("top", 0),
                    "tooltip", Map.of("trigger", "axis"),
                    "xAxis", Map.of("type", "time"),
                    "yAxis", Map.of("type", "value", "name", "%", "min", 0, "max", 100),
                    "series", s));
            lastSent.clear();
            pushPoints();
        }
    }

    private void pushPoints() {
        List<List<double[]>> perSeries = new ArrayList<>();
        boolean any = false;
        for (NodeSummary n : nodes) {
            long after = lastSent.getOrDefault(n.node().id(), System.currentTimeMillis() - WINDOW);
            List<SeriesStore.Point> points = series.since(n.node().id(), after);
            perSeries.add(points.stream()
                    .map(p -> new double[] {p.timestamp(), Math.round(p.cpu() * 10) / 10.0})
                    .toList());
            if (!points.isEmpty()) {
                lastSent.put(n.node().id(), points.get(points.size() - 1).timestamp());
                any = true;
            }
        }
        if (any) {
            chart.append(perSeries, WINDOW);
        }
    }

    /** The node's name, a link to its page, and a red badge when it has faults or services in trouble. */
    private static Span nameWithFlag(NodeSummary n) {
        RouterLink link = new RouterLink(
                n.node().name(),
                NodeDetailView.class,
                NodeDetailView.params(n.node().id()));
        link.getElement().setAttribute("data-node", n.node().name());
        Span cell = new Span(link, new HealthBadge(n.health()));
        cell.getElement().setAttribute("data-node", n.node().name());
        return cell;
    }

    private static Div usage(double pct, String text) {
        ProgressBar bar = new ProgressBar(0, 100, Math.min(100, pct));
        bar.setWidth("100%");
        Span label = new Span(String.format("%.0f %% · ", pct) + text);
        label.getStyle().set("font-size", "var(--lumo-font-size-s)");
        Div d = new Div(label, bar);
        d.setWidthFull();
        return d;
    }
}
