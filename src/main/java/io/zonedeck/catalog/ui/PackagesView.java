package io.zonedeck.catalog.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.zonedeck.base.ui.RowActions;
import io.zonedeck.base.ui.StateBadge;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;

/** Operator: every package, retired ones included, with the machines using each. */
@Route("packages")
@PageTitle("Packages · ZoneDeck")
@RolesAllowed(Roles.OPERATOR)
public class PackagesView extends VerticalLayout {
    private final Grid<MachinePackage> grid = new Grid<>();
    private final CatalogService catalog;

    public PackagesView(CatalogService catalog) {
        this.catalog = catalog;
        addClassName("zd-page");
        setSizeFull();
        Button create = new Button(
                "Create package",
                VaadinIcon.PLUS.create(),
                e -> new PackageDialog(catalog::createPackage, p -> {
                            RowActions.done("Package " + p.name() + " created");
                            refresh();
                        })
                        .open());
        create.setId("create-package");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout header = new HorizontalLayout(new H2("Packages"), create);
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setAlignItems(FlexComponent.Alignment.CENTER);

        grid.setId("packages-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        column(MachinePackage::name, "Name", "name");
        column(p -> p.ramMiB() + " MiB", "RAM", "ram");
        column(p -> p.diskGiB() + " GiB", "Disk", "disk");
        column(MachinePackage::vcpus, "vCPUs", "vcpus");
        column(p -> p.cpuCap() == 0 ? "none" : p.cpuCap() + " %", "CPU cap", "cap");
        column(MachinePackage::cpuShares, "Shares", "shares");
        column(MachinePackage::zfsIoPriority, "I/O prio", "io");
        column(p -> p.maxSwapMiB() + " MiB", "Swap", "swap");
        column(MachinePackage::maxLwps, "LWPs", "lwps");
        column(MachinePackage::billingTag, "Billing tag", "billing");
        grid.addComponentColumn(p -> new StateBadge(p.active() ? "active" : "retired"))
                .setHeader("State")
                .setKey("state")
                .setAutoWidth(true);
        column(p -> catalog.machinesUsingPackage(p.id()), "Machines", "machines");
        RowActions.column(grid, this::actions);
        grid.setSizeFull();
        add(header, grid);
        setFlexGrow(1, grid);
        refresh();
    }

    private void column(com.vaadin.flow.function.ValueProvider<MachinePackage, ?> value, String header, String key) {
        grid.addColumn(value).setHeader(header).setKey(key).setAutoWidth(true);
    }

    private Component actions(MachinePackage p) {
        Button toggle = p.active()
                ? RowActions.button("retire-" + p.name(), "Retire", () -> {
                    catalog.retirePackage(p.id());
                    RowActions.done("Package " + p.name() + " retired");
                    refresh();
                })
                : RowActions.button("reactivate-" + p.name(), "Reactivate", () -> {
                    catalog.reactivatePackage(p.id());
                    RowActions.done("Package " + p.name() + " reactivated");
                    refresh();
                });
        Button delete = RowActions.delete(
                "delete-" + p.name(), "package " + p.name(), () -> catalog.deletePackage(p.id()), this::refresh);
        return new HorizontalLayout(toggle, delete);
    }

    private void refresh() {
        grid.setItems(catalog.allPackages());
    }
}
