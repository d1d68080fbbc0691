package io.zonedeck.tenancy.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.zonedeck.base.ui.LiveUpdates;
import io.zonedeck.base.ui.RowActions;
import io.zonedeck.base.ui.StateBadge;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Roles;
import io.zonedeck.tenancy.MachineStateCounts;
import io.zonedeck.tenancy.QuotaLimit;
import io.zonedeck.tenancy.QuotaRequest;
import io.zonedeck.tenancy.QuotaRequestService;
import io.zonedeck.tenancy.QuotaService;
import io.zonedeck.tenancy.QuotaStatus;
import io.zonedeck.tenancy.Tenant;
import io.zonedeck.tenancy.TenantService;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A tenant's dashboard: one bar per quota limit (tenant admins may ask for more), its machines by state and its quota
 * requests with their decisions. Refreshed every few seconds. Operators have no tenant: they get a link to the
 * tenants page.
 */
@Route("dashboard")
@PageTitle("Dashboard · ZoneDeck")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class DashboardView extends VerticalLayout {
    private static final int REFRESH_SECONDS = 5;

    private final QuotaService quotas;
    private final QuotaRequestService requests;
    private final MachineStateCounts machines;
    private final Caller caller;
    private final Div bars = new Div();
    private final FlexLayout states = new FlexLayout();
    private final QuotaRequestsGrid requestGrid = new QuotaRequestsGrid("dashboard-requests", false, null);
    private int ticks;

    public DashboardView(
            QuotaService quotas,
            QuotaRequestService requests,
            MachineStateCounts machines,
            TenantService tenants,
            CurrentCaller currentCaller,
            LiveUpdates live) {
        this.quotas = quotas;
        this.requests = requests;
        this.machines = machines;
        this.caller = currentCaller.get();
        addClassName("zd-page");
        setId("dashboard-view");
        H2 title = new H2("Dashboard");
        title.getStyle().set("margin", "0");
        add(title);
        if (caller.tenantId() == null) {
            Paragraph text = new Paragraph("Operators have no tenant dashboard. Tenants, their quotas and their pending"
                    + " quota requests are on the ");
            text.add(new RouterLink("Tenants page", TenantsView.class));
            text.add(".");
            text.setId("dashboard-operator");
            add(text);
            return;
        }
        Tenant tenant = tenants.get(caller.tenantId().toString());
        Paragraph subtitle = new Paragraph(tenant.name() + " · " + tenant.displayName());
        subtitle.setId("dashboard-tenant");
        subtitle.getStyle().set("margin", "0").set("color", "var(--lumo-secondary-text-color)");
        add(subtitle);

        bars.setId("quota-bars");
        bars.setWidthFull();
        states.setId("machine-states");
        states.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        states.getStyle().set("gap", "var(--lumo-space-m)");
        add(card("Quota", bars), card("Machines", states, machinesLink()), card("Quota requests", requestGrid));
        refresh();
        live.subscribe(this, () -> {
            if (++ticks % REFRESH_SECONDS == 0) {
                refresh();
            }
        });
    }

    private static Component machinesLink() {
        Anchor a = new Anchor("machines", "Open the machine list");
        a.setId("dashboard-machines-link");
        return a;
    }

    private static Div card(String heading, Component... content) {
        Div card = new Div();
        card.addClassName("zd-card");
        card.setWidthFull();
        H3 h = new H3(heading);
        h.getStyle().set("margin", "0 0 var(--lumo-space-s) 0");
        card.add(h);
        card.add(content);
        return card;
    }

    void refresh() {
        QuotaStatus status = quotas.mine().orElseThrow();
        List<QuotaRequest> mine = requests.list();
        Set<QuotaLimit> pending = mine.stream()
                .filter(QuotaRequest::pending)
                .map(QuotaRequest::limit)
                .collect(Collectors.toSet());
        bars.removeAll();
        for (QuotaLimit l : QuotaLimit.values()) {
            bars.add(new QuotaBar(l, status.used().get(l), status.limits().get(l), action(status, l, pending)));
        }
        states.removeAll();
        Map<String, Long> counts = machines.visibleByState();
        if (counts.isEmpty()) {
            states.add(new Span("No machines yet."));
        }
        counts.forEach((state, n) -> {
            Span count = new Span(Long.toString(n));
            count.getStyle().set("font-size", "var(--lumo-font-size-xl)").set("font-weight", "600");
            Div tile = new Div(count, new StateBadge(state));
            tile.getElement().setAttribute("data-state", state);
            tile.addClassName("machine-state-count");
            tile.getStyle()
                    .set("display", "flex")
                    .set("align-items", "center")
                    .set("gap", "var(--lumo-space-s)")
                    .set("padding", "var(--lumo-space-xs) var(--lumo-space-m)")
                    .set("border", "1px solid var(--lumo-contrast-10pct)")
                    .set("border-radius", "var(--lumo-border-radius-l)");
            states.add(tile);
        });
        requestGrid.setItems(mine);
        Span none = new Span("No quota requests yet."
                + (Roles.TENANT_ADMIN.equals(caller.role()) ? " Use \"Request more\" beside a limit." : ""));
        requestGrid.setEmptyStateComponent(none);
    }

    /** "Request more" for tenant admins on a finite limit without a pending request; "Requested" when one waits. */
    private Component action(QuotaStatus status, QuotaLimit l, Set<QuotaLimit> pending) {
        if (!Roles.TENANT_ADMIN.equals(caller.role()) || status.limits().get(l) == null) {
            return null;
        }
        if (pending.contains(l)) {
            Span waiting = new Span("Requested");
            waiting.setId("requested-" + l.key());
            waiting.getStyle()
                    .set("color", "var(--lumo-secondary-text-color)")
                    .set("font-size", "var(--lumo-font-size-s)");
            return waiting;
        }
        Button more = new Button(
                "Request more",
                e -> new RequestMoreDialog(status, l, requests::request, r -> {
                            RowActions.done("Request sent: " + r.limit().label() + " → "
                                    + r.limit().format(r.requested()));
                            refresh();
                        })
                        .open());
        more.setId("request-more-" + l.key());
        more.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return more;
    }
}
