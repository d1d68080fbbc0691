package io.zonedeck.base.ui;

import com.vaadin.flow.component.HasValidation;
import io.zonedeck.base.ZoneDeckException;
import java.util.Map;

/** Puts a refusal's field-level errors on the form fields they name. */
public final class FieldErrors {
    private FieldErrors() {}

    /** Marks each named field invalid with its message; returns true when at least one field showed an error. */
    public static boolean show(ZoneDeckException ex, Map<String, ? extends HasValidation> fields) {
        boolean shown = false;
        for (ZoneDeckException.FieldProblem p : ex.errors()) {
            HasValidation field = fields.get(p.field());
            if (field != null) {
                field.setErrorMessage(p.message());
                field.setInvalid(true);
                shown = true;
            }
        }
        return shown;
    }

    /** Clears the invalid state of every field. */
    public static void clear(Map<String, ? extends HasValidation> fields) {
        fields.values().forEach(f -> f.setInvalid(false));
    }
}
