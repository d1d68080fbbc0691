package io.zonedeck.compute.ui.detail;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineChanges;
import io.zonedeck.compute.MachineDetail;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.metrics.SeriesStore;
import io.zonedeck.metrics.ui.CpuChart;
import io.zonedeck.nodes.HealthFlag;
import io.zonedeck.nodes.ui.HealthBadge;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/** Facts, resources, lifecycle actions with resize and rename, the running job and a live CPU chart. */
public class OverviewTab extends VerticalLayout implements MachineTab {
    private final MachineService machines;
    private final MachineChanges changes;
    private final CatalogService catalog;
    private final UUID id;
    private final Runnable refresh;
    private final HorizontalLayout actions = new HorizontalLayout();
    private final Div jobBox = new Div();
    private final Div facts = new Div();
    private final Div resources = new Div();
    private final CpuChart cpu;
    private final Function<UUID, HealthFlag> nodeHealth;

    public OverviewTab(
            MachineService machines,
            MachineChanges changes,
            CatalogService catalog,
            SeriesStore series,
            UUID id,
            Runnable refresh,
            Function<UUID, HealthFlag> nodeHealth) {
        this.machines = machines;
        this.nodeHealth = nodeHealth;
        this.changes = changes;
        this.catalog = catalog;
        this.id = id;
        this.refresh = refresh;
        setPadding(false);
        actions.setId("machine-actions");
        actions.getStyle().set("flex-wrap", "wrap");
        jobBox.setId("machine-job");
        facts.addClassName("zd-card");
        facts.add(new H3("Machine"));
        resources.addClassName("zd-card");
        resources.setId("machine-resources");
        FlexLayout cards = new FlexLayout(facts, resources);
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-m)");
        cards.setWidthFull();
        facts.getStyle().set("flex", "2 1 420px").set("min-width", "0");
        resources.getStyle().set("flex", "1 1 280px");

