package io.zonedeck.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.function.SerializableFunction;

/** Small buttons for grid rows; a refusal thrown by an action is shown by the shared error handler. */
public final class RowActions {
    private RowActions() {}

    public static Button button(String id, String label, Runnable action) {
        Button b = new Button(label, e -> action.run());
        b.setId(id);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return b;
    }

    /** A delete button that asks first (dialog id {@code confirm-delete}), then runs the deletion. */
    public static Button delete(String id, String what, Runnable delete, Runnable afterwards) {
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

    public static void done(String message) {
        Notification n = Notification.show(message, 3000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    /** The grid's last column of row actions, kept in view however wide the grid is. */
    public static <T> void column(Grid<T> grid, SerializableFunction<T, Component> actions) {
        grid.addComponentColumn(actions::apply)
                .setHeader("")
                .setKey("actions")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setFrozenToEnd(true);
    }
}
