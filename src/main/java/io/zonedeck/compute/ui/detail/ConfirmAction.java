package io.zonedeck.compute.ui.detail;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;

/** A confirmation with stable ids on the dialog and its confirm button; runs {@code onConfirm} and closes. */
public class ConfirmAction extends Dialog {
    public ConfirmAction(
            String dialogId,
            String header,
            String confirmId,
            String confirmText,
            boolean destructive,
            Runnable onConfirm,
            Component... body) {
        setId(dialogId);
        setHeaderTitle(header);
        setWidth("min(480px, 95vw)");
        add(body);
        Button confirm = new Button(confirmText, e -> {
            close();
            onConfirm.run();
        });
        confirm.setId(confirmId);
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        if (destructive) {
            confirm.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId(confirmId + "-cancel");
        getFooter().add(cancel, confirm);
    }
}
