package io.zonedeck.compute.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.router.RouterLink;
import io.zonedeck.base.ui.LiveUpdates;
import io.zonedeck.base.ui.StateBadge;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.compute.ChangeFeed;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Roles;
import io.zonedeck.tenancy.Tenant;
import io.zonedeck.tenancy.TenantService;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/** Machines of the caller's tenant (all tenants for operators), updated live. */
@Route("machines")
@RouteAlias("")
@PageTitle("Machines · ZoneDeck")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class MachinesView extends VerticalLayout {
    static final Set<String> BUSY = Set.of("provisioning", "starting", "stopping", "rebooting", "deleting");
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final Grid<MachineSummary> grid = new Grid<>();
    private long seenVersion = -1;

    public MachinesView(
            MachineService machines,
            CatalogService catalog,
            TenantService tenants,
            CurrentCaller caller,
            ChangeFeed changes,
            LiveUpdates live) {
        addClassName("zd-page");
        setSizeFull();
        boolean operator = caller.get().isOperator();

        H2 title = new H2(operator ? "All machines" : "Machines");
        title.getStyle().set("margin", "0");
        Button create = new Button("Create machine", VaadinIcon.PLUS.create(), e -> {
            List<String> tenantNames =
                    operator ? tenants.list().stream().map(Tenant::name).toList() : List.of();
            new CreateMachineDialog(catalog.images(), catalog.packages(), tenantNames, machines::create, accepted -> {
                        Notification n = Notification.show(
                                "Creating " + accepted.machine().name() + "…",
                                3000,
                                Notification.Position.BOTTOM_START);
                        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                        grid.getDataProvider().refreshAll();
                    })
                    .open();
        });
        create.setId("create-machine");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout header = new HorizontalLayout(title, create);
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setAlignItems(FlexComponent.Alignment.CENTER);

        grid.setId("machines-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(m -> {
                    RouterLink link =
                            new RouterLink(m.name(), MachineDetailView.class, MachineDetailView.params(m.id()));
                    link.addClassName("machine-link");
                    return link;
                })
                .setHeader("Name")
                .setFlexGrow(2)
                .setKey("name");
        grid.addColumn(MachineSummary::brand)
                .setHeader("Brand")
                .setAutoWidth(true)
                .setKey("brand");
        grid.addColumn(MachineSummary::packageName)
                .setHeader("Package")
                .setAutoWidth(true)
                .setKey("package");
        grid.addComponentColumn(m -> stateCell(machines, m))
                .setHeader("State")
                .setAutoWidth(true)
                .setKey("state");
        if (operator) {
            grid.addColumn(MachineSummary::tenantName)
                    .setHeader("Tenant")
                    .setAutoWidth(true)
                    .setKey("tenant");
            grid.addColumn(MachineSummary::nodeName)
                    .setHeader("Node")
                    .setAutoWidth(true)
                    .setKey("node");
        }
        grid.addColumn(MachineSummary::ip).setHeader("IP").setAutoWidth(true).setKey("ip");
        grid.addColumn(m -> CREATED.format(m.createdAt()))
                .setHeader("Created")
                .setAutoWidth(true)
                .setKey("created");
        grid.setItems(q -> machines.page(q.getOffset(), q.getLimit()).stream(), q -> machines.count());
        grid.setSizeFull();
        Div empty = new Div(new Span("No machines yet. Create one to get started."));
        grid.setEmptyStateComponent(empty);

        add(header, grid);
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

    private static com.vaadin.flow.component.Component stateCell(MachineService machines, MachineSummary m) {
        HorizontalLayout cell = new HorizontalLayout(new StateBadge(m.state()));
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
