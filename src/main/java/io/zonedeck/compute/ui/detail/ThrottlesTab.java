package io.zonedeck.compute.ui.detail;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineChanges;
import io.zonedeck.compute.MachineDetail;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.ThrottleQuery;
import io.zonedeck.metrics.SeriesStore;
import io.zonedeck.metrics.ui.ThrottleChart;
import java.util.Optional;
import java.util.UUID;

/**
 * The machine's live throttles: one chart that explains cap, shares and burst against what the machine used and
 * wanted and how busy its node is, a short explanation, and the form that changes them (a job, with its progress
 * here).
 */
public class ThrottlesTab extends VerticalLayout implements MachineTab {
    /** The chart's window: five minutes of seconds. */
    static final long WINDOW_MILLIS = 300_000;

    private final ThrottleQuery query;
    private final MachineService machines;
    private final UUID id;
    private final ThrottleChart chart;
    private final ThrottleForm form;
    private final Div jobBox = new Div();

    public ThrottlesTab(
            ThrottleQuery query,
            MachineChanges changes,
            MachineService machines,
            SeriesStore series,
            UUID id,
            Runnable refresh) {
        this.query = query;
        this.machines = machines;
        this.id = id;
        setPadding(false);
        chart = new ThrottleChart(series, id, WINDOW_MILLIS);
        chart.setId("throttle-chart");
        Div chartCard = new Div(new H3("CPU: cap, shares and burst (live, % of one CPU)"), chart, explanation());
        chartCard.addClassName("zd-card");
        chartCard.setWidthFull();
        form = new ThrottleForm(request -> {
            JobInfo job = changes.throttle(id, request);
            refresh.run();
            return job;
        });
        form.setWidthFull();
        jobBox.setId("throttle-job");
        add(chartCard, jobBox, form);
    }

    private static UnorderedList explanation() {
        UnorderedList list = new UnorderedList(
                item(
                        "Cap (red)",
                        " is a hard ceiling: the machine never gets more, even when its node is idle. 100 % is one"
                                + " full CPU."),
                item(
                        "Shares",
                        " only matter when the node is full: when its machines want more than it has (the orange node"
                                + " demand above the dashed \"node full\" line). Then the CPU is split in proportion to"
                                + " the shares, and what one machine does not use goes to the others."),
                item(
                        "Burst",
                        ": with a baseline (green) below the cap, the machine may always use its baseline and run up"
                                + " to the cap while it has burst credit (purple, in seconds). Each second above the"
                                + " baseline spends one, each second at or below it earns one back."),
                item(
                        "Demand (dashed)",
                        " is what the workload wanted; the gap down to \"CPU used\" is what the throttles or a"
                                + " full node held back."));
        list.setId("throttle-explanation");
        list.getStyle()
                .set("color", "var(--lumo-secondary-text-color)")
                .set("font-size", "var(--lumo-font-size-s)")
                .set("margin", "var(--lumo-space-s) 0 0");
        return list;
    }

    private static ListItem item(String term, String text) {
        Span t = new Span(term);
        t.getStyle().set("font-weight", "600").set("color", "var(--lumo-body-text-color)");
        return new ListItem(t, new Span(text));
    }

    /** Sends the chart the seconds that arrived since the last tick. */
    public void tick() {
        chart.pushNewPoints();
    }

    @Override
    public void show(MachineDetail machine, Optional<JobInfo> active) {
        try {
            form.show(query.of(id), MachineTab.busy(machine, active));
        } catch (ZoneDeckException e) {
            return; // deleted meanwhile: the page shows that
        }
        jobBox.removeAll();
        active.ifPresent(j -> {
            ProgressBar bar = new ProgressBar(0, 100, j.progress());
            bar.setId("throttle-job-progress");
            bar.setWidth("320px");
            Span label = new Span(j.action() + ": " + j.step() + " (" + j.progress() + "%)");
            label.setId("throttle-job-step");
            jobBox.add(label, bar);
        });
        if (active.isEmpty()) {
            machines.recentJobs(id).stream()
                    .findFirst()
                    .filter(j -> "throttle".equals(j.action()) && "failed".equals(j.state()))
                    .ifPresent(j -> {
                        Span failed = new Span("The last throttle change failed (the old values stand): " + j.error());
                        failed.addClassName("zd-error");
                        failed.setId("throttle-job-error");
                        jobBox.add(failed);
                    });
        }
    }

    public ThrottleForm form() {
        return form;
    }

    public ThrottleChart chart() {
        return chart;
    }
}
