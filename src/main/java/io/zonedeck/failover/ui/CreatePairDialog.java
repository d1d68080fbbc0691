package io.zonedeck.failover.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.failover.CreatePairRequest;
import io.zonedeck.failover.FailoverPair;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Create a pair from two existing zones; every rule's refusal lands on its field. */
class CreatePairDialog extends Dialog {
    private final TextField name = new TextField("Name");
    private final ComboBox<MachineSummary> a = new ComboBox<>("Primary member");
    private final ComboBox<MachineSummary> b = new ComboBox<>("Backup member");
    private final IntegerField vrid = new IntegerField("VRID");
    private final TextField vip = new TextField("Virtual IP");
    private final IntegerField prioA = new IntegerField("Primary priority");
    private final IntegerField prioB = new IntegerField("Backup priority");
    private final IntegerField interval = new IntegerField("Advert interval (ms)");
    private final Checkbox preempt = new Checkbox("Preempt", true);
    private final Checkbox accept = new Checkbox("Accept mode", true);
    private final Paragraph error = new Paragraph();

    CreatePairDialog(
            List<MachineSummary> zones, Function<CreatePairRequest, FailoverPair> create, Consumer<FailoverPair> done) {
        setHeaderTitle("Create failover pair");
        setId("create-pair-dialog");
        setWidth("min(620px, 95vw)");
        name.setId("pair-name");
        name.setPlaceholder("e.g. web-vip");
        for (ComboBox<MachineSummary> c : List.of(a, b)) {
            c.setItems(zones);
            c.setItemLabelGenerator(m -> m.name() + " (" + m.ip() + ")");
        }
        a.setId("pair-machine-a");
        b.setId("pair-machine-b");
        vrid.setId("pair-vrid");
        vrid.setHelperText("1-255; empty = lowest free on the network");
        vip.setId("pair-vip");
        vip.setHelperText("Empty = a free address of the network");
        prioA.setId("pair-priority-a");
        prioA.setValue(200);
        prioB.setId("pair-priority-b");
        prioB.setValue(100);
        interval.setId("pair-interval");
        interval.setValue(1000);
        interval.setHelperText("10-40950 ms; failover takes about 3 intervals");
        preempt.setId("pair-preempt");
        accept.setId("pair-accept");
        error.setId("pair-error");
        error.addClassName("zd-error");
        error.setVisible(false);
        FormLayout form = new FormLayout(name, vip, a, b, prioA, prioB, vrid, interval, preempt, accept);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("460px", 2));
        add(form, error);
        Button ok = new Button("Create", e -> {
            clear();
            try {
                FailoverPair pair = create.apply(new CreatePairRequest(
                        name.getValue(),
                        a.getValue() == null ? null : a.getValue().id().toString(),
                        b.getValue() == null ? null : b.getValue().id().toString(),
                        vrid.getValue(),
                        vip.getValue(),
                        prioA.getValue(),
                        prioB.getValue(),
                        interval.getValue(),
                        preempt.getValue(),
                        accept.getValue()));
                close();
                done.accept(pair);
            } catch (ZoneDeckException ex) {
                show(ex);
            }
        });
        ok.setId("create-pair-submit");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), ok);
    }

    private Map<String, HasValidation> fields() {
        return Map.of(
                "name", name,
                "machineA", a,
                "machineB", b,
                "vrid", vrid,
                "vip", vip,
                "priorityA", prioA,
                "priorityB", prioB,
                "intervalMs", interval);
    }

    private void clear() {
        FieldErrors.clear(fields());
        error.setVisible(false);
    }

    private void show(ZoneDeckException ex) {
        if (!FieldErrors.show(ex, fields())) {
            error.setText(ex.getMessage());
            error.setVisible(true);
        }
    }
}
