package io.zonedeck.tenancy.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.zonedeck.base.ui.RowActions;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Roles;
import io.zonedeck.security.UserService;
import io.zonedeck.security.UserSummary;
import io.zonedeck.tenancy.TenantService;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Users: operators manage everyone, tenant admins their own tenant's users. Create, disable / enable (not yourself),
 * and move a tenant user between tenant user and tenant admin.
 */
@Route("users")
@PageTitle("Users · ZoneDeck")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN})
public class UsersView extends VerticalLayout {
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.systemDefault());

    private final UserService users;
    private final TenantService tenants;
    private final Caller caller;
    private final Grid<UserSummary> grid = new Grid<>();

    public UsersView(UserService users, TenantService tenants, CurrentCaller currentCaller) {
        this.users = users;
        this.tenants = tenants;
        this.caller = currentCaller.get();
        addClassName("zd-page");
        setSizeFull();
        boolean operator = caller.isOperator();

        Button create = new Button(
                "Create user",
                VaadinIcon.PLUS.create(),
                e -> new CreateUserDialog(
                                operator, operator ? tenants.list() : java.util.List.of(), users::createUser, u -> {
                                    RowActions.done("User " + u.username() + " created");
                                    refresh();
                                })
                        .open());
        create.setId("create-user");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        H2 title = new H2(
                operator
                        ? "Users"
                        : "Users of "
                                + tenants.get(caller.tenantId().toString()).name());
        title.getStyle().set("margin", "0");
        HorizontalLayout header = new HorizontalLayout(title, create);
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        Paragraph note = new Paragraph("Disabling a user, or changing their role, ends their open sessions at once.");
        note.getStyle().set("margin", "0").set("color", "var(--lumo-secondary-text-color)");

        Map<UUID, String> names = tenants.names();
        grid.setId("users-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(UserSummary::username)
                .setHeader("User")
                .setKey("username")
                .setAutoWidth(true);
        grid.addColumn(u -> roleLabel(u.role()))
                .setHeader("Role")
                .setKey("role")
                .setAutoWidth(true);
        if (operator) {
            grid.addColumn(u -> u.tenantId() == null ? "—" : names.getOrDefault(u.tenantId(), "?"))
                    .setHeader("Tenant")
                    .setKey("tenant")
                    .setAutoWidth(true);
        }
        grid.addComponentColumn(u -> TenantsView.enabledBadge(u.enabled()))
                .setHeader("State")
                .setKey("state")
                .setAutoWidth(true);
        grid.addColumn(u -> CREATED.format(u.createdAt()))
                .setHeader("Created")
                .setKey("created")
                .setAutoWidth(true);
        RowActions.column(grid, this::actions);
        grid.setSizeFull();
        add(header, note, grid);
        setFlexGrow(1, grid);
        refresh();
    }

    static String roleLabel(String role) {
        return role == null ? "" : role.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private Component actions(UserSummary u) {
        HorizontalLayout cell = new HorizontalLayout();
        cell.setSpacing(false);
        if (u.id().equals(caller.userId())) {
            return cell; // nobody disables themselves or changes their own role
        }
        if (!Roles.OPERATOR.equals(u.role())) {
            String to = Roles.TENANT_ADMIN.equals(u.role()) ? Roles.TENANT_USER : Roles.TENANT_ADMIN;
            cell.add(RowActions.button(
                    "role-" + u.username(), Roles.TENANT_ADMIN.equals(to) ? "Make admin" : "Make user", () -> {
                        users.changeRole(u.id(), to);
                        RowActions.done(u.username() + " is now " + roleLabel(to));
                        refresh();
                    }));
        }
        if (u.enabled()) {
            Button disable = RowActions.button("disable-" + u.username(), "Disable", () -> confirmDisable(u));
            disable.addThemeVariants(ButtonVariant.LUMO_ERROR);
            cell.add(disable);
        } else {
            cell.add(RowActions.button("enable-" + u.username(), "Enable", () -> {
                users.enable(u.id());
                RowActions.done(u.username() + " enabled");
                refresh();
            }));
        }
        return cell;
    }

    private void confirmDisable(UserSummary u) {
        ConfirmDialog confirm = new ConfirmDialog(
                "Disable " + u.username() + "?",
                u.username() + " cannot sign in any more and their open sessions end now.",
                "Disable",
                ok -> {
                    users.disable(u.id());
                    RowActions.done(u.username() + " disabled");
                    refresh();
                },
                "Cancel",
                cancel -> {});
        confirm.setId("confirm-disable-user");
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private void refresh() {
        grid.setItems(users.list());
    }
}
