package io.zonedeck.network.ui;

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
import io.zonedeck.network.Network;
import io.zonedeck.network.NetworkService;
import io.zonedeck.network.NetworkUsage;
import io.zonedeck.security.Roles;
import io.zonedeck.tenancy.TenantService;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Operator: every network with its owner and how many of its addresses are in use. */
@Route("networks")
@PageTitle("Networks · ZoneDeck")
@RolesAllowed(Roles.OPERATOR)
public class NetworksView extends VerticalLayout {
    /** A grid row: a network with its owner's name and address usage, read once per refresh. */
    record Row(Network network, String owner, NetworkUsage usage) {}

    private final Grid<Row> grid = new Grid<>();
    private final NetworkService networks;
    private final TenantService tenants;

    public NetworksView(NetworkService networks, TenantService tenants) {
        this.networks = networks;
        this.tenants = tenants;
        addClassName("zd-page");
        setSizeFull();
        Button create = new Button(
                "Create network",
                VaadinIcon.PLUS.create(),
                e -> new NetworkDialog(tenants.list(), networks::create, n -> {
                            RowActions.done("Network " + n.name() + " created");
                            refresh();
                        })
                        .open());
        create.setId("create-network");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout header = new HorizontalLayout(new H2("Networks"), create);
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setAlignItems(FlexComponent.Alignment.CENTER);

        grid.setId("networks-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        column(r -> r.network().name(), "Name", "name");
        column(Row::owner, "Owner", "owner");
        column(r -> r.network().nicTag(), "NIC tag", "nicTag");
        column(r -> r.network().vlanId(), "VLAN", "vlan");
        column(r -> r.network().subnet(), "Subnet", "subnet");
        column(r -> r.network().gateway(), "Gateway", "gateway");
        column(r -> r.network().rangeStart() + " – " + r.network().rangeEnd(), "Range", "range");
        column(r -> r.usage().used() + " / " + r.usage().total(), "Used / total", "usage");
        column(r -> r.network().mtu(), "MTU", "mtu");
        column(r -> String.join(", ", r.network().resolvers()), "Resolvers", "resolvers");
        RowActions.column(grid, this::actions);
        grid.setSizeFull();
        add(header, grid);
        setFlexGrow(1, grid);
        refresh();
    }

    private void column(com.vaadin.flow.function.ValueProvider<Row, ?> value, String header, String key) {
        grid.addColumn(value).setHeader(header).setKey(key).setAutoWidth(true);
    }

    private Component actions(Row r) {
        Network n = r.network();
        return RowActions.delete(
                "delete-" + n.name(), "network " + n.name(), () -> networks.delete(n.id()), this::refresh);
    }

    private void refresh() {
        Map<UUID, String> names = tenants.names();
        List<Row> rows = networks.listAll().stream()
                .map(n -> new Row(
                        n,
                        n.isPublic() ? "Public" : names.getOrDefault(n.ownerTenantId(), "?"),
                        networks.usage(n.id())))
                .toList();
        grid.setItems(rows);
    }
}
