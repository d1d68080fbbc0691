package io.zonedeck.compute.ui.detail;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.compute.JobInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs one call to the service from a button: a refusal's field problems go inline on the fields they name,
 * everything else (Busy, InvalidState, NotSupported, NodeUnavailable, problems on fields the form has not) into
 * an error notification with the service's message. Never a stack trace.
 */
public final class Attempt {
    private Attempt() {}

    /** The accepted job, or empty when the service refused (and the refusal is already shown). */
    public static Optional<JobInfo> run(
            String label, Map<String, ? extends HasValidation> fields, Supplier<JobInfo> call) {
        fields.values().forEach(f -> f.setInvalid(false));
        try {
            return Optional.of(call.get());
        } catch (ZoneDeckException ex) {
            List<String> elsewhere = new ArrayList<>();
            for (ZoneDeckException.FieldProblem p : ex.errors()) {
                HasValidation field = fields.get(p.field());
                if (field != null) {
                    field.setErrorMessage(p.message());
                    field.setInvalid(true);
                } else {
                    elsewhere.add(p.message());
                }
            }
            if (ex.errors().isEmpty()) {
                error(label + " refused: " + ex.getMessage());
            } else if (!elsewhere.isEmpty()) {
                error(label + " refused: " + String.join("; ", elsewhere));
            }
            return Optional.empty();
        }
    }

    public static void error(String message) {
        Notification n = Notification.show(message, 6000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        n.setId("action-error");
    }
}
