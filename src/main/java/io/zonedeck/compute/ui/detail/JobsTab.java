package io.zonedeck.compute.ui.detail;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import io.zonedeck.base.ui.StateBadge;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineDetail;
import io.zonedeck.compute.MachineService;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The machine's last fifty jobs, newest first: state, live progress of the running one, current step, and on
 * opening a row its completed steps with their results and its error. The newest job is open by default.
 */
public class JobsTab extends VerticalLayout implements MachineTab {
    private final MachineService machines;
    private final UUID id;
    private final Grid<JobInfo> grid = new Grid<>(JobInfo.class, false);
    private final Set<UUID> closed = new HashSet<>();
    private final Set<UUID> opened = new HashSet<>();
    private List<JobInfo> shown = List.of();

    public JobsTab(MachineService machines, UUID id) {
        this.machines = machines;
        this.id = id;
        setPadding(false);
        Paragraph hint = new Paragraph("Click a job to see its steps.");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        grid.setId("jobs-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No jobs yet.");
        grid.addColumn(JobInfo::action).setHeader("Action").setKey("action").setAutoWidth(true);
        grid.addComponentColumn(j -> new StateBadge(j.state()))
                .setHeader("State")
                .setKey("state")
                .setAutoWidth(true);
        grid.addComponentColumn(JobsTab::progress)
                .setHeader("Progress")
                .setKey("progress")
                .setWidth("160px")
                .setFlexGrow(0);
        grid.addColumn(JobInfo::step).setHeader("Step").setKey("step").setFlexGrow(1);
        grid.addColumn(j -> Facts.time(j.createdAt()))
                .setHeader("Started")
                .setKey("createdAt")
                .setAutoWidth(true);
        grid.addColumn(j -> Facts.time(j.finishedAt()))
                .setHeader("Finished")
                .setKey("finishedAt")
                .setAutoWidth(true);
        grid.addColumn(JobInfo::createdBy).setHeader("By").setKey("createdBy").setAutoWidth(true);
        grid.setItemDetailsRenderer(new ComponentRenderer<>(JobsTab::details));
        grid.setDetailsVisibleOnClick(false);
        grid.addItemClickListener(e -> {
            UUID job = e.getItem().id();
            boolean open = !grid.isDetailsVisible(e.getItem());
            (open ? opened : closed).add(job);
            (open ? closed : opened).remove(job);
            grid.setDetailsVisible(e.getItem(), open);
        });
        add(hint, grid);
    }

    private static Component progress(JobInfo j) {
        if (j.active()) {
            ProgressBar bar = new ProgressBar(0, 100, j.progress());
            bar.addClassName("job-progress");
            Span pct = new Span(j.progress() + "%");
            Div box = new Div(bar, pct);
            box.setWidthFull();
            return box;
        }
        return new Span("succeeded".equals(j.state()) ? "100%" : j.progress() + "%");
    }

    private static Component details(JobInfo j) {
        Div box = new Div();
        box.addClassName("job-details");
        box.getElement().setAttribute("data-job", j.id().toString());
        if (j.steps().isEmpty()) {
            box.add(new Span("No step completed yet."));
        } else {
            OrderedList steps = new OrderedList();
            steps.addClassName("job-steps");
            steps.getStyle().set("margin", "0");
            j.steps().forEach(s -> steps.add(new ListItem(s)));
            box.add(steps);
        }
        if (j.error() != null && !j.error().isBlank()) {
            Paragraph error = new Paragraph("Error: " + j.error());
            error.addClassNames("zd-error", "job-error");
            error.getStyle().set("white-space", "pre-wrap").set("overflow-wrap", "anywhere");
            box.add(error);
        }
        return box;
    }

    /** The jobs as the grid shows them, newest first. */
    public List<JobInfo> shown() {
        return shown;
    }

    @Override
    public void show(MachineDetail machine, Optional<JobInfo> active) {
        List<JobInfo> jobs = machines.jobs(id);
        if (jobs.equals(shown)) {
            return;
        }
        shown = jobs;
        grid.setItems(jobs);
        grid.getElement()
                .setAttribute(
                        "data-jobs",
                        String.join(
                                ",",
                                jobs.stream()
                                        .map(j -> j.action() + ":" + j.state())
                                        .toList()));
        for (int i = 0; i < jobs.size(); i++) {
            JobInfo j = jobs.get(i);
            boolean open = opened.contains(j.id()) || (i == 0 && !closed.contains(j.id()));
            grid.setDetailsVisible(j, open);
        }
    }
}
