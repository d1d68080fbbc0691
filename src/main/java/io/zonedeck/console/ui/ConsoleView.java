package io.zonedeck.console.ui;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.compute.MachineDetail;
import io.zonedeck.compute.MachineService;
import io.zonedeck.console.ConsoleService;
import io.zonedeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;
import java.util.UUID;

/** A machine's console on a page of its own, the whole window (opened from the Console tab's "Full screen"). */
@Route(value = "machines/:id/console", autoLayout = false)
@PageTitle("Console · ZoneDeck")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class ConsoleView extends VerticalLayout implements BeforeEnterObserver {
    private final MachineService machines;
    private final ConsoleService consoles;

    public ConsoleView(MachineService machines, ConsoleService consoles) {
        this.machines = machines;
        this.consoles = consoles;
        setSizeFull();
        setPadding(true);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        Optional<MachineDetail> m = event.getRouteParameters()
                .get("id")
                .flatMap(ConsoleView::parse)
                .flatMap(id -> {
                    try {
                        return Optional.of(machines.detail(id));
                    } catch (ZoneDeckException e) {
                        return Optional.empty();
                    }
                });
        if (m.isEmpty()) {
            Paragraph p = new Paragraph("No such machine. It may have been deleted, or the link is wrong.");
            p.setId("machine-not-found");
            add(new H3("Machine not found"), p);
            return;
        }
        H3 title = new H3("Console of " + m.get().summary().name());
        title.setId("console-title");
        title.getStyle().set("margin", "0");
        ConsolePanel panel = new ConsolePanel(consoles, m.get().summary().id(), true);
        add(title, panel);
        panel.show(m.get(), Optional.empty());
        panel.showNow();
    }

    private static Optional<UUID> parse(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
