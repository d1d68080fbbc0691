package io.zonedeck.tenancy.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.tenancy.Tenant;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/** Operator: a new tenant (name like a machine name, and a display name). */
class CreateTenantDialog extends Dialog {
    private final TextField name = new TextField("Name");
    private final TextField displayName = new TextField("Display name");

    CreateTenantDialog(BiFunction<String, String, Tenant> create, Consumer<Tenant> onCreated) {
        setHeaderTitle("Create tenant");
        setId("tenant-dialog");
        name.setId("tenant-name");
        name.setHelperText("Letters, digits, '.', '_' or '-'; used in URLs and the API");
        name.setMaxLength(64);
        displayName.setId("tenant-display-name");
        displayName.setMaxLength(128);
        name.setManualValidation(true);
        displayName.setManualValidation(true);
        FormLayout form = new FormLayout(name, displayName);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("400px", 2));
        add(form);
        Button ok = new Button("Create", e -> {
            FieldErrors.clear(fields());
            try {
                Tenant t = create.apply(name.getValue(), displayName.getValue());
                close();
                onCreated.accept(t);
            } catch (ZoneDeckException ex) {
                if (!FieldErrors.show(ex, fields())) {
                    throw ex;
                }
            }
        });
        ok.setId("create-tenant-submit");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), ok);
    }

    private Map<String, HasValidation> fields() {
        return Map.of("name", name, "displayName", displayName);
    }
}
