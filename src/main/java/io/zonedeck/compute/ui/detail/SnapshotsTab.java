package io.zonedeck.compute.ui.detail;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineChanges;
import io.zonedeck.compute.MachineDetail;
import io.zonedeck.compute.SnapshotSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * ZFS snapshots of the machine: take one, roll back to one (newer ones are destroyed, a running machine
 * restarts), delete one. kvm has none on SmartOS: the tab says so instead.
 */
public class SnapshotsTab extends VerticalLayout implements MachineTab {
    static final String UNSUPPORTED = "kvm VMs have no snapshots on SmartOS; bhyve and zones do.";

    private final MachineChanges changes;
    private final UUID id;
    private final Runnable refresh;
    private final Button take = new Button("Take snapshot", VaadinIcon.CAMERA.create());
    private final Grid<SnapshotSummary> grid = new Grid<>(SnapshotSummary.class, false);
    private final Paragraph unsupported = new Paragraph(UNSUPPORTED);
    private final HorizontalLayout bar;
    private MachineDetail machine;
    private boolean busy;

    public SnapshotsTab(MachineChanges changes, UUID id, Runnable refresh) {
        this.changes = changes;
        this.id = id;
        this.refresh = refresh;
        setPadding(false);
        take.setId("take-snapshot");
        take.addClickListener(e -> new TakeSnapshotDialog(name -> {
                    JobInfo job = changes.createSnapshot(id, name);
                    refresh.run();
                    return job;
                })
                .open());
        Paragraph hint = new Paragraph("Snapshots are ZFS snapshots of the machine's datasets, on its node.");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        bar = new HorizontalLayout(take, hint);
        bar.setAlignItems(Alignment.CENTER);
        unsupported.setId("snapshots-unsupported");
        unsupported.addClassName("zd-card");

        grid.setId("snapshots-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No snapshots yet.");
        grid.addColumn(SnapshotSummary::name).setHeader("Name").setKey("name").setAutoWidth(true);
        grid.addColumn(s -> Facts.time(s.createdAt()))
                .setHeader("Taken at")
                .setKey("createdAt")
                .setAutoWidth(true);
        grid.addComponentColumn(this::buttons).setHeader("").setKey("actions").setAutoWidth(true);
        add(bar, grid, unsupported);
    }

    private Component buttons(SnapshotSummary s) {
        Button rollback = new Button("Roll back", VaadinIcon.ROTATE_LEFT.create(), e -> confirmRollback(s));
        rollback.addClassName("rollback-snapshot");
        rollback.getElement().setAttribute("data-snapshot", s.name());
        rollback.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Button delete = new Button("Delete", VaadinIcon.TRASH.create(), e -> confirmDelete(s));
        delete.addClassName("delete-snapshot");
        delete.getElement().setAttribute("data-snapshot", s.name());
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        rollback.setEnabled(!busy);
        delete.setEnabled(!busy);
        HorizontalLayout buttons = new HorizontalLayout(rollback, delete);
        buttons.setSpacing(false);
        buttons.getStyle().set("gap", "var(--lumo-space-s)");
        return buttons;
    }

    /** The snapshots newer than {@code s} (the list is oldest first): a rollback destroys them. */
    static List<SnapshotSummary> newerThan(List<SnapshotSummary> all, SnapshotSummary s) {
        List<SnapshotSummary> newer = new ArrayList<>();
        boolean after = false;
        for (SnapshotSummary x : all) {
            if (after) {
                newer.add(x);
            }
            after |= x.name().equals(s.name());
        }
        return newer;
    }

    private void confirmRollback(SnapshotSummary s) {
        String name = machine.summary().name();
        List<SnapshotSummary> newer = newerThan(machine.snapshots(), s);
        List<Component> body = new ArrayList<>();
        if (newer.isEmpty()) {
            body.add(new Paragraph("It is the newest snapshot: no other snapshot is destroyed."));
        } else {
            body.add(new Paragraph("These newer snapshots will be destroyed:"));
            UnorderedList list = new UnorderedList();
            list.setId("rollback-destroyed");
            newer.forEach(x -> list.add(new ListItem(x.name() + " (" + Facts.time(x.createdAt()) + ")")));
            body.add(list);
        }
        Paragraph restart = new Paragraph(
                "running".equals(machine.summary().state())
                        ? name + " is running: it is stopped, rolled back and started again."
                        : "A running machine would restart; " + name + " is "
                                + machine.summary().state() + ".");
        restart.setId("rollback-restart");
        body.add(restart);
        body.add(new Paragraph("Changes made since " + s.name() + " are lost."));
        new ConfirmAction(
                        "rollback-dialog",
                        "Roll back " + name + " to " + s.name() + "?",
                        "rollback-confirm",
                        "Roll back",
                        true,
                        () -> Attempt.run("Rollback", Map.of(), () -> changes.rollbackSnapshot(id, s.name()))
                                .ifPresent(j -> refresh.run()),
                        body.toArray(Component[]::new))
                .open();
    }

    private void confirmDelete(SnapshotSummary s) {
        new ConfirmAction(
                        "snapshot-delete-dialog",
                        "Delete snapshot " + s.name() + "?",
                        "snapshot-delete-confirm",
                        "Delete",
                        true,
                        () -> Attempt.run("Delete snapshot", Map.of(), () -> changes.deleteSnapshot(id, s.name()))
                                .ifPresent(j -> refresh.run()),
                        new Paragraph("The snapshot is destroyed on the node; the machine is not changed."))
                .open();
    }

    @Override
    public void show(MachineDetail m, Optional<JobInfo> active) {
        boolean wasBusy = busy;
        busy = MachineTab.busy(m, active);
        boolean supported = m.snapshotsSupported();
        bar.setVisible(supported);
        grid.setVisible(supported);
        unsupported.setVisible(!supported);
        unsupported.setText(m.nodeRefusesSnapshots() == null ? UNSUPPORTED : m.snapshotsUnsupportedReason());
        String state = m.summary().state();
        take.setEnabled(!busy && (state.equals("running") || state.equals("stopped")));
        if (machine == null || !m.snapshots().equals(machine.snapshots()) || wasBusy != busy) {
            grid.setItems(m.snapshots());
            // the names in order, for browser tests (a grid's DOM keeps recycled rows)
            grid.getElement()
                    .setAttribute(
                            "data-snapshots",
                            String.join(
                                    ",",
                                    m.snapshots().stream()
                                            .map(SnapshotSummary::name)
                                            .toList()));
        }
        machine = m;
    }
}
