package io.zonedeck.compute.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.LiveUpdates;
import io.zonedeck.base.ui.StateBadge;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.compute.ChangeFeed;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineChanges;
import io.zonedeck.compute.MachineDetail;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.ThrottleQuery;
import io.zonedeck.compute.ui.detail.JobsTab;
import io.zonedeck.compute.ui.detail.MachineTab;
import io.zonedeck.compute.ui.detail.MachineTabProvider;
import io.zonedeck.compute.ui.detail.MetadataTab;
import io.zonedeck.compute.ui.detail.MetricsTab;
import io.zonedeck.compute.ui.detail.NicsTab;
import io.zonedeck.compute.ui.detail.OverviewTab;
import io.zonedeck.compute.ui.detail.SnapshotsTab;
import io.zonedeck.compute.ui.detail.ThrottlesTab;
import io.zonedeck.metrics.MetricsService;
import io.zonedeck.metrics.SeriesStore;
import io.zonedeck.network.NetworkService;
import io.zonedeck.nodes.NodeService;
import io.zonedeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;

/**
 * One machine as tabs: overview (facts, resources, actions, live job and CPU), NICs, snapshots, jobs,
 * tags/metadata, throttles (live chart and form) and metrics (charts and a latency heatmap over a window). The page refreshes live from the change feed, and re-renders only when this machine or its job
 * changed, so a click is never lost to a refresh.
 */
