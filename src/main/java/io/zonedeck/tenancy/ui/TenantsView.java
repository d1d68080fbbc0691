package io.zonedeck.tenancy.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.zonedeck.base.ui.RowActions;
import io.zonedeck.base.ui.StateBadge;
import io.zonedeck.security.Roles;
import io.zonedeck.tenancy.QuotaLimit;
import io.zonedeck.tenancy.QuotaRequest;
import io.zonedeck.tenancy.QuotaRequestService;
import io.zonedeck.tenancy.QuotaService;
import io.zonedeck.tenancy.QuotaStatus;
import io.zonedeck.tenancy.Tenant;
import io.zonedeck.tenancy.TenantOverview;
import io.zonedeck.tenancy.TenantOverviews;
import io.zonedeck.tenancy.TenantService;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/**
 * Operator: every tenant with its state, users, quota use and pending raise requests; create, disable / enable, edit
 * the quota; approve or reject pending requests.
 */
@Route("tenants")
@PageTitle("Tenants · ZoneDeck")
@RolesAllowed(Roles.OPERATOR)
public class TenantsView extends VerticalLayout {
    private final TenantService tenants;
    private final TenantOverviews overviews;
    private final QuotaService quotas;
    private final QuotaRequestService requests;
    private final Grid<TenantOverview> grid = new Grid<>();
    private final QuotaRequestsGrid pending;
    private final Span pendingCount = new Span();

