package io.zonedeck.tenancy.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.tenancy.QuotaRequest;
import io.zonedeck.tenancy.QuotaRequestService;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Operator: approve (note optional) or reject (note required) one quota request. */
class DecisionDialog extends Dialog {
    private final TextArea note = new TextArea("Note to the tenant");

    DecisionDialog(
            QuotaRequest request, boolean approve, Function<String, QuotaRequest> decide, Consumer<QuotaRequest> done) {
        setHeaderTitle((approve ? "Approve" : "Reject") + " quota request");
        setId("decision-dialog");
        setWidth("min(520px, 96vw)");
        Paragraph what = new Paragraph(
                request.tenantName() + " asks for " + request.limit().label() + " " + QuotaRequestsGrid.change(request)
                        + " (" + request.requestedBy() + "): " + request.reason());
        what.setId("decision-request");
        Paragraph effect = new Paragraph(
                approve
                        ? "Approving raises the limit at once."
                        : "The tenant sees your note on its dashboard; the limit stays.");
        effect.getStyle().set("color", "var(--lumo-secondary-text-color)");
        note.setId("decision-note");
        note.setWidthFull();
        note.setMaxLength(QuotaRequestService.MAX_TEXT);
        note.setManualValidation(true);
        note.setHelperText(approve ? "Optional" : "Required: say why");
        add(what, effect, note);
        Button ok = new Button(approve ? "Approve" : "Reject", e -> {
            note.setInvalid(false);
            try {
                QuotaRequest r = decide.apply(note.getValue());
                close();
                done.accept(r);
            } catch (ZoneDeckException ex) {
                if (!FieldErrors.show(ex, Map.of("note", note))) {
                    throw ex;
                }
            }
        });
        ok.setId("decision-submit");
        ok.addThemeVariants(
                ButtonVariant.LUMO_PRIMARY, approve ? ButtonVariant.LUMO_SUCCESS : ButtonVariant.LUMO_ERROR);
        Button cancel = new Button("Cancel", e -> close());
        getFooter().add(cancel, ok);
    }
}
