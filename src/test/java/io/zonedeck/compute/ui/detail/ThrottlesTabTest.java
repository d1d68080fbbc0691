package io.zonedeck.compute.ui.detail;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.IntegerField;
import io.zonedeck.compute.MachineQuery;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.compute.ThrottleQuery;
import io.zonedeck.metrics.ui.ThrottleChart;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Throttles tab: package defaults and bounds on the form, refusals on the fields, overrides, the live chart. */
class ThrottlesTabTest extends DetailViewTestBase {
    @Autowired
    ThrottleQuery throttles;

    private static IntegerField field(String property) {
        return _get(IntegerField.class, spec -> spec.withId("throttle-" + property));
    }

    private static ThrottleForm form() {
        return _get(ThrottleForm.class, spec -> spec.withId("throttle-form"));
    }

    private void openThrottles(MachineSummary m) {
        open(m);
        selectTab("tab-throttles");
    }

    @Test
    void a_tenant_admin_sees_the_package_defaults_and_her_bounds() {
        MachineSummary m = runningZone(); // g1-nano: cap 25, shares 50, zfs_io_priority 50, 512 MiB, 500 lwps
        openThrottles(m);
        assertThat(field("cpu_cap").getValue()).isEqualTo(25);
        assertThat(field("cpu_cap").getHelperText())
                .contains("cpu_cap")
                .contains("package g1-nano: 25 %")
                .contains("you may set 1–25");
        assertThat(field("cpu_shares").getHelperText()).contains("you may set 1–50");
        assertThat(field("cpu_baseline").getHelperText()).contains("package g1-nano: none");
        assertThat(field("max_physical_memory").getValue()).isEqualTo(512);
        assertThat(field("cpu_cap").isReadOnly()).isFalse();
        assertThat(form().overridden("cpu_cap")).isFalse();
        assertThat(_find(Paragraph.class, spec -> spec.withId("throttles-readonly")))
                .isEmpty(); // Karibu finds visible components only
        assertThat(_find(ThrottleChart.class, spec -> spec.withId("throttle-chart")))
                .hasSize(1);
    }

    @Test
    void values_beyond_the_package_are_refused_on_their_fields_and_nothing_changes() {
        MachineSummary m = runningZone();
        openThrottles(m);
        field("cpu_cap").setValue(60);
        field("max_lwps").setValue(900);
        click("throttles-save");
        assertThat(field("cpu_cap").isInvalid()).isTrue();
        assertThat(field("cpu_cap").getErrorMessage())
                .contains("between 1 and 25")
                .contains("g1-nano");
        assertThat(field("max_lwps").isInvalid()).isTrue();
        assertThat(field("max_lwps").getErrorMessage()).contains("at most 500");
        assertThat(machines.jobs(m.id())).extracting(j -> j.action()).doesNotContain("throttle");

        // a baseline above the cap is refused on the baseline
        field("cpu_cap").setValue(25);
        field("max_lwps").setValue(500);
        field("cpu_baseline").setValue(40);
        click("throttles-save");
        assertThat(field("cpu_baseline").isInvalid()).isTrue();
        assertThat(field("cpu_baseline").getErrorMessage()).contains("at most the cpu_cap (25 %)");

        // an empty field never reaches the service
        field("cpu_baseline").clear();
        click("throttles-save");
        assertThat(field("cpu_baseline").isInvalid()).isTrue();
        assertThat(field("cpu_baseline").getErrorMessage()).startsWith("Enter a whole number");
        assertThat(machines.jobs(m.id())).extracting(j -> j.action()).doesNotContain("throttle");
    }

    @Test
    void saving_within_bounds_runs_a_job_and_marks_the_overrides() {
        MachineSummary m = runningZone();
        openThrottles(m);
        field("cpu_cap").setValue(20);
        field("cpu_baseline").setValue(10);
        field("cpu_burst_seconds").setValue(30);
        field("disk_bps_max").setValue(8); // MiB/s
        click("throttles-save");
        assertThat(machines.jobs(m.id()).get(0).action()).isEqualTo("throttle");
        assertThat(jobDone(m.id()).state()).isEqualTo("succeeded");
        liveUntil(
                () -> form().overridden("cpu_cap")
                        && form().overridden("disk_bps_max")
                        && _get(
                                        com.vaadin.flow.component.button.Button.class,
                                        spec -> spec.withId("throttles-defaults"))
                                .isEnabled(),
                "override badges and the form ready again");
        assertThat(form().overridden("cpu_shares")).isFalse();
        assertThat(throttles.of(m.id()).value("disk_bps_max")).isEqualTo(8L * 1024 * 1024);
        assertThat(throttles.of(m.id()).value("cpu_baseline")).isEqualTo(10);
        assertThat(field("cpu_cap").getValue()).isEqualTo(20);

        // back to the package
        click("throttles-defaults");
        assertThat(field("cpu_cap").getValue()).isEqualTo(25);
        assertThat(field("cpu_baseline").getValue()).isZero();
        click("throttles-save");
        assertThat(jobDone(m.id()).state()).isEqualTo("succeeded");
        liveUntil(() -> !form().overridden("cpu_cap") && !form().overridden("disk_bps_max"), "no overrides");
    }

    @Test
    void the_chart_follows_the_machine_live() {
        MachineSummary m = runningZone();
        openThrottles(m);
        ThrottleChart chart = _get(ThrottleChart.class, spec -> spec.withId("throttle-chart"));
        liveUntil(() -> "25.0".equals(chart.getElement().getAttribute("data-cap")), "the cap on the chart");
        field("cpu_cap").setValue(10);
        click("throttles-save");
        jobDone(m.id());
        liveUntil(() -> "10.0".equals(chart.getElement().getAttribute("data-cap")), "the new cap on the chart");
        assertThat(Double.parseDouble(chart.getElement().getAttribute("data-cpu")))
                .isLessThanOrEqualTo(10.0);
    }

    @Test
    void an_operator_overrides_beyond_the_package() {
        MachineSummary m = runningZone();
        signIn("operator");
        openThrottles(m);
        assertThat(field("cpu_cap").getHelperText()).doesNotContain("you may set");
        field("cpu_cap").setValue(300);
        field("max_physical_memory").setValue(1024);
        click("throttles-save");
        assertThat(jobDone(m.id()).state()).isEqualTo("succeeded");
        liveUntil(() -> form().overridden("cpu_cap") && form().overridden("max_physical_memory"), "overrides");
        assertThat(throttles.of(m.id()).get("cpu_cap").packageDefault()).isEqualTo(25);
    }

    @Test
    void a_tenant_user_sees_the_throttles_read_only() {
        signIn("bob");
        MachineSummary shop =
                machines.page(MachineQuery.all().withSearch("shop-01"), 0, 1).get(0);
        openThrottles(shop);
        assertThat(field("cpu_cap").isReadOnly()).isTrue();
        assertThat(_get(Paragraph.class, spec -> spec.withId("throttles-readonly"))
                        .isVisible())
                .isTrue();
        assertThat(_find(Button.class, spec -> spec.withId("throttles-save"))).isEmpty();
    }
}
