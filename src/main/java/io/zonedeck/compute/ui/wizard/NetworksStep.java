package io.zonedeck.compute.ui.wizard;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.base.ZoneDeckException.FieldProblem;
import io.zonedeck.compute.NicRequest;
import io.zonedeck.network.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Step 4: one or more usable networks, each with an optional fixed address; one of them is primary. */
class NetworksStep implements WizardStep {
    private static final Pattern NIC_FIELD = Pattern.compile("networks\\.(\\d+)\\.(network|ip)");
    private static final int MAX_ROWS = 8;

    private final List<Row> rows = new ArrayList<>();
    private final VerticalLayout list = new VerticalLayout();
    private final Paragraph general = new Paragraph();
    private final Button add = new Button("Add network", VaadinIcon.PLUS.create());
    private final VerticalLayout content = new VerticalLayout();
    private List<Network> usable = List.of();

    private final class Row {
        final ComboBox<Network> network = new ComboBox<>();
        final TextField ip = new TextField();
        final Checkbox primary = new Checkbox("Primary");
        final Button remove = new Button(VaadinIcon.TRASH.create());
        final HorizontalLayout layout = new HorizontalLayout(network, ip, primary, remove);

        Row(Network chosen) {
            network.setItems(usable);
            network.setItemLabelGenerator(n -> n.name() + " · " + n.subnet() + (n.isPublic() ? "" : " · private"));
            network.setWidth("20em");
            network.setValue(chosen);
            network.addValueChangeListener(e -> {
                network.setInvalid(false);
                helpIp();
            });
            ip.setPlaceholder("automatic");
            ip.setWidth("14em");
            ip.setManualValidation(true);
            ip.addValueChangeListener(e -> ip.setInvalid(false));
            helpIp();
            primary.addValueChangeListener(e -> {
                if (e.isFromClient() && e.getValue()) {
                    rows.stream().filter(r -> r != this).forEach(r -> r.primary.setValue(false));
                } else if (e.isFromClient() && rows.stream().noneMatch(r -> r.primary.getValue())) {
                    primary.setValue(true); // one NIC is always primary
                }
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel("Remove this network");
            remove.addClickListener(e -> removeRow(this));
            layout.setAlignItems(FlexComponent.Alignment.BASELINE);
        }

        void helpIp() {
            Network n = network.getValue();
            ip.setHelperText(n == null ? "" : "Free range " + n.rangeStart() + " – " + n.rangeEnd());
        }

        void setIndex(int i) {
            network.setId("wizard-network-" + i);
            ip.setId("wizard-ip-" + i);
            primary.setId("wizard-primary-" + i);
            network.setLabel(i == 0 ? "Network" : null);
            ip.setLabel(i == 0 ? "Fixed IP (optional)" : null);
            network.setAriaLabel("Network " + (i + 1));
            ip.setAriaLabel("Fixed IP of NIC " + (i + 1));
            remove.setEnabled(rows.size() > 1);
        }
    }

    NetworksStep() {
        list.setPadding(false);
        list.setSpacing(false);
        add.setId("wizard-add-network");
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add.addClickListener(e -> {
            addRow(null);
            renumber();
        });
        general.setId("wizard-networks-error");
        general.addClassName("zd-error");
        general.setVisible(false);
        Paragraph hint = new Paragraph("Each network becomes a NIC. Leave the IP empty to take the lowest free "
                + "address; the primary NIC carries the default route.");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        content.setPadding(false);
        content.add(hint, list, add, general);
    }

    /** The networks of the tenant; starts over with one NIC on the first public network (the service's default). */
    void setNetworks(List<Network> usable) {
        this.usable = usable;
        rows.clear();
        list.removeAll();
        Network first =
                usable.stream().filter(Network::isPublic).findFirst().orElse(usable.isEmpty() ? null : usable.get(0));
        addRow(first);
        rows.get(0).primary.setValue(true);
        renumber();
    }

    private void addRow(Network chosen) {
        Row r = new Row(chosen);
        rows.add(r);
        list.add(r.layout);
    }

    private void removeRow(Row r) {
        boolean wasPrimary = r.primary.getValue();
        rows.remove(r);
        list.remove(r.layout);
        if (wasPrimary && !rows.isEmpty()) {
            rows.get(0).primary.setValue(true);
        }
        renumber();
    }

    private void renumber() {
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).setIndex(i);
        }
        add.setEnabled(rows.size() < MAX_ROWS);
    }

    List<NicRequest> nics() {
        return rows.stream()
                .map(r -> new NicRequest(
                        r.network.getValue() == null
                                ? null
                                : r.network.getValue().id().toString(),
                        r.ip.getValue().isBlank() ? null : r.ip.getValue().trim(),
                        r.primary.getValue()))
                .toList();
    }

    /** The chosen networks, one per NIC (rows without a network left out). */
    List<Network> chosen() {
        return rows.stream()
                .map(r -> r.network.getValue())
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** For the review: "name (ip or automatic)", primary first. */
    List<String> describe() {
        return rows.stream()
                .map(r -> (r.network.getValue() == null
                                ? "?"
                                : r.network.getValue().name())
                        + " · "
                        + (r.ip.getValue().isBlank()
                                ? "automatic IP"
                                : r.ip.getValue().trim())
                        + (r.primary.getValue() ? " · primary" : ""))
                .toList();
    }

    @Override
    public String title() {
        return "Networks";
    }

    @Override
    public Component content() {
        return content;
    }

    @Override
    public List<FieldProblem> show(List<FieldProblem> problems) {
        List<FieldProblem> rest = new ArrayList<>();
        List<String> generalMessages = new ArrayList<>();
        for (FieldProblem p : problems) {
            Matcher m = NIC_FIELD.matcher(p.field());
            if (m.matches() && Integer.parseInt(m.group(1)) < rows.size()) {
                Row r = rows.get(Integer.parseInt(m.group(1)));
                if (m.group(2).equals("ip")) {
                    r.ip.setErrorMessage(p.message());
                    r.ip.setInvalid(true);
                } else {
                    r.network.setErrorMessage(p.message());
                    r.network.setInvalid(true);
                }
            } else if (WizardStep.stepOf(p.field()) == 3) {
                generalMessages.add(p.message());
            } else {
                rest.add(p);
            }
        }
        general.setText(String.join(" ", generalMessages));
        general.setVisible(!generalMessages.isEmpty());
        return rest;
    }

    @Override
    public void clearErrors() {
        rows.forEach(r -> {
            r.network.setInvalid(false);
            r.ip.setInvalid(false);
        });
        general.setVisible(false);
    }
}
