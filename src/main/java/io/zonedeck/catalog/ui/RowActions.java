package io.zonedeck.catalog.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** Small buttons for grid rows; a refusal thrown by an action is shown by the shared error handler. */
final class RowActions {
    private RowActions() {}

    static Button button(String id, String label, Runnable action) {
        Button b = new Button(label, e -> action.run());
        b.setId(id);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return b;
    }

    /** A delete button that asks first (dialog id {@code confirm-delete}), then runs the deletion. */
    static Button delete(String id, String what, Runnable delete, Runnable afterwards) {
        Button b = new Button("Delete", e -> {
            ConfirmDialog confirm = new ConfirmDialog(
                    "Delete " + what + "?",
                    "This cannot be undone.",
                    "Delete",
                    ok -> {
                        delete.run();
                        done("Deleted " + what);
                        afterwards.run();
                    },
                    "Cancel",
                    cancel -> {});
            confirm.setId("confirm-delete");
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        b.setId(id);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        return b;
    }

    static void done(String message) {
        Notification n = Notification.show(message, 3000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
