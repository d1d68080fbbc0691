package io.zonedeck.compute.ui.detail;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.NicRequest;
import io.zonedeck.network.Network;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A new NIC: one of the networks the tenant may use, and optionally a fixed address of it. */
public class AddNicDialog extends Dialog {
    public AddNicDialog(List<Network> usable, Function<NicRequest, JobInfo> addNic) {
        setId("add-nic-dialog");
        setHeaderTitle("Add a NIC");
        setWidth("min(480px, 95vw)");
        Select<Network> network = new Select<>();
        network.setId("nic-network");
        network.setLabel("Network");
        network.setItems(usable);
        network.setItemLabelGenerator(
                n -> n.name() + " · " + n.subnet() + (n.vlanId() == 0 ? "" : " · VLAN " + n.vlanId()));
        network.setWidthFull();
        network.setManualValidation(true);
        if (!usable.isEmpty()) {
            network.setValue(usable.get(0));
        }
        TextField ip = new TextField("Fixed IP (optional)");
        ip.setId("nic-ip");
        ip.setWidthFull();
        ip.setManualValidation(true);
        ip.setPlaceholder("next free address");
        ip.setHelperText(helper(network.getValue()));
        network.addValueChangeListener(e -> ip.setHelperText(helper(e.getValue())));
        add(network, ip);

        Button confirm = new Button(
                "Add NIC",
                e -> Attempt.run(
                                "Add NIC",
                                Map.of("network", network, "ip", ip),
                                () -> addNic.apply(new NicRequest(
                                        network.getValue() == null
                                                ? null
                                                : network.getValue().id().toString(),
                                        ip.getValue().isBlank()
                                                ? null
                                                : ip.getValue().trim(),
                                        null)))
                        .ifPresent(j -> close()));
        confirm.setId("nic-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("nic-cancel");
        getFooter().add(cancel, confirm);
    }

    private static String helper(Network n) {
        return n == null
                ? ""
                : "An address of " + n.subnet() + " (range " + n.rangeStart() + " – " + n.rangeEnd()
                        + "), or leave empty for the next free one";
    }
}
