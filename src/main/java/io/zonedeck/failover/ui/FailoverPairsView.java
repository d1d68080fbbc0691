package io.zonedeck.failover.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.zonedeck.base.ui.LiveUpdates;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.failover.FailoverMonitor;
import io.zonedeck.failover.FailoverPair;
import io.zonedeck.failover.FailoverService;
import io.zonedeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** VRRP failover pairs of the caller's tenant (all for operators), with live member states. */
@Route("failover")
@PageTitle("Failover pairs · ZoneDeck")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class FailoverPairsView extends VerticalLayout {
    private final Grid<FailoverPair> grid = new Grid<>();
    private long seen = -1;

    public FailoverPairsView(
            FailoverService pairs, MachineService machines, FailoverMonitor monitor, LiveUpdates live) {
        addClassName("zd-page");
        setSizeFull();
        H2 title = new H2("Failover pairs");
        title.getStyle().set("margin", "0");
        Button create = new Button("Create pair", VaadinIcon.PLUS.create(), e -> {
            List<MachineSummary> zones = machines.list().stream()
                    .filter(m -> !m.brand().equals("kvm") && !m.brand().equals("bhyve"))
                    .toList();
            new CreatePairDialog(zones, pairs::create, created -> {
                        Notification n = Notification.show(
                                "Pair " + created.name() + " created", 3000, Notification.Position.BOTTOM_START);
                        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                        grid.setItems(pairs.list());
                    })
                    .open();
        });
        create.setId("create-pair");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout header = new HorizontalLayout(title, create);
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setAlignItems(FlexComponent.Alignment.CENTER);

        Paragraph intro = new Paragraph("Two zones on two nodes share a virtual IP with VRRP (RFC 5798). The MASTER "
                + "answers for the VIP; if it goes silent for Master_Down_Interval, the BACKUP takes over.");
        intro.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");

        grid.setId("pairs-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(p -> {
                    RouterLink link = new RouterLink(p.name(), FailoverPairView.class, FailoverPairView.params(p.id()));
                    link.addClassName("pair-link");
                    return link;
                })
                .setHeader("Name")
                .setKey("name")
                .setWidth("180px")
                .setFlexGrow(1);
        grid.addColumn(FailoverPair::vip)
                .setHeader("Virtual IP")
                .setKey("vip")
                .setWidth("150px")
                .setFlexGrow(0);
        grid.addColumn(FailoverPair::vrid)
                .setHeader("VRID")
                .setKey("vrid")
                .setWidth("90px")
                .setFlexGrow(0);
        grid.addComponentColumn(MemberStates::new)
                .setHeader("Members")
                .setKey("members")
                .setFlexGrow(1);
        grid.setEmptyStateComponent(
                new Div(new Paragraph("No failover pairs yet. Create one from two zones on " + "different nodes.")));
        grid.setItems(pairs.list());
        grid.setSizeFull();
        add(header, intro, grid);
        setFlexGrow(1, grid);

        live.subscribe(this, () -> {
            long v = monitor.version();
            if (v != seen) {
                seen = v;
                grid.setItems(pairs.list());
            }
        });
    }
}
