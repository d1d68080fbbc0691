package io.zonedeck.compute.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.router.RouterLink;
import io.zonedeck.base.ui.LiveUpdates;
import io.zonedeck.base.ui.StateBadge;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.compute.ChangeFeed;
import io.zonedeck.compute.MachineQuery;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.compute.ui.wizard.CreateMachineWizard;
import io.zonedeck.compute.ui.wizard.WizardBackend;
import io.zonedeck.network.NetworkService;
import io.zonedeck.nodes.NodeService;
import io.zonedeck.nodes.ui.HealthBadge;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Roles;
import io.zonedeck.tenancy.QuotaService;
import io.zonedeck.tenancy.QuotaStatus;
import io.zonedeck.tenancy.TenantService;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Machines of the caller's tenant (all tenants for operators): filtered, sorted and paged by the service,
 * updated live.
 */
@Route("machines")
@RouteAlias("")
@PageTitle("Machines · ZoneDeck")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class MachinesView extends VerticalLayout {
    static final Set<String> BUSY = Set.of("provisioning", "starting", "stopping", "rebooting", "deleting");
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final MachineService machines;
    private final NodeService nodeService;
    private final CatalogService catalog;
    private final TenantService tenants;
    private final NetworkService networks;
    private final QuotaService quotas;
    private final Caller caller;
    private final Grid<MachineSummary> grid = new Grid<>();
    private final MachineFilters filters;
    private final Div noMachines = new Div();
    private final Div noMatch = new Div();
    private long seenVersion = -1;

    public MachinesView(
            MachineService machines,
            CatalogService catalog,
            TenantService tenants,
            NetworkService networks,
            QuotaService quotas,
            CurrentCaller currentCaller,
            ChangeFeed changes,
            LiveUpdates live,
            NodeService nodeService) {
        this.machines = machines;
        this.nodeService = nodeService;
        this.catalog = catalog;
        this.tenants = tenants;
        this.networks = networks;
        this.quotas = quotas;
        this.caller = currentCaller.get();
        addClassName("zd-page");
        setSizeFull();
        boolean operator = caller.isOperator();

        H2 title = new H2(operator ? "All machines" : "Machines");
        title.getStyle().set("margin", "0");
        Button create = new Button("Create machine", VaadinIcon.PLUS.create(), e -> openWizard());
        create.setId("create-machine");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout header = new HorizontalLayout(title, create);
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setAlignItems(FlexComponent.Alignment.CENTER);

        filters = new MachineFilters(
                catalog.packages().stream().map(MachinePackage::name).toList(), this::filtersChanged);
        filters.setWidthFull();

        columns(operator);
        grid.setItems(
                q -> machines.page(query(q), q.getOffset(), q.getLimit()).stream(), q -> machines.count(query(q)));
        grid.setSizeFull();
        emptyStates();

        add(header, filters, grid);
        setFlexGrow(1, grid);

        live.subscribe(this, () -> {
            long v = changes.version();
            if (v != seenVersion) {
                seenVersion = v;
                grid.getDataProvider().refreshAll();
            }
        });
        addAttachListener(e -> seenVersion = changes.version());
    }

    private void columns(boolean operator) {
        grid.setId("machines-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setMultiSort(false);
        grid.addComponentColumn(m -> {
                    RouterLink link =
                            new RouterLink(m.name(), MachineDetailView.class, MachineDetailView.params(m.id()));
                    link.addClassName("machine-link");
                    return link;
                })
                .setHeader("Name")
                .setFlexGrow(2)
                .setKey("name")
                .setSortProperty("name");
        grid.addComponentColumn(this::uuidCell)
                .setHeader("UUID")
                .setAutoWidth(true)
                .setKey("uuid");
        grid.addComponentColumn(m -> stateCell(machines, m))
                .setHeader("State")
                .setAutoWidth(true)
                .setKey("state")
                .setSortProperty("state");
        grid.addColumn(MachineSummary::brand)
                .setHeader("Brand")
                .setAutoWidth(true)
                .setKey("brand")
                .setSortProperty("brand");
        grid.addColumn(MachineSummary::packageName)
                .setHeader("Package")
                .setAutoWidth(true)
                .setKey("package")
                .setSortProperty("package");
        if (operator) {
            grid.addColumn(MachineSummary::tenantName)
                    .setHeader("Tenant")
                    .setAutoWidth(true)
                    .setKey("tenant");
            grid.addComponentColumn(m -> new Span(
                            new Span(m.nodeName() == null ? "" : m.nodeName()),
                            new HealthBadge(nodeService.healthFlag(m.nodeId()))))
                    .setHeader("Node")
                    .setAutoWidth(true)
                    .setKey("node");
        }
        grid.addColumn(MachineSummary::ip)
                .setHeader("IP")
                .setAutoWidth(true)
                .setKey("ip")
                .setSortProperty("ip");
        Grid.Column<MachineSummary> created = grid.addColumn(m -> CREATED.format(m.createdAt()))
                .setHeader("Created")
                .setAutoWidth(true)
                .setKey("created")
                .setSortProperty("created");
        grid.sort(List.of(new GridSortOrder<>(created, SortDirection.DESCENDING)));
    }

    /** The grid's page request as a service query: the filters plus the one sorted column. */
    private MachineQuery query(Query<MachineSummary, ?> q) {
        MachineQuery base = MachineQuery.all();
        List<QuerySortOrder> orders = q.getSortOrders();
        if (!orders.isEmpty()) {
            QuerySortOrder o = orders.get(0);
            base = base.sorted(o.getSorted(), o.getDirection() == SortDirection.DESCENDING);
        }
        return filters.apply(base);
    }

    private void filtersChanged() {
        noMachines.setVisible(!filters.active());
        noMatch.setVisible(filters.active());
        grid.getDataProvider().refreshAll();
    }

    private void emptyStates() {
        Button first = new Button("Create your first machine", VaadinIcon.PLUS.create(), e -> openWizard());
        first.setId("empty-create");
        first.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        noMachines.setId("machines-empty");
        noMachines.add(
                new H3("No machines yet"),
                new Paragraph("Machines are zones or hardware VMs on the cloud's nodes. Create one in a minute."),
                first);
        Button clear = new Button("Clear filters", VaadinIcon.CLOSE_SMALL.create(), e -> filters.clear());
        clear.setId("empty-clear-filters");
        noMatch.setId("machines-no-match");
        noMatch.add(new H3("No machines match these filters"), new Paragraph("Try fewer filters."), clear);
        noMatch.setVisible(false);
        Div empty = new Div(noMachines, noMatch);
        empty.getStyle().set("text-align", "center").set("padding", "var(--lumo-space-l)");
        grid.setEmptyStateComponent(empty);
    }

    private void openWizard() {
        List<io.zonedeck.tenancy.Tenant> tenantChoices = caller.isOperator() ? tenants.list() : List.of();
        WizardBackend backend = new WizardBackend(
                catalog.images(),
                catalog.packages(),
                tenantChoices,
                tenant -> networks.usableBy(tenant != null ? tenant : caller.isOperator() ? null : caller.tenantId()),
                machines::check,
                machines::create,
                this::usage,
                com.vaadin.flow.server.VaadinService.getCurrent()
                        .getInstantiator()
                        .getOrCreate(io.zonedeck.security.SshKeyService.class)
                        .mine(),
                machines.offer());
        new CreateMachineWizard(backend, accepted -> {
                    Notification n = Notification.show(
                            "Creating " + accepted.machine().name() + "…", 3000, Notification.Position.BOTTOM_START);
                    n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    UI.getCurrent()
                            .navigate(
                                    MachineDetailView.class,
                                    MachineDetailView.params(accepted.machine().id()));
                })
                .open();
    }

    /** What a tenant (the caller's own when null) holds against its quota; null for an operator's "no tenant". */
    private WizardBackend.Usage usage(UUID tenant) {
        UUID id = tenant != null ? tenant : caller.tenantId();
        if (id == null) {
            return null;
        }
        QuotaStatus status = quotas.status(id.toString());
        String scope =
                caller.isOperator() ? "tenant " + status.tenantName() : "your tenant (" + status.tenantName() + ")";
        return new WizardBackend.Usage(scope, status.used(), status.limits());
    }

    private Component uuidCell(MachineSummary m) {
        String full = m.id().toString();
        Span shortId = new Span(full.substring(0, 8));
        shortId.getElement().setAttribute("title", full);
        shortId.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        Button copy = new Button(VaadinIcon.COPY_O.create(), e -> copy(full));
        copy.addClassName("copy-uuid");
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        copy.setAriaLabel("Copy UUID of " + m.name());
        copy.setTooltipText("Copy UUID");
        HorizontalLayout cell = new HorizontalLayout(shortId, copy);
        cell.setSpacing(false);
        cell.getStyle().set("gap", "var(--lumo-space-xs)");
        cell.setAlignItems(FlexComponent.Alignment.CENTER);
        return cell;
    }

    private static void copy(String uuid) {
        UI.getCurrent()
                .getPage()
                .executeJs("return navigator.clipboard.writeText($0)", uuid)
                .then(
                        ok -> Notification.show("Copied " + uuid, 2500, Notification.Position.BOTTOM_START),
                        err -> Notification.show(
                                "Could not use the clipboard; the UUID is " + uuid,
                                6000,
                                Notification.Position.BOTTOM_START));
    }

    private static Component stateCell(MachineService machines, MachineSummary m) {
        StateBadge badge = new StateBadge(m.state());
        badge.getElement().setAttribute("data-machine", m.name());
        HorizontalLayout cell = new HorizontalLayout(badge);
        cell.setAlignItems(FlexComponent.Alignment.CENTER);
        cell.setSpacing(true);
        if (BUSY.contains(m.state())) {
            machines.activeJob(m.id()).ifPresent(j -> {
                ProgressBar bar = new ProgressBar(0, 100, j.progress());
                bar.setWidth("80px");
                bar.getElement().setAttribute("title", j.step());
                cell.add(bar);
            });
        }
        return cell;
    }
}
