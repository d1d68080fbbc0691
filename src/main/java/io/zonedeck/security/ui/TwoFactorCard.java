package io.zonedeck.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.base.ui.RowActions;
import io.zonedeck.security.TwoFactorService;
import java.util.List;
import java.util.Map;

/**
 * Two-factor sign-in on the account page: set up with a QR code (or the secret typed in) and a first code, the
 * recovery codes shown once, turned off with a code unless it is mandatory.
 */
class TwoFactorCard extends Div {
    private final TwoFactorService twoFactor;
    private final Div body = new Div();

    TwoFactorCard(TwoFactorService twoFactor) {
        this.twoFactor = twoFactor;
        addClassName("zd-card");
        setId("two-factor-card");
        H3 title = new H3("Two-factor sign-in");
        title.getStyle().set("margin", "0");
        add(title, body);
        show();
    }

    private void show() {
        body.removeAll();
        TwoFactorService.Status status = twoFactor.status();
        Paragraph state = new Paragraph();
        state.setId("two-factor-state");
        if (status.enabled()) {
            state.setText("On: sign-in asks for a code from your authenticator app. " + status.recoveryCodesLeft()
                    + " recovery codes left.");
            body.add(state);
            if (!status.required()) {
                TextField code = codeField();
                Button off = new Button(
                        "Turn off",
                        e -> act(code, () -> {
                            twoFactor.disable(code.getValue());
                            RowActions.done("Two-factor sign-in turned off");
                            show();
                        }));
                off.setId("two-factor-off");
                off.addThemeVariants(ButtonVariant.LUMO_ERROR);
                body.add(row(code, off));
            }
            return;
        }
        state.setText(
                status.required()
                        ? "Your account must use two-factor sign-in: set it up to go on using the portal."
                        : "Off. With it on, sign-in also asks for a code from an authenticator app (any TOTP app: 6 digits,"
                                + " every 30 s).");
        if (status.required()) {
            state.getStyle().set("color", "var(--lumo-error-text-color)");
        }
        Button setUp = new Button("Set up", VaadinIcon.MOBILE.create(), e -> enrol());
        setUp.setId("two-factor-set-up");
        setUp.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        body.add(state, setUp);
    }

    private void enrol() {
        body.removeAll();
        TwoFactorService.Enrolment enrolment = twoFactor.begin();
        Image qr = new Image(enrolment.qrDataUri(), "QR code for your authenticator app");
        qr.setId("two-factor-qr");
        qr.setWidth("220px");
        Span secret = new Span(enrolment.secret().replaceAll("(.{4})", "$1 ").strip());
        secret.setId("two-factor-secret");
        secret.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        Paragraph help = new Paragraph(
                "Scan the code with your app, or type in the key below; then enter the 6 digits" + " the app shows.");
        TextField code = codeField();
        Button on = new Button(
                "Turn on",
                e -> act(code, () -> {
                    List<String> codes = twoFactor.confirm(code.getValue());
                    recoveryCodes(codes);
                }));
        on.setId("two-factor-confirm");
        on.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        body.add(help, qr, new Div(new Span("Key: "), secret), row(code, on));
    }

    private void recoveryCodes(List<String> codes) {
        body.removeAll();
        Paragraph done = new Paragraph("Two-factor sign-in is on. Keep these recovery codes somewhere safe: each signs"
                + " you in once without the app. They are not shown again.");
        done.setId("two-factor-state");
        UnorderedList list = new UnorderedList();
        list.setId("two-factor-recovery-codes");
        list.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        codes.forEach(c -> list.add(new ListItem(c)));
        Button ok = new Button("I saved them", e -> show());
        ok.setId("two-factor-saved");
        body.add(done, list, ok);
    }

    private static TextField codeField() {
        TextField code = new TextField("Code");
        code.setId("two-factor-code");
        code.setMaxLength(32);
        code.setManualValidation(true);
        code.addValueChangeListener(e -> code.setInvalid(false));
        return code;
    }

    private static HorizontalLayout row(TextField code, Button action) {
        HorizontalLayout row = new HorizontalLayout(code, action);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        return row;
    }

    private static void act(TextField code, Runnable work) {
        try {
            work.run();
        } catch (ZoneDeckException ex) {
            if (!FieldErrors.show(ex, Map.of("code", code))) {
                throw ex;
            }
        }
    }
}
