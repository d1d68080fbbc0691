package io.zonedeck.compute.ui.detail;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.MachineSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobsTabTest extends DetailViewTestBase {

    @Test
    @SuppressWarnings("unchecked")
    void jobs_are_listed_newest_first_with_the_newest_open_and_its_steps() {
        MachineSummary m = runningZone();
        open(m);
        click("action-stop");
        // while the stop job runs, the page's actions are disabled
        assertThat(_get(Button.class, spec -> spec.withId("resize-machine")).isEnabled())
                .isFalse();
        assertThat(_get(Button.class, spec -> spec.withId("action-delete")).isEnabled())
                .isFalse();
        selectTab("tab-jobs");
        List<JobInfo> jobs = rows("jobs-grid");
        assertThat(jobs).extracting(JobInfo::action).containsExactly("stop", "create");
        liveUntil(
                () -> rows("jobs-grid").stream()
                        .map(j -> (JobInfo) j)
                        .findFirst()
                        .filter(j -> j.state().equals("succeeded"))
                        .isPresent(),
                "the stop job succeeded in the grid");
        Grid<JobInfo> grid = _get(Grid.class, spec -> spec.withId("jobs-grid"));
        JobInfo newest =
                rows("jobs-grid").stream().map(j -> (JobInfo) j).findFirst().orElseThrow();
        assertThat(newest.steps()).isNotEmpty();
        assertThat(grid.isDetailsVisible(newest)).isTrue();
        selectTab("tab-overview");
        liveUntil(
                () -> _get(Button.class, spec -> spec.withId("action-start")).isEnabled(),
                "start enabled once the machine is stopped");
    }

    @Test
    void a_refused_action_shows_the_services_message() {
        MachineSummary m = runningZone();
        open(m);
        // another session starts a job after this page rendered its (still enabled) buttons
        machines.reboot(m.id());
        // the click of a browser that still shows the page from before (the live refresh may already have disabled
        // the button on the server, not in that browser)
        _get(Button.class, spec -> spec.withId("action-stop")).click();
        assertThat(com.github.mvysny.kaributesting.v10.NotificationsKt.getNotifications())
                .extracting(n -> n.getElement().getProperty("text"))
                .anySatisfy(t -> assertThat(t).contains("Stop refused").contains("is busy"));
        jobDone(m.id());
    }
}