@Route("machines/:id")
@PageTitle("Machine · ZoneDeck")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class MachineDetailView extends VerticalLayout implements BeforeEnterObserver {
    private final MachineService machines;
    private final MachineChanges machineChanges;
    private final CatalogService catalog;
    private final NetworkService networks;
    private final SeriesStore series;
    private final ChangeFeed changes;
    private final ThrottleQuery throttleQuery;
    private final NodeService nodeService;
    private final MetricsService metrics;
    private final Clock clock;
    private final List<MachineTabProvider> extraTabs;
    private final H2 title = new H2();
    private final Span state = new Span();
    private final List<MachineTab> tabs = new ArrayList<>();
    private TabSheet sheet;
    private Tab overviewTab;
    private OverviewTab overview;
    private Tab throttlesTab;
    private ThrottlesTab throttles;
    private Tab metricsTab;
    private MetricsTab metricsContent;
    private UUID id;
    private long seenVersion = -1;
    private Object rendered;

    public MachineDetailView(
            MachineService machines,
            MachineChanges machineChanges,
            CatalogService catalog,
            NetworkService networks,
            SeriesStore series,
            ChangeFeed changes,
            LiveUpdates live,
            ThrottleQuery throttleQuery,
            NodeService nodeService,
            MetricsService metrics,
            Clock clock,
            ObjectProvider<MachineTabProvider> extraTabs) {
        this.extraTabs = extraTabs.orderedStream().toList();
        this.machines = machines;
        this.nodeService = nodeService;
        this.machineChanges = machineChanges;
        this.catalog = catalog;
        this.networks = networks;
        this.series = series;
        this.changes = changes;
        this.throttleQuery = throttleQuery;
        this.metrics = metrics;
        this.clock = clock;
        addClassName("zd-page");
        setWidthFull();
        live.subscribe(this, this::tick);
    }

    private void tick() {
        if (id == null) {
            return;
        }
        if (overviewTab.equals(sheet.getSelectedTab())) {
            overview.tick();
        }
        if (throttlesTab.equals(sheet.getSelectedTab())) {
            throttles.tick();
        }
        if (metricsTab.equals(sheet.getSelectedTab())) {
            metricsContent.tick();
        }
        long v = changes.version();
        if (v != seenVersion) {
            seenVersion = v;
            refresh();
        }
    }

    /** Loads the machine again and re-renders the tabs if it or its job changed; shows "deleted" when gone. */
    private void refresh() {
        if (id == null) {
            return;
        }
        Optional<MachineDetail> detail = load(id);
        if (detail.isEmpty()) {
            gone();
            return;
        }
        Optional<JobInfo> job = machines.activeJob(id);
        if (!Arrays.asList(detail.get(), job).equals(rendered)) {
            render(detail.get(), job);
        }
    }

    public static RouteParameters params(UUID id) {
        return new RouteParameters("id", id.toString());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        tabs.clear();
        id = null;
        rendered = null;
        Optional<MachineDetail> machine = event.getRouteParameters()
                .get("id")
                .flatMap(MachineDetailView::parse)
                .flatMap(this::load);
        if (machine.isEmpty()) {
            Paragraph p = new Paragraph("No such machine. It may have been deleted, or the link is wrong.");
            p.setId("machine-not-found");
            add(new H2("Machine not found"), p, new RouterLink("Back to machines", MachinesView.class));
            return;
        }
        UUID machineId = machine.get().summary().id();
        title.setId("machine-title");
        title.getStyle().set("margin", "0");
        state.setId("machine-state");
        HorizontalLayout header = new HorizontalLayout(title, state);
        header.setAlignItems(FlexComponent.Alignment.CENTER);

        Runnable refresh = this::refresh;
        overview =
                new OverviewTab(machines, machineChanges, catalog, series, machineId, refresh, nodeService::healthFlag);
        NicsTab nics = new NicsTab(machineChanges, networks, machineId, refresh);
        SnapshotsTab snapshots = new SnapshotsTab(machineChanges, machineId, refresh);
        JobsTab jobs = new JobsTab(machines, machineId);
        MetadataTab metadata = new MetadataTab(machineChanges, machineId, refresh);
        throttles = new ThrottlesTab(throttleQuery, machineChanges, machines, series, machineId, refresh);
        metricsContent = new MetricsTab(metrics, machineId, clock);
        tabs.addAll(List.of(overview, nics, snapshots, jobs, metadata, throttles, metricsContent));

        sheet = new TabSheet();
        sheet.setId("machine-tabs");
        sheet.setWidthFull();
        overviewTab = tab(sheet.add("Overview", overview), "tab-overview");
        tab(sheet.add("NICs", nics), "tab-nics");
        tab(sheet.add("Snapshots", snapshots), "tab-snapshots");
        tab(sheet.add("Jobs", jobs), "tab-jobs");
        tab(sheet.add("Metadata & tags", metadata), "tab-metadata");
        throttlesTab = tab(sheet.add("Throttles", throttles), "tab-throttles");
        metricsTab = tab(sheet.add("Metrics", metricsContent), "tab-metrics");
        Map<Tab, MachineTabProvider.Selectable> selectable = new HashMap<>();
        for (MachineTabProvider p : extraTabs) {
            Component content = p.create(machineId);
            Tab t = tab(sheet.add(p.label(), content), p.id());
            if (content instanceof MachineTab mt) {
                tabs.add(mt);
            }
            if (content instanceof MachineTabProvider.Selectable sel) {
                selectable.put(t, sel);
            }
        }
        sheet.addSelectedChangeListener(
                e -> selectable.forEach((t, sel) -> sel.selected(t.equals(e.getSelectedTab()))));

        add(new RouterLink("← Machines", MachinesView.class), header, sheet);
        id = machineId;
        render(machine.get(), machines.activeJob(id));
        seenVersion = changes.version();
    }

    private static Tab tab(Tab tab, String id) {
        tab.setId(id);
        return tab;
    }

    private Optional<MachineDetail> load(UUID machineId) {
        try {
            return Optional.of(machines.detail(machineId));
        } catch (ZoneDeckException e) {
            if ("NotFound".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void render(MachineDetail m, Optional<JobInfo> job) {
        rendered = Arrays.asList(m, job);
        title.setText(m.summary().name());
        state.removeAll();
        state.add(new StateBadge(m.summary().state()));
        state.getElement().setAttribute("data-state", m.summary().state());
        tabs.forEach(t -> t.show(m, job));
    }

    private void gone() {
        id = null;
        removeAll();
        tabs.clear();
        Paragraph p = new Paragraph("This machine has been deleted.");
        p.setId("machine-deleted");
        add(new H2("Machine deleted"), p, new RouterLink("Back to machines", MachinesView.class));
    }

    private static Optional<UUID> parse(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
