package io.zonedeck.nodes.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.nodes.Node;
import java.util.Map;
import java.util.function.Consumer;

/** Operator: register a remote node agent by name, URL and the node's own credential. */
class RegisterNodeDialog extends Dialog {
    interface Register {
        Node register(String name, String url, String credential);
    }

    private final TextField name = new TextField("Node name");
    private final TextField url = new TextField("Agent URL");
    private final PasswordField credential = new PasswordField("Credential");

    RegisterNodeDialog(Register register, Consumer<Node> onRegistered) {
        setHeaderTitle("Register node");
        setId("register-node-dialog");
        name.setId("node-name");
        name.setHelperText("The agent's --node-id");
        url.setId("node-url");
        url.setPlaceholder("http://10.0.0.7:9101");
        credential.setId("node-credential");
        FormLayout form = new FormLayout(name, url, credential);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);
        Button ok = new Button("Register", e -> {
            FieldErrors.clear(fields());
            try {
                Node n =
                        register.register(name.getValue().trim(), url.getValue().trim(), credential.getValue());
                close();
                onRegistered.accept(n);
            } catch (ZoneDeckException ex) {
                FieldErrors.show(ex, fields());
            }
        });
        ok.setId("register-node-submit");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), ok);
    }

    private Map<String, HasValidation> fields() {
        return Map.of("name", name, "url", url, "credential", credential);
    }
}
