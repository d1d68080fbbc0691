package io.zonedeck.compute.ui.detail;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.shared.Tooltip;
import io.zonedeck.base.ui.StateBadge;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineChanges;
import io.zonedeck.compute.MachineDetail;
import io.zonedeck.compute.NicInfo;
import io.zonedeck.network.NetworkService;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The machine's VNICs: add one on a usable network (a chosen or the next free address), remove a secondary one. */
public class NicsTab extends VerticalLayout implements MachineTab {
    static final String PRIMARY_TIP = "The primary NIC is chosen when the machine is created and cannot be removed";

    private final MachineChanges changes;
    private final NetworkService networks;
    private final UUID id;
    private final Runnable refresh;
    private final Button add = new Button("Add NIC", VaadinIcon.PLUS.create());
    private final Grid<NicInfo> grid = new Grid<>(NicInfo.class, false);
    private MachineDetail machine;
    private boolean busy;

    public NicsTab(MachineChanges changes, NetworkService networks, UUID id, Runnable refresh) {
        this.changes = changes;
        this.networks = networks;
        this.id = id;
        this.refresh = refresh;
        setPadding(false);
        add.setId("add-nic");
        add.addClickListener(e -> new AddNicDialog(
                        networks.usableBy(machine.summary().tenantId()), req -> {
                            JobInfo job = changes.addNic(id, req);
                            refresh.run();
                            return job;
                        })
                .open());
        Paragraph hint = new Paragraph(
                "Each NIC is a VNIC on a network's nic tag and VLAN. Hardware VMs restart to add or remove one.");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        HorizontalLayout bar = new HorizontalLayout(add, hint);
        bar.setAlignItems(Alignment.CENTER);

        grid.setId("nics-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(NicInfo::mac).setHeader("MAC").setKey("mac").setAutoWidth(true);
        grid.addColumn(NicInfo::networkName)
                .setHeader("Network")
                .setKey("network")
                .setAutoWidth(true);
        grid.addColumn(NicInfo::vlanId).setHeader("VLAN").setKey("vlan").setAutoWidth(true);
        grid.addColumn(NicInfo::ip).setHeader("IP").setKey("ip").setAutoWidth(true);
        grid.addColumn(n -> n.primary() ? "primary" : "")
                .setHeader("Primary")
                .setKey("primary")
                .setAutoWidth(true);
        grid.addComponentColumn(n -> new StateBadge(n.state()))
                .setHeader("State")
                .setKey("state")
                .setAutoWidth(true);
        grid.addComponentColumn(this::removeButton)
                .setHeader("")
                .setKey("actions")
                .setAutoWidth(true);
        add(bar, grid);
    }

    private Span removeButton(NicInfo nic) {
        Button remove = new Button("Remove", VaadinIcon.TRASH.create(), e -> confirmRemove(nic));
        remove.addClassName("remove-nic");
        remove.getElement().setAttribute("data-mac", nic.mac());
        remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        remove.setEnabled(!busy && !nic.primary() && "attached".equals(nic.state()));
        // a disabled button gets no pointer events: the tooltip sits on a wrapper
        Span wrapper = new Span(remove);
        if (nic.primary()) {
            Tooltip.forComponent(wrapper).setText(PRIMARY_TIP);
            remove.getElement().setAttribute("title", PRIMARY_TIP);
        }
        return wrapper;
    }

    private void confirmRemove(NicInfo nic) {
        Paragraph text = new Paragraph("The NIC " + nic.mac() + " (" + nic.ip() + " on " + nic.networkName()
                + ") is removed and its address released."
                + (Facts.isHvm(machine.summary().brand()) ? " The VM restarts." : ""));
        new ConfirmAction(
                        "nic-remove-dialog",
                        "Remove NIC " + nic.mac() + "?",
                        "nic-remove-confirm",
                        "Remove",
                        true,
                        () -> Attempt.run("Remove NIC", Map.of(), () -> changes.removeNic(id, nic.mac()))
                                .ifPresent(j -> refresh.run()),
                        text)
                .open();
    }

    @Override
    public void show(MachineDetail m, Optional<JobInfo> active) {
        boolean wasBusy = busy;
        busy = MachineTab.busy(m, active);
        String state = m.summary().state();
        add.setEnabled(!busy && (state.equals("running") || state.equals("stopped")));
        if (machine == null || !m.nics().equals(machine.nics()) || wasBusy != busy) {
            grid.setItems(m.nics());
            grid.getElement().setAttribute("data-count", String.valueOf(m.nics().size()));
        }
        machine = m;
    }
}
