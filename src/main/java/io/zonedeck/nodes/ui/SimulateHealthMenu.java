package io.zonedeck.nodes.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextField;
import io.zonedeck.agent.api.FmaFault;
import io.zonedeck.agent.api.SimHealthRequest;
import io.zonedeck.agent.api.SmfService;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.FieldErrors;
import io.zonedeck.nodes.NodeHealthReport;
import io.zonedeck.nodes.NodeService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** Demo, sim nodes only: put a service in maintenance, inject an FMA fault, or make the node healthy again. */
class SimulateHealthMenu extends MenuBar {
    private final NodeService nodes;
    private final UUID nodeId;
    private final Consumer<NodeHealthReport> changed;

    SimulateHealthMenu(NodeService nodes, UUID nodeId, List<String> services, Consumer<NodeHealthReport> changed) {
        this.nodes = nodes;
        this.nodeId = nodeId;
        this.changed = changed;
        setId("node-simulate");
        addThemeVariants(MenuBarVariant.LUMO_TERTIARY);
        MenuItem root = addItem(VaadinIcon.FLASK.create());
        root.add(" Simulate");
        SubMenu sub = root.getSubMenu();
        sub.addItem("Service in maintenance…", e -> serviceDialog(services).open())
                .setId("simulate-service");
        sub.addItem("Inject FMA fault…", e -> faultDialog().open()).setId("simulate-fault");
        sub.addItem("Clear: all healthy", e -> apply(() -> nodes.clearHealth(nodeId), "Node healthy again"))
                .setId("simulate-clear");
    }

    private Dialog serviceDialog(List<String> services) {
        Dialog d = new Dialog();
        d.setHeaderTitle("Put a service in another state");
        ComboBox<String> service = new ComboBox<>("Service", services);
        service.setId("simulate-service-fmri");
        service.setValue(services.contains("svc:/system/zones:default") ? "svc:/system/zones:default" : null);
        service.setWidthFull();
        ComboBox<String> state = new ComboBox<>("State", List.of("maintenance", "degraded", "offline", "disabled"));
        state.setId("simulate-service-state");
        state.setValue("maintenance");
        TextField reason = new TextField("Reason");
        reason.setId("simulate-service-reason");
        reason.setPlaceholder("Start method exited with $SMF_EXIT_ERR_FATAL.");
        Map<String, HasValidation> fields = Map.of("service", service, "state", state, "reason", reason);
        submit(
                d,
                new FormLayout(service, state, reason),
                fields,
                () -> nodes.injectHealth(
                        nodeId, SimHealthRequest.service(service.getValue(), state.getValue(), reason.getValue())),
                "simulate-service-submit");
        return d;
    }

    private Dialog faultDialog() {
        Dialog d = new Dialog();
        d.setHeaderTitle("Inject an FMA fault");
        TextField code = new TextField("Code");
        code.setId("simulate-fault-code");
        code.setValue("ZFS-8000-FD");
        ComboBox<String> severity = new ComboBox<>("Severity", FmaFault.SEVERITIES);
        severity.setId("simulate-fault-severity");
        severity.setValue("Major");
        TextField resource = new TextField("Resource");
        resource.setId("simulate-fault-resource");
        resource.setValue("zfs://pool=zones/vdev=c1t2d0");
        TextField summary = new TextField("Summary");
        summary.setId("simulate-fault-summary");
        summary.setPlaceholder("from the code");
        Map<String, HasValidation> fields = Map.of(
                "fault.code", code, "fault.severity", severity, "fault.resource", resource, "fault.summary", summary);
        submit(
                d,
                new FormLayout(code, severity, resource, summary),
                fields,
                () -> nodes.injectHealth(
                        nodeId,
                        SimHealthRequest.fault(
                                code.getValue(), severity.getValue(), resource.getValue(), summary.getValue())),
                "simulate-fault-submit");
        return d;
    }

    private void submit(
            Dialog d,
            FormLayout form,
            Map<String, HasValidation> fields,
            java.util.function.Supplier<NodeHealthReport> call,
            String id) {
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        form.setWidth("28em");
        d.add(form);
        Button ok = new Button("Apply", e -> {
            FieldErrors.clear(fields);
            try {
                changed.accept(call.get());
                d.close();
            } catch (ZoneDeckException ex) {
                if (!FieldErrors.show(ex, fields)) {
                    Notification.show(ex.getMessage());
                }
            }
        });
        ok.setId(id);
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        d.getFooter().add(new Button("Cancel", e -> d.close()), ok);
    }

    private void apply(java.util.function.Supplier<NodeHealthReport> call, String done) {
        try {
            changed.accept(call.get());
            Notification.show(done);
        } catch (ZoneDeckException ex) {
            Notification.show(ex.getMessage());
        }
    }

    static List<String> fmris(NodeHealthReport r) {
        return r.services().stream().map(SmfService::fmri).toList();
    }
}
