package io.zonedeck.tenancy.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.security.NewUser;
import io.zonedeck.security.PasswordRules;
import io.zonedeck.security.Roles;
import io.zonedeck.security.UserSummary;
import io.zonedeck.tenancy.Tenant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A new user: name, initial password, role and (for operators) the tenant. A tenant admin's users join the admin's
 * tenant.
 */
class CreateUserDialog extends Dialog {
    private final TextField username = new TextField("User name");
    private final PasswordField password = new PasswordField("Initial password");
    private final Select<String> role = new Select<>();
    private final ComboBox<Tenant> tenant = new ComboBox<>("Tenant");

    CreateUserDialog(
            boolean operator,
            List<Tenant> tenants,
            Function<NewUser, UserSummary> create,
            Consumer<UserSummary> onCreated) {
        setHeaderTitle("Create user");
        setId("user-dialog");
        username.setId("user-name");
        username.setHelperText("Lowercase letters, digits, '.', '_' or '-'");
        password.setId("user-password");
        password.setHelperText("At least " + PasswordRules.MIN_LENGTH + " characters, not containing the user name");
        role.setLabel("Role");
        role.setId("user-role");
        role.setItems(
                operator
                        ? List.of(Roles.TENANT_USER, Roles.TENANT_ADMIN, Roles.OPERATOR)
                        : List.of(Roles.TENANT_USER, Roles.TENANT_ADMIN));
        role.setItemLabelGenerator(UsersView::roleLabel);
        role.setValue(Roles.TENANT_USER);
        tenant.setId("user-tenant");
        tenant.setItems(tenants);
        tenant.setItemLabelGenerator(Tenant::name);
        tenant.setVisible(operator);
        role.addValueChangeListener(e -> tenant.setEnabled(!Roles.OPERATOR.equals(e.getValue())));
        for (HasValidation f : new HasValidation[] {username, password, role, tenant}) {
            f.setManualValidation(true);
        }
        FormLayout form = new FormLayout(username, password, role, tenant);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("440px", 2));
        add(form);
        Button ok = new Button("Create", e -> {
            FieldErrors.clear(fields());
            try {
                boolean op = Roles.OPERATOR.equals(role.getValue());
                UserSummary u = create.apply(new NewUser(
                        username.getValue(),
                        password.getValue(),
                        role.getValue(),
                        !operator || op || tenant.getValue() == null
                                ? null
                                : tenant.getValue().id().toString()));
                close();
                onCreated.accept(u);
            } catch (ZoneDeckException ex) {
                if (!FieldErrors.show(ex, fields())) {
                    throw ex;
                }
            }
        });
        ok.setId("create-user-submit");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), ok);
    }

    private Map<String, HasValidation> fields() {
        return Map.of("username", username, "password", password, "role", role, "tenant", tenant);
    }
}
