package io.zonedeck.network.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.network.Network;
import io.zonedeck.network.NetworkRequest;
import io.zonedeck.tenancy.Tenant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Operator: define a network (public, or private to one tenant). */
class NetworkDialog extends Dialog {
    private final TextField name = text("Name", "network-name");
    private final TextField nicTag = text("NIC tag", "network-nic-tag");
    private final IntegerField vlan = new IntegerField("VLAN id");
    private final TextField subnet = text("Subnet (CIDR)", "network-subnet");
    private final TextField gateway = text("Gateway", "network-gateway");
    private final TextField rangeStart = text("Range start", "network-range-start");
    private final TextField rangeEnd = text("Range end", "network-range-end");
    private final TextField resolvers = text("Resolvers", "network-resolvers");
    private final IntegerField mtu = new IntegerField("MTU");
    private final ComboBox<Tenant> owner = new ComboBox<>("Owner");

    NetworkDialog(List<Tenant> tenants, Function<NetworkRequest, Network> create, Consumer<Network> onCreated) {
        setHeaderTitle("Create network");
        setId("network-dialog");
        nicTag.setValue("external");
        vlan.setId("network-vlan");
        vlan.setValue(0);
        subnet.setPlaceholder("10.0.0.0/24");
        resolvers.setHelperText("Comma-separated IPv4 addresses, at most 4");
        mtu.setId("network-mtu");
        mtu.setValue(1500);
        owner.setId("network-owner");
        owner.setItems(tenants);
        owner.setItemLabelGenerator(Tenant::name);
        owner.setClearButtonVisible(true);
        owner.setPlaceholder("Public");
        owner.setHelperText("Empty: every tenant may use it");
        FormLayout form =
                new FormLayout(name, owner, nicTag, vlan, subnet, gateway, rangeStart, rangeEnd, resolvers, mtu);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 2));
        add(form);
        Button ok = new Button("Create", e -> {
            FieldErrors.clear(fields());
            try {
                Network n = create.apply(new NetworkRequest(
                        name.getValue(),
                        nicTag.getValue(),
                        vlan.getValue(),
                        subnet.getValue(),
                        gateway.getValue(),
                        rangeStart.getValue(),
                        rangeEnd.getValue(),
                        Arrays.asList(resolvers.getValue().split(",")),
                        mtu.getValue(),
                        owner.getValue() == null ? null : owner.getValue().id().toString()));
                close();
                onCreated.accept(n);
            } catch (ZoneDeckException ex) {
                if (!FieldErrors.show(ex, fields())) {
                    throw ex;
                }
            }
        });
        ok.setId("create-network-submit");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), ok);
    }

    private Map<String, HasValidation> fields() {
        return Map.of(
                "name", name,
                "nicTag", nicTag,
                "vlanId", vlan,
                "subnet", subnet,
                "gateway", gateway,
                "rangeStart", rangeStart,
                "rangeEnd", rangeEnd,
                "resolvers", resolvers,
                "mtu", mtu,
                "ownerTenant", owner);
    }

    private static TextField text(String label, String id) {
        TextField f = new TextField(label);
        f.setId(id);
        return f;
    }
}
