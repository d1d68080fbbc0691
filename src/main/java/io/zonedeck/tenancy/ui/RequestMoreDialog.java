package io.zonedeck.tenancy.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.tenancy.Quota;
import io.zonedeck.tenancy.QuotaLimit;
import io.zonedeck.tenancy.QuotaRaise;
import io.zonedeck.tenancy.QuotaRequest;
import io.zonedeck.tenancy.QuotaRequestService;
import io.zonedeck.tenancy.QuotaStatus;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** A tenant admin asks the operator for more of one limit, with a reason (emergency raise). */
class RequestMoreDialog extends Dialog {
    private final Select<QuotaLimit> limit = new Select<>();
    private final IntegerField value = new IntegerField("New limit");
    private final TextArea reason = new TextArea("Reason");
    private final Paragraph current = new Paragraph();
    private final QuotaStatus status;

    RequestMoreDialog(
            QuotaStatus status,
            QuotaLimit preselected,
            Function<QuotaRaise, QuotaRequest> submit,
            Consumer<QuotaRequest> onSent) {
        this.status = status;
        setHeaderTitle("Request more quota");
        setId("request-more-dialog");
        setWidth("min(560px, 96vw)");
        Quota limits = status.limits();
        limit.setLabel("Limit");
        limit.setId("request-limit");
        limit.setItems(Arrays.stream(QuotaLimit.values())
                .filter(l -> limits.get(l) != null)
                .toList());
        limit.setItemLabelGenerator(QuotaLimit::label);
        limit.addValueChangeListener(e -> describe());
        value.setId("request-value");
        value.setMin(0);
        value.setStepButtonsVisible(true);
        reason.setId("request-reason");
        reason.setMaxLength(QuotaRequestService.MAX_TEXT);
        reason.setMinRows(3);
        reason.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.EAGER);
        reason.addValueChangeListener(
                e -> reason.setHelperText(e.getValue().length() + " / " + QuotaRequestService.MAX_TEXT));
        reason.setHelperText("0 / " + QuotaRequestService.MAX_TEXT);
        reason.setPlaceholder("e.g. the database zone is full and cannot grow (smartos-live#258)");
        for (HasValidation f : new HasValidation[] {limit, value, reason}) {
            f.setManualValidation(true);
        }
        current.setId("request-current");
        current.getStyle().set("margin", "0").set("color", "var(--lumo-secondary-text-color)");

        FormLayout form = new FormLayout(limit, value, reason);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("400px", 2));
        form.setColspan(reason, 2);
        Paragraph help = new Paragraph("The operator sees your request at once and approves or rejects it; you see the"
                + " decision on your dashboard.");
        help.getStyle().set("margin-top", "0");
        add(new Div(help, current), form);
        limit.setValue(preselected != null && limits.get(preselected) != null ? preselected : null);

        Button send = new Button("Send request", e -> {
            FieldErrors.clear(fields());
            try {
                QuotaRequest r = submit.apply(new QuotaRaise(
                        limit.getValue() == null ? null : limit.getValue().key(),
                        value.getValue() == null ? null : value.getValue().longValue(),
                        reason.getValue()));
                close();
                onSent.accept(r);
            } catch (ZoneDeckException ex) {
                if (!FieldErrors.show(ex, fields())) {
                    throw ex;
                }
            }
        });
        send.setId("request-submit");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("request-cancel");
        getFooter().add(cancel, send);
    }

    private void describe() {
        QuotaLimit l = limit.getValue();
        if (l == null) {
            current.setText("");
            return;
        }
        long max = status.limits().get(l);
        long used = status.used().get(l);
        String unit = l.unit().isEmpty() ? "" : " (in " + l.unit() + ")";
        current.setText(l.label() + ": " + l.format(used) + " of " + l.format(max) + " in use. Ask for a new limit"
                + unit + " above " + max + ".");
        value.setSuffixComponent(l.unit().isEmpty() ? null : new Div(l.unit()));
        if (value.getValue() == null || value.getValue() <= max) {
            value.setValue((int) Math.min(Integer.MAX_VALUE, suggestion(l, max)));
        }
    }

    /** A round step above the limit: double it (at least one more). */
    static long suggestion(QuotaLimit l, long max) {
        return Math.max(max + 1, max * 2);
    }

    private Map<String, HasValidation> fields() {
        return Map.of("limit", limit, "value", value, "reason", reason);
    }
}
