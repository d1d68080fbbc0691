package io.zonedeck.tenancy.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.base.FieldProblems;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.tenancy.Quota;
import io.zonedeck.tenancy.QuotaLimit;
import io.zonedeck.tenancy.QuotaStatus;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Operator: every limit of one tenant, empty = unlimited, with what is in use beside each field. */
class QuotaEditorDialog extends Dialog {
    private final Map<QuotaLimit, TextField> fields = new EnumMap<>(QuotaLimit.class);

    QuotaEditorDialog(QuotaStatus status, Function<Quota, QuotaStatus> save, Consumer<QuotaStatus> onSaved) {
        setHeaderTitle("Quota of " + status.tenantName());
        setId("quota-dialog");
        setWidth("min(620px, 96vw)");
        Paragraph help = new Paragraph(
                "Empty means unlimited. A limit below what is in use takes nothing away: it only" + " refuses growth.");
        help.getStyle().set("margin-top", "0").set("color", "var(--lumo-secondary-text-color)");
        Div table = new Div();
        table.getStyle()
                .set("display", "grid")
                .set("grid-template-columns", "minmax(12em, 1fr) auto")
                .set("gap", "var(--lumo-space-xs) var(--lumo-space-l)")
                .set("align-items", "baseline");
        for (QuotaLimit l : QuotaLimit.values()) {
            TextField f = new TextField(l.label() + (l.unit().isEmpty() ? "" : " (" + l.unit() + ")"));
            f.setId("quota-" + l.key());
            f.setAllowedCharPattern("[0-9]");
            f.setPlaceholder("unlimited");
            f.setClearButtonVisible(true);
            f.setWidthFull();
            f.setManualValidation(true);
            Long max = status.limits().get(l);
            f.setValue(max == null ? "" : Long.toString(max));
            fields.put(l, f);
            Span used = new Span("in use: " + l.format(status.used().get(l)));
            used.setId("quota-used-" + l.key());
            used.getStyle().set("color", "var(--lumo-secondary-text-color)").set("white-space", "nowrap");
            table.add(f, used);
        }
        add(help, table);
        Button ok = new Button("Save quota", e -> {
            FieldErrors.clear(byKey());
            try {
                QuotaStatus saved = save.apply(quota());
                close();
                onSaved.accept(saved);
            } catch (ZoneDeckException ex) {
                if (!FieldErrors.show(ex, byKey())) {
                    throw ex;
                }
            }
        });
        ok.setId("quota-save");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("quota-cancel");
        getFooter().add(cancel, ok);
    }

    /** The limits typed in; a value that is not a whole number is refused on its field. */
    private Quota quota() {
        FieldProblems p = new FieldProblems();
        Map<QuotaLimit, Long> v = new EnumMap<>(QuotaLimit.class);
        for (QuotaLimit l : QuotaLimit.values()) {
            String text = fields.get(l).getValue().strip();
            if (text.isEmpty()) {
                continue;
            }
            try {
                v.put(l, Long.parseLong(text));
            } catch (NumberFormatException e) {
                p.add(l.key(), FieldProblems.INVALID, "A whole number, or empty for unlimited");
            }
        }
        p.throwIfAny();
        Quota q = Quota.UNLIMITED;
        for (Map.Entry<QuotaLimit, Long> e : v.entrySet()) {
            q = q.with(e.getKey(), e.getValue());
        }
        return q;
    }

    private Map<String, HasValidation> byKey() {
        Map<String, HasValidation> out = new LinkedHashMap<>();
        fields.forEach((l, f) -> out.put(l.key(), f));
        return out;
    }
}
