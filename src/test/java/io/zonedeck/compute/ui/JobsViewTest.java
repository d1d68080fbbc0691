package io.zonedeck.compute.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.zonedeck.compute.JobInfo;
import io.zonedeck.compute.JobQuery;
import io.zonedeck.compute.JobService;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import io.zonedeck.tenancy.TenantService;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The jobs page: scoped to the tenant by the service, everything for operators. */
class JobsViewTest extends KaribuViewTest {
    @Autowired
    TenantService tenants;

    @Autowired
    JobService jobs;

    private UUID tenant(String name) {
        return tenants.findByName(name).orElseThrow().id();
    }

    @Test
    void tenant_user_sees_only_own_tenants_jobs_and_no_tenant_column() {
        signIn("bob");
        UI.getCurrent().navigate("jobs");
        assertThat(KaribuViewTest.<JobInfo>rows("jobs-grid"))
                .isNotEmpty()
                .extracting(JobInfo::tenantId)
                .containsOnly(tenant("globex"));
        assertThat(_get(Grid.class, spec -> spec.withId("jobs-grid")).getColumnByKey("tenant"))
                .isNull();
        assertThat(_find(SideNavItem.class)).extracting(SideNavItem::getLabel).contains("Machines", "Jobs");
    }

    @Test
    void other_tenant_sees_its_own_jobs_and_operator_sees_all_with_tenants() {
        signIn("alice");
        UI.getCurrent().navigate("jobs");
        assertThat(KaribuViewTest.<JobInfo>rows("jobs-grid"))
                .isNotEmpty()
                .extracting(JobInfo::tenantId)
                .containsOnly(tenant("acme"));

        signIn("operator");
        UI.getCurrent().navigate("machines");
        UI.getCurrent().navigate("jobs");
        assertThat(KaribuViewTest.<JobInfo>rows("jobs-grid"))
                .extracting(JobInfo::tenantId)
                .contains(tenant("acme"), tenant("globex"));
        assertThat(_get(Grid.class, spec -> spec.withId("jobs-grid")).getColumnByKey("tenant"))
                .isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void state_filter_shows_only_jobs_in_that_state() {
        As.user(
                users,
                "operator",
                () -> Eventually.until(
                        Duration.ofSeconds(30),
                        () -> jobs.count(new JobQuery("succeeded", null, null)),
                        n -> n > 0,
                        "a finished job"));
        signIn("alice");
        UI.getCurrent().navigate("jobs");
        Select<String> state = _get(Select.class, spec -> spec.withId("jobs-filter-state"));
        state.setValue("succeeded");
        assertThat(KaribuViewTest.<JobInfo>rows("jobs-grid"))
                .isNotEmpty()
                .extracting(JobInfo::state)
                .containsOnly("succeeded");
        state.setValue("active");
        assertThat(KaribuViewTest.<JobInfo>rows("jobs-grid"))
                .extracting(JobInfo::state)
                .doesNotContain("succeeded", "failed");
    }
}