    public TenantsView(
            TenantService tenants, TenantOverviews overviews, QuotaService quotas, QuotaRequestService requests) {
        this.tenants = tenants;
        this.overviews = overviews;
        this.quotas = quotas;
        this.requests = requests;
        addClassName("zd-page");
        setSizeFull();

        Button create = new Button(
                "Create tenant",
                VaadinIcon.PLUS.create(),
                e -> new CreateTenantDialog(tenants::create, t -> {
                            RowActions.done("Tenant " + t.name() + " created");
                            refresh();
                        })
                        .open());
        create.setId("create-tenant");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        H2 title = new H2("Tenants");
        title.getStyle().set("margin", "0");
        pendingCount.setId("pending-requests-count");
        pendingCount.addClassName("zd-badge");
        HorizontalLayout left = new HorizontalLayout(title, pendingCount);
        left.setAlignItems(FlexComponent.Alignment.CENTER);
        HorizontalLayout header = new HorizontalLayout(left, create);
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        Paragraph note = new Paragraph("A disabled tenant's users cannot sign in and their open sessions end; its"
                + " machines keep running.");
        note.getStyle().set("margin", "0").set("color", "var(--lumo-secondary-text-color)");

        grid.setId("tenants-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(o -> o.tenant().name()).setHeader("Name").setKey("name").setAutoWidth(true);
        grid.addColumn(o -> o.tenant().displayName())
                .setHeader("Display name")
                .setKey("displayName")
                .setAutoWidth(true);
        grid.addComponentColumn(o -> enabledBadge(o.tenant().enabled()))
                .setHeader("State")
                .setKey("state")
                .setAutoWidth(true);
        grid.addColumn(TenantOverview::users).setHeader("Users").setKey("users").setAutoWidth(true);
        grid.addColumn(o -> usage(o.quota(), QuotaLimit.MACHINES))
                .setHeader("Machines")
                .setKey("machines")
                .setAutoWidth(true);
        grid.addColumn(o -> usage(o.quota(), QuotaLimit.RAM))
                .setHeader("RAM")
                .setKey("ram")
                .setAutoWidth(true);
        grid.addColumn(TenantOverview::pendingRequests)
                .setHeader("Pending requests")
                .setKey("pending")
                .setAutoWidth(true);
        grid.addComponentColumn(this::twoFactor)
                .setHeader("Two-factor required")
                .setKey("twoFactor")
                .setAutoWidth(true);
        RowActions.column(grid, this::actions);
        grid.setAllRowsVisible(true);

        pending = new QuotaRequestsGrid("pending-requests", true, this::decisions);
        Span none = new Span("No quota requests are waiting.");
        pending.setEmptyStateComponent(none);
        H3 pendingTitle = new H3("Pending quota requests");
        pendingTitle.getStyle().set("margin", "var(--lumo-space-m) 0 0 0");
        add(header, note, grid, pendingTitle, pending);
        refresh();
    }

    /** "enabled" in green, "disabled" in grey. */
    static StateBadge enabledBadge(boolean enabled) {
        StateBadge b = new StateBadge(enabled ? "enabled" : "disabled");
        if (enabled) {
            b.getStyle().set("background", "#d8f5e0").set("color", "#11622e");
        }
        return b;
    }

    /** "3 / 10" for a limit, "3 / unlimited" without one. */
    static String usage(QuotaStatus q, QuotaLimit l) {
        Long max = q.limits().get(l);
        return l.format(q.used().get(l)) + " / " + (max == null ? "unlimited" : l.format(max));
    }

    /** Whether every user of the tenant must use two-factor sign-in (those who have not set it up are sent to it). */
    private Component twoFactor(TenantOverview o) {
        Tenant t = o.tenant();
        Checkbox required = new Checkbox(tenants.requiresTwoFactor(t.id().toString()));
        required.setId("two-factor-" + t.name());
        required.setAriaLabel("Two-factor sign-in required for " + t.name());
        required.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                tenants.requireTwoFactor(t.id().toString(), e.getValue());
                RowActions.done(
                        e.getValue()
                                ? "Users of " + t.name() + " must now use two-factor sign-in"
                                : "Two-factor sign-in is optional for " + t.name() + " again");
            }
        });
        return required;
    }

    private Component actions(TenantOverview o) {
        Tenant t = o.tenant();
        Button quota = RowActions.button(
                "quota-" + t.name(),
                "Quota",
                () -> new QuotaEditorDialog(
                                quotas.status(t.id().toString()), q -> quotas.setQuota(t.id().toString(), q), s -> {
                                    RowActions.done("Quota of " + t.name() + " saved");
                                    refresh();
                                })
                        .open());
        Button state = t.enabled()
                ? RowActions.button("disable-" + t.name(), "Disable", () -> confirmDisable(o))
                : RowActions.button("enable-" + t.name(), "Enable", () -> {
                    tenants.enable(t.id().toString());
                    RowActions.done("Tenant " + t.name() + " enabled");
                    refresh();
                });
        if (t.enabled()) {
            state.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        HorizontalLayout cell = new HorizontalLayout(quota, state);
        cell.setSpacing(false);
        return cell;
    }

    private void confirmDisable(TenantOverview o) {
        Tenant t = o.tenant();
        ConfirmDialog confirm = new ConfirmDialog(
                "Disable " + t.name() + "?",
                "Its " + o.users() + " user" + (o.users() == 1 ? "" : "s") + " cannot sign in and their open sessions"
                        + " end. Its machines keep running.",
                "Disable",
                ok -> {
                    tenants.disable(t.id().toString());
                    RowActions.done("Tenant " + t.name() + " disabled");
                    refresh();
                },
                "Cancel",
                cancel -> {});
        confirm.setId("confirm-disable-tenant");
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private Component decisions(QuotaRequest r) {
        String key = r.tenantName() + "-" + r.limit().key();
        Button approve = RowActions.button(
                "approve-" + key,
                "Approve",
                () -> new DecisionDialog(r, true, note -> requests.approve(r.id(), note), done -> {
                            RowActions.done("Approved: " + r.tenantName() + " "
                                    + r.limit().label() + " " + QuotaRequestsGrid.change(r));
                            refresh();
                        })
                        .open());
        approve.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
        Button reject = RowActions.button(
                "reject-" + key,
                "Reject",
                () -> new DecisionDialog(r, false, note -> requests.reject(r.id(), note), done -> {
                            RowActions.done("Rejected the request of " + r.tenantName());
                            refresh();
                        })
                        .open());
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout cell = new HorizontalLayout(approve, reject);
        cell.setSpacing(false);
        return cell;
    }

    private void refresh() {
        grid.setItems(overviews.all());
        List<QuotaRequest> waiting = requests.pending();
        pending.setItems(waiting);
        pendingCount.setText(waiting.size() + " pending request" + (waiting.size() == 1 ? "" : "s"));
        pendingCount
                .getStyle()
                .set("background", waiting.isEmpty() ? "var(--lumo-contrast-10pct)" : "#fff2cc")
                .set("color", waiting.isEmpty() ? "var(--lumo-secondary-text-color)" : "#7a5400");
        pendingCount.getElement().setAttribute("data-count", Integer.toString(waiting.size()));
    }
}