        cpu = new CpuChart(series, id, 60_000);
        cpu.setId("cpu-chart");
        Div chartCard = new Div(new H3("CPU (% of one CPU, live)"), cpu);
        chartCard.addClassName("zd-card");
        chartCard.setWidthFull();
        add(actions, jobBox, cards, chartCard);
    }

    /** Sends the CPU points that arrived since the last tick. */
    public void tick() {
        cpu.pushNewPoints();
    }

    @Override
    public void show(MachineDetail d, Optional<JobInfo> active) {
        MachineSummary m = d.summary();
        facts.removeAll();
        facts.add(heading("Machine"), factList(m, nodeHealth));
        resources.removeAll();
        resources.add(heading("Resources"), resourceList(d));
        renderJob(active);
        renderActions(d, active);
    }

    private static H3 heading(String text) {
        H3 h = new H3(text);
        h.getStyle().set("margin-top", "0");
        return h;
    }

    private static Div factList(MachineSummary m, Function<UUID, HealthFlag> nodeHealth) {
        Div dl = Facts.list();
        Facts.add(dl, "Brand", m.brand());
        Facts.add(dl, "Image", m.imageName());
        Facts.add(
                dl,
                "Package",
                m.packageName() + " (" + Facts.mib(m.ramMiB()) + " RAM, " + m.diskGiB() + " GiB disk, cap " + m.cpuCap()
                        + "%)");
        Facts.add(dl, "IP", m.ip() == null ? "–" : m.ip());
        if (m.nodeName() != null) {
            Facts.add(dl, "Node", m.nodeName()).add(new HealthBadge(nodeHealth.apply(m.nodeId())));
            Facts.add(dl, "Tenant", m.tenantName());
        }
        Facts.add(dl, "UUID", m.id().toString());
        Facts.add(dl, "Created", Facts.time(m.createdAt()));
        if (m.error() != null) {
            Facts.add(dl, "Last error", m.error()).addClassName("zd-error");
        }
        return dl;
    }

    private static Div resourceList(MachineDetail d) {
        MachineSummary m = d.summary();
        Div dl = Facts.list();
        if (Facts.isHvm(m.brand())) {
            Facts.add(dl, "vCPUs", String.valueOf(d.vcpus()));
        }
        Facts.add(dl, "RAM", Facts.mib(m.ramMiB()));
        Facts.add(dl, "Disk", m.diskGiB() + " GiB");
        Facts.add(dl, "CPU cap", m.cpuCap() + " % of one CPU");
        Facts.add(dl, "CPU shares", String.valueOf(d.cpuShares()));
        Facts.add(dl, "I/O priority", String.valueOf(d.zfsIoPriority()));
        Facts.add(dl, "Max swap", Facts.mib(d.maxSwapMiB()));
        Facts.add(dl, "Max LWPs", String.valueOf(d.maxLwps()));
        return dl;
    }

    private void renderJob(Optional<JobInfo> active) {
        jobBox.removeAll();
        active.ifPresent(j -> {
            ProgressBar bar = new ProgressBar(0, 100, j.progress());
            bar.setId("job-progress");
            bar.setWidth("320px");
            Span label = new Span(j.action() + ": " + j.step() + " (" + j.progress() + "%)");
            label.setId("job-step");
            jobBox.add(label, bar);
        });
        if (active.isEmpty()) {
            machines.recentJobs(id).stream()
                    .findFirst()
                    .filter(j -> "failed".equals(j.state()))
                    .ifPresent(j -> {
                        Span failed = new Span("Last " + j.action() + " failed: " + j.error());
                        failed.addClassName("zd-error");
                        failed.setId("job-error");
                        jobBox.add(failed);
                    });
        }
    }

    private void renderActions(MachineDetail d, Optional<JobInfo> active) {
        MachineSummary m = d.summary();
        boolean busy = MachineTab.busy(d, active);
        String state = m.state();
        actions.removeAll();
        actions.add(
                action(
                        "start",
                        "Start",
                        VaadinIcon.PLAY,
                        () -> machines.start(id),
                        !busy && (state.equals("stopped") || state.equals("failed"))),
                action("stop", "Stop", VaadinIcon.STOP, () -> machines.stop(id), !busy && state.equals("running")),
                action(
                        "reboot",
                        "Reboot",
                        VaadinIcon.REFRESH,
                        () -> machines.reboot(id),
                        !busy && state.equals("running")));
        boolean changeable = !busy && (state.equals("running") || state.equals("stopped"));
        Button resize = new Button(
                "Resize",
                VaadinIcon.EXPAND_SQUARE.create(),
                e -> new ResizeDialog(d, catalog.packages(), pkg -> after(changes.resize(id, pkg))).open());
        resize.setId("resize-machine");
        resize.setEnabled(changeable);
        Button rename = new Button(
                "Rename",
                VaadinIcon.EDIT.create(),
                e -> new RenameDialog(m.name(), name -> after(changes.rename(id, name))).open());
        rename.setId("rename-machine");
        rename.setEnabled(changeable);
        Button delete = new Button("Delete", VaadinIcon.TRASH.create(), e -> confirmDelete(m));
        delete.setId("action-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.setEnabled(!busy);
        actions.add(resize, rename, delete);
    }

    private JobInfo after(JobInfo job) {
        refresh.run();
        return job;
    }

    private Button action(String key, String label, VaadinIcon icon, Supplier<JobInfo> call, boolean enabled) {
        Button b = new Button(
                label, icon.create(), e -> Attempt.run(label, Map.of(), call).ifPresent(j -> refresh.run()));
        b.setId("action-" + key);
        b.setEnabled(enabled);
        return b;
    }

    private void confirmDelete(MachineSummary m) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("confirm-delete");
        confirm.setHeader("Delete " + m.name() + "?");
        confirm.setText("The machine, its disk and its snapshots are destroyed on its node. This cannot be undone.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Delete");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(
                e -> Attempt.run("Delete", Map.of(), () -> machines.delete(id)).ifPresent(j -> refresh.run()));
        confirm.open();
    }
}
