package io.zonedeck.nodes.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.agent.api.Fingerprint;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeRegistration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Operator: register a remote node agent by name, URL and the node's own credential. Like SSH's known_hosts, the
 * portal pins the agent's certificate: "Check certificate" shows the fingerprint the agent at the URL presents
 * (no credential sent) for the operator to compare with what the agent printed at start; registering then pins
 * exactly that one. Left empty, the certificate presented at registration is pinned and shown afterwards.
 */
class RegisterNodeDialog extends Dialog {
    interface Register {
        Node register(NodeRegistration registration);
    }

    private final TextField name = new TextField("Node name");
    private final TextField url = new TextField("Agent URL");
    private final PasswordField credential = new PasswordField("Credential");
    private final TextField fingerprint = new TextField("Certificate fingerprint (SHA-256)");
    private final Checkbox replace =
            new Checkbox("Replace the node of this name (its agent must present the pinned certificate)");
    private final Paragraph presented = new Paragraph();

    RegisterNodeDialog(Register register, Function<String, Fingerprint> peek, Consumer<Node> onRegistered) {
        setHeaderTitle("Register node");
        setId("register-node-dialog");
        name.setId("node-name");
        name.setHelperText("The agent's --node-id");
        url.setId("node-url");
        url.setPlaceholder("https://10.0.0.7:9101");
        credential.setId("node-credential");
        fingerprint.setId("node-fingerprint");
        fingerprint.setHelperText("As the agent printed it at start; empty: trust the certificate it presents now");
        replace.setId("node-replace");
        presented.setId("node-presented-fingerprint");
        Button check = new Button("Check certificate", e -> {
            FieldErrors.clear(fields());
            try {
                Fingerprint f = peek.apply(url.getValue().trim());
                fingerprint.setValue(f.toString());
                presented.setText("The agent at this URL presents " + f
                        + ". Compare it with the fingerprint the agent printed at start before you register it.");
            } catch (ZoneDeckException ex) {
                presented.setText("");
                FieldErrors.show(ex, fields());
            }
        });
        check.setId("node-check-certificate");
        FormLayout form = new FormLayout(name, url, check, credential, fingerprint, replace);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form, presented);
        Button ok = new Button("Register", e -> {
            FieldErrors.clear(fields());
            try {
                Node n = register.register(new NodeRegistration(
                        name.getValue().trim(),
                        url.getValue().trim(),
                        credential.getValue(),
                        fingerprint.getValue().trim(),
                        replace.getValue()));
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
        return Map.of("name", name, "url", url, "credential", credential, "fingerprint", fingerprint);
    }
}
