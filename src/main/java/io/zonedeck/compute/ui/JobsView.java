package io.zonedeck.compute.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.zonedeck.base.ui.LiveUpdates;
import io.zonedeck.base.ui.StateBadge;
import io.zonedeck.compute.ChangeFeed;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.JobQuery;
import io.zonedeck.compute.JobService;
import io.zonedeck.compute.MachineService;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.tenancy.TenantService;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jobs, newest first: the caller's tenant's (the service scopes them), every tenant's for operators. Progress
 * moves live while active jobs are on screen.
 */
@Route("jobs")
@PageTitle("Jobs · ZoneDeck")
@PermitAll
public class JobsView extends VerticalLayout {
    static final List<String> ACTIONS = List.of(
            "create",
            "start",
            "stop",
            "reboot",
            "delete",
            "resize",
            "rename",
            "update-tags",
            "update-metadata",
            "add-nic",
            "remove-nic",
            "snapshot",
            "rollback",
            "delete-snapshot",
            "throttle");
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final MachineService machines;
    private final Grid<JobInfo> grid = new Grid<>();
    private final Select<String> state = new Select<>();
    private final Select<String> action = new Select<>();
    private final TextField search = new TextField();
    /** Whether a machine still exists, asked once per machine; a finished delete job settles it. */
    private final Map<UUID, Boolean> exists = new ConcurrentHashMap<>();
    /** Active jobs among the rows fetched last; while there are any, the grid refreshes every second. */
    private final Set<UUID> activeShown = ConcurrentHashMap.newKeySet();

    private long seenVersion = -1;

    public JobsView(
            JobService jobs,
            MachineService machines,
            TenantService tenants,
            CurrentCaller currentCaller,
            ChangeFeed changes,
            LiveUpdates live) {
        this.machines = machines;
        addClassName("zd-page");
        setSizeFull();
        boolean operator = currentCaller.get().isOperator();

        H2 title = new H2(operator ? "All jobs" : "Jobs");
        title.getStyle().set("margin", "0");

        state.setId("jobs-filter-state");
        state.setItems("active", "queued", "running", "succeeded", "failed");
        state.setEmptySelectionAllowed(true);
        state.setEmptySelectionCaption("Any state");
        state.setPlaceholder("Any state");
        state.setAriaLabel("State");
        action.setId("jobs-filter-action");
        action.setItems(ACTIONS);
        action.setEmptySelectionAllowed(true);
        action.setEmptySelectionCaption("Any action");
        action.setPlaceholder("Any action");
        action.setAriaLabel("Action");
        search.setId("jobs-search");
        search.setPlaceholder("Machine or user");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setAriaLabel("Search jobs");
        state.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        action.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        HorizontalLayout bar = new HorizontalLayout(search, state, action);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.getStyle().set("flex-wrap", "wrap");

        Map<UUID, String> tenantNames = operator ? new ConcurrentHashMap<>(tenants.names()) : Map.of();
        grid.setId("jobs-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(j -> WHEN.format(j.createdAt()))
                .setHeader("When")
                .setAutoWidth(true)
                .setKey("when");
        grid.addComponentColumn(this::machineCell)
                .setHeader("Machine")
                .setAutoWidth(true)
                .setKey("machine");
        if (operator) {
            grid.addColumn(j -> tenantNames.computeIfAbsent(
                            j.tenantId(), id -> tenants.names().getOrDefault(id, "?")))
                    .setHeader("Tenant")
                    .setAutoWidth(true)
                    .setKey("tenant");
        }
        grid.addColumn(JobInfo::action).setHeader("Action").setAutoWidth(true).setKey("action");
        grid.addColumn(JobInfo::createdBy).setHeader("Who").setAutoWidth(true).setKey("who");
        grid.addComponentColumn(j -> {
                    StateBadge b = new StateBadge(j.state());
                    b.getElement().setAttribute("data-job", j.id().toString());
                    return b;
                })
                .setHeader("State")
                .setAutoWidth(true)
                .setKey("state");
        grid.addComponentColumn(JobsView::progressCell)
                .setHeader("Progress")
                .setWidth("9em")
                .setFlexGrow(0)
                .setKey("progress");
        grid.addColumn(j -> j.step() == null ? "" : j.step())
                .setHeader("Step")
                .setFlexGrow(1)
                .setKey("step");
        grid.addComponentColumn(JobsView::errorCell)
                .setHeader("Error")
                .setFlexGrow(1)
                .setKey("error");
        grid.setItems(
                q -> {
                    List<JobInfo> page = jobs.page(query(), q.getOffset(), q.getLimit());
                    page.forEach(j -> {
                        if (j.active()) {
                            activeShown.add(j.id());
                        } else {
                            activeShown.remove(j.id());
                        }
                    });
                    return page.stream();
                },
                q -> jobs.count(query()));
        grid.setSizeFull();
        Span empty = new Span("No jobs match.");
        empty.setId("jobs-empty");
        grid.setEmptyStateComponent(empty);

        add(title, bar, grid);
        setFlexGrow(1, grid);

        live.subscribe(this, () -> {
            long v = changes.version();
            if (v != seenVersion || !activeShown.isEmpty()) {
                seenVersion = v;
                activeShown.clear();
                grid.getDataProvider().refreshAll();
            }
        });
        addAttachListener(e -> seenVersion = changes.version());
    }

    private JobQuery query() {
        String text = search.getValue();
        return new JobQuery(state.getValue(), action.getValue(), text == null || text.isBlank() ? null : text.trim());
    }

    private Component machineCell(JobInfo j) {
        if ("delete".equals(j.action()) && "succeeded".equals(j.state())) {
            exists.put(j.machineId(), false);
        }
        boolean there = j.machineId() != null
                && exists.computeIfAbsent(j.machineId(), id -> machines.find(id).isPresent());
        if (!there) {
            Span gone = new Span(j.machineName());
            gone.getElement().setAttribute("title", "This machine no longer exists");
            gone.getStyle().set("color", "var(--lumo-secondary-text-color)");
            gone.addClassName("job-machine-gone");
            return gone;
        }
        RouterLink link =
                new RouterLink(j.machineName(), MachineDetailView.class, MachineDetailView.params(j.machineId()));
        link.addClassName("job-machine-link");
        return link;
    }

    private static Component progressCell(JobInfo j) {
        if (!j.active()) {
            Span done = new Span("succeeded".equals(j.state()) ? "100%" : "—");
            done.getStyle().set("color", "var(--lumo-secondary-text-color)");
            return done;
        }
        ProgressBar bar = new ProgressBar(0, 100, Math.max(0, Math.min(100, j.progress())));
        bar.getElement().setAttribute("title", j.progress() + "%");
        bar.addClassName("job-progress");
        return bar;
    }

    private static Component errorCell(JobInfo j) {
        Span s = new Span(j.error() == null ? "" : j.error());
        s.addClassName("zd-error");
        s.getElement().setAttribute("title", j.error() == null ? "" : j.error());
        s.getStyle().set("white-space", "nowrap").set("overflow", "hidden").set("text-overflow", "ellipsis");
        return s;
    }
}
