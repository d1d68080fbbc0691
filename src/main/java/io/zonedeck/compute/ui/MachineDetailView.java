package io.zonedeck.compute.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.base.ui.LiveUpdates;
import io.zonedeck.base.ui.StateBadge;
import io.zonedeck.compute.ChangeFeed;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.metrics.SeriesStore;
import io.zonedeck.metrics.ui.CpuChart;
import io.zonedeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** One machine: facts, live state and job progress, actions, and a live per-second CPU chart. */
@Route("machines/:id")
@PageTitle("Machine · ZoneDeck")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class MachineDetailView extends VerticalLayout implements BeforeEnterObserver {
    private final MachineService machines;
    private final SeriesStore series;
    private final ChangeFeed changes;
    private final H2 title = new H2();
    private final Span state = new Span();
    private final Div facts = new Div();
    private final Div jobBox = new Div();
    private final HorizontalLayout actions = new HorizontalLayout();
    private UUID id;
    private CpuChart cpu;
    private long seenVersion = -1;
    private Object rendered;

    public MachineDetailView(MachineService machines, SeriesStore series, ChangeFeed changes, LiveUpdates live) {
        this.machines = machines;
        this.series = series;
        this.changes = changes;
        addClassName("zd-page");
        setWidthFull();
        live.subscribe(this, this::tick);
    }

    private void tick() {
        if (id == null) {
            return;
        }
        cpu.pushNewPoints();
        long v = changes.version();
        if (v != seenVersion) {
            seenVersion = v;
            machines.find(id).ifPresentOrElse(this::renderIfChanged, this::gone);
        }
    }

    /**
     * Other machines' changes move the feed too: re-render (and so replace the action buttons) only when this
     * machine or its job changed, so a click is never lost to a refresh.
     */
    private void renderIfChanged(MachineSummary m) {
        Optional<JobInfo> job = machines.activeJob(m.id());
        if (!java.util.Arrays.asList(m, job).equals(rendered)) {
            render(m, job);
        }
    }

    public static RouteParameters params(UUID id) {
        return new RouteParameters("id", id.toString());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        id = null;
        Optional<UUID> parsed = event.getRouteParameters().get("id").flatMap(MachineDetailView::parse);
        Optional<MachineSummary> machine = parsed.flatMap(machines::find);
        if (machine.isEmpty()) {
            Paragraph p = new Paragraph("No such machine. It may have been deleted, or the link is wrong.");
            p.setId("machine-not-found");
            add(new H2("Machine not found"), p, new RouterLink("Back to machines", MachinesView.class));
            return;
        }
        id = machine.get().id();
        title.setId("machine-title");
        title.getStyle().set("margin", "0");
        state.setId("machine-state");
        HorizontalLayout header = new HorizontalLayout(title, state);
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        actions.setId("machine-actions");
        jobBox.setId("machine-job");
        facts.addClassName("zd-card");

        cpu = new CpuChart(series, id, 60_000);
        cpu.setId("cpu-chart");
        Div chartCard = new Div(new H3("CPU (% of one CPU, live)"), cpu);
        chartCard.addClassName("zd-card");
        chartCard.setWidthFull();

        add(new RouterLink("← Machines", MachinesView.class), header, actions, jobBox, facts, chartCard);
        render(machine.get());
        seenVersion = changes.version();
    }

    private void render(MachineSummary m) {
        render(m, machines.activeJob(m.id()));
    }

    private void render(MachineSummary m, Optional<JobInfo> job) {
        rendered = java.util.Arrays.asList(m, job);
        title.setText(m.name());
        state.removeAll();
        state.add(new StateBadge(m.state()));
        state.getElement().setAttribute("data-state", m.state());
        facts.removeAll();
        facts.add(factList(m));
        renderJob(job);
        renderActions(m);
    }

    private Div factList(MachineSummary m) {
        Div dl = new Div();
        dl.getElement().setAttribute("role", "list");
        dl.addClassName("zd-facts");
        fact(dl, "Brand", m.brand());
        fact(dl, "Image", m.imageName());
        fact(
                dl,
                "Package",
                m.packageName() + " (" + m.ramMiB() + " MiB RAM, " + m.diskGiB() + " GiB disk, cap " + m.cpuCap()
                        + "%)");
        fact(dl, "IP", m.ip() == null ? "–" : m.ip());
        if (m.nodeName() != null) {
            fact(dl, "Node", m.nodeName());
            fact(dl, "Tenant", m.tenantName());
        }
        fact(dl, "UUID", m.id().toString());
        fact(dl, "Created", m.createdAt().toString());
        if (m.error() != null) {
            fact(dl, "Last error", m.error()).addClassName("zd-error");
        }
        return dl;
    }

    private static Span fact(Div dl, String label, String value) {
        Span dt = new Span(label);
        dt.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Span dd = new Span(value == null ? "" : value);
        dd.getElement().setAttribute("data-fact", label.toLowerCase());
        dl.add(dt, dd);
        return dd;
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
        machines.recentJobs(id).stream()
                .filter(j -> "failed".equals(j.state()))
                .findFirst()
                .filter(j -> active.isEmpty())
                .ifPresent(j -> {
                    Span failed = new Span("Last " + j.action() + " failed: " + j.error());
                    failed.addClassName("zd-error");
                    failed.setId("job-error");
                    jobBox.add(failed);
                });
    }

    private void renderActions(MachineSummary m) {
        actions.removeAll();
        boolean busy = MachinesView.BUSY.contains(m.state());
        actions.add(
                action(
                        "start",
                        "Start",
                        VaadinIcon.PLAY,
                        machines::start,
                        !busy && (m.state().equals("stopped") || m.state().equals("failed"))),
                action(
                        "stop",
                        "Stop",
                        VaadinIcon.STOP,
                        machines::stop,
                        !busy && m.state().equals("running")),
                action(
                        "reboot",
                        "Reboot",
                        VaadinIcon.REFRESH,
                        machines::reboot,
                        !busy && m.state().equals("running")));
        Button delete = new Button("Delete", VaadinIcon.TRASH.create(), e -> confirmDelete(m));
        delete.setId("action-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.setEnabled(!busy);
        actions.add(delete);
    }

    private Button action(String key, String label, VaadinIcon icon, Function<UUID, JobInfo> call, boolean enabled) {
        Button b = new Button(label, icon.create(), e -> run(() -> call.apply(id), label));
        b.setId("action-" + key);
        b.setEnabled(enabled);
        return b;
    }

    private void confirmDelete(MachineSummary m) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("confirm-delete");
        confirm.setHeader("Delete " + m.name() + "?");
        confirm.setText("The machine and its disk are destroyed on its node. This cannot be undone.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Delete");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> run(() -> machines.delete(id), "Delete"));
        confirm.open();
    }

    private void run(java.util.function.Supplier<JobInfo> call, String label) {
        try {
            call.get();
            machines.find(id).ifPresent(this::render);
        } catch (ZoneDeckException ex) {
            Notification n =
                    Notification.show(label + " refused: " + ex.getMessage(), 5000, Notification.Position.MIDDLE);
            n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void gone() {
        id = null;
        removeAll();
        Paragraph p = new Paragraph("This machine has been deleted.");
        p.setId("machine-deleted");
        add(new H2("Machine deleted"), p, new RouterLink("Back to machines", MachinesView.class));
    }

    private static Optional<UUID> parse(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
