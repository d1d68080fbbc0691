package io.zonedeck.compute.ui.wizard;

import com.vaadin.flow.component.Component;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import java.util.List;

/** One page of the create wizard: its fields, and the service's problems that belong to them. */
public interface WizardStep {
    String title();

    Component content();

    /** Shows the problems on this step's fields; returns those it could not place on a field. */
    List<FieldProblem> show(List<FieldProblem> problems);

    void clearErrors();

    /** The step a service field name belongs to (0 basics … 4 extras, 5 review for anything else). */
    static int stepOf(String field) {
        String root = field == null ? "" : field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
        return switch (root) {
            case "name", "brand", "tenant" -> 0;
            case "image" -> 1;
            case "package" -> 2;
            case "networks" -> 3;
            case "sshKeys", "tags", "metadata", "affinity" -> 4;
            default -> 5;
        };
    }
}
