package io.zonedeck.security.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.textfield.PasswordField;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.base.ui.RowActions;
import io.zonedeck.security.PasswordRules;
import java.util.Map;
import java.util.function.BiConsumer;

/** Change password: the current one, the new one twice; the service's rules show on the fields. */
class PasswordCard extends Div {
    private final PasswordField current = new PasswordField("Current password");
    private final PasswordField next = new PasswordField("New password");
    private final PasswordField repeat = new PasswordField("Repeat the new password");

    PasswordCard(BiConsumer<String, String> change) {
        addClassName("zd-card");
        setId("password-card");
        H3 title = new H3("Change password");
        title.getStyle().set("margin", "0 0 var(--lumo-space-s) 0");
        current.setId("account-current-password");
        next.setId("account-new-password");
        next.setHelperText("At least " + PasswordRules.MIN_LENGTH + " characters, not containing your user name");
        repeat.setId("account-repeat-password");
        for (PasswordField f : new PasswordField[] {current, next, repeat}) {
            f.setWidthFull();
            f.setManualValidation(true);
            f.addValueChangeListener(e -> f.setInvalid(false));
        }
        Button save = new Button("Change password", e -> {
            FieldErrors.clear(fields());
            if (!next.getValue().equals(repeat.getValue())) {
                repeat.setErrorMessage("The two new passwords differ");
                repeat.setInvalid(true);
                return;
            }
            try {
                change.accept(current.getValue(), next.getValue());
                current.clear();
                next.clear();
                repeat.clear();
                RowActions.done("Password changed");
            } catch (ZoneDeckException ex) {
                if (!FieldErrors.show(ex, fields())) {
                    throw ex;
                }
            }
        });
        save.setId("account-change-password");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(title, current, next, repeat, save);
    }

    private Map<String, HasValidation> fields() {
        return Map.of("currentPassword", current, "newPassword", next, "repeat", repeat);
    }
}
