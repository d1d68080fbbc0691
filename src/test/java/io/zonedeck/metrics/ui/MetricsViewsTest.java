package io.zonedeck.metrics.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockAccessDeniedException;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.server.VaadinServletRequest;
import io.zonedeck.metrics.Decomposition;
import io.zonedeck.metrics.MachineRef;
import io.zonedeck.metrics.Metric;
import io.zonedeck.metrics.MetricsService;
import io.zonedeck.security.UserService;
import io.zonedeck.support.As;
import io.zonedeck.support.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kotlin.jvm.functions.Function0;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** The datacenter overview (operators) and the analytics page (everyone, scoped) over the live demo datacenter. */
@SpringBootTest
@ActiveProfiles({"demo", "test"})
@DirtiesContext
class MetricsViewsTest {
    static Routes routes;

    @Autowired
    ApplicationContext ctx;

    @Autowired
    UserService users;

    @Autowired
    MetricsService metrics;

    @BeforeAll
    static void discoverRoutes() {
        routes = new Routes().autoDiscoverViews("io.zonedeck");
    }

    @BeforeEach
    void setUpVaadin() {
        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(routes, ctx, uiFactory));
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    void signIn(String user) {
        As.signIn(users, user);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(auth);
        request.setUserInRole((principal, role) ->
                auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role)));
    }

    /** Waits until every machine has a few seconds of samples (the sim agents tick once a second). */
    void awaitSamples() {
        Eventually.until(
                Duration.ofSeconds(60),
                () -> As.user(users, "operator", () -> metrics.top(Metric.CPU, 100, 10)),
                top -> top.size()
                        >= As.user(users, "operator", () -> metrics.visibleMachines())
                                        .size()
                                / 2,
                "CPU samples of the demo machines");
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> rows(String gridId) {
        Grid<T> grid = _get(Grid.class, spec -> spec.withId(gridId));
        return IntStream.range(0, GridKt._size(grid))
                .mapToObj(i -> GridKt._get(grid, i))
                .toList();
    }

    static OverviewView overview() {
        return _get(OverviewView.class);
    }

    static AnalyticsView analytics() {
        return _get(AnalyticsView.class);
    }

    @SuppressWarnings("unchecked")
    static <T> Select<T> select(String id) {
        return _get(Select.class, spec -> spec.withId(id));
    }

    @SuppressWarnings("unchecked")
    static <T> ComboBox<T> combo(String id) {
        return _get(ComboBox.class, spec -> spec.withId(id));
    }

    @Test
    void operator_sees_every_node_in_the_heatmap_capacity_and_the_top_machines() {
        awaitSamples();
        signIn("operator");
        UI.getCurrent().navigate("datacenter");
        assertThat(_find(SideNavItem.class)).extracting(SideNavItem::getLabel).contains("Datacenter", "Analytics");

        List<NodeHeatmap.Utilization> nodes = overview().heatmap().shown();
        assertThat(nodes).hasSize(metrics.nodes().size()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(nodes).allSatisfy(n -> {
            assertThat(n.cpuPct()).isNotNull().isBetween(0.0, 100.0);
            assertThat(n.memPct()).isNotNull().isPositive();
        });
        assertThat(overview().heatmap().getElement().getAttribute("data-nodes"))
                .isEqualTo(String.valueOf(nodes.size()));

        List<MetricsService.Ranked> top = rows("overview-top-cpu");
        assertThat(top).isNotEmpty().hasSizeLessThanOrEqualTo(OverviewView.TOP);
        assertThat(top).extracting(MetricsService.Ranked::value).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(rows("overview-top-io")).hasSizeLessThanOrEqualTo(OverviewView.TOP);

        long cpus = metrics.nodes().stream().mapToLong(n -> n.cpus()).sum();
        assertThat(overview().capacity().text())
                .contains("of " + cpus + " CPUs")
                .contains("GiB provisioned");

        // one chart per node, together showing every machine once
        var charts = overview().comparative().charts();
        assertThat(charts).hasSize(nodes.size());
        List<UUID> charted = charts.values().stream()
                .flatMap(c -> c.machines().stream())
                .map(MachineRef::id)
                .toList();
        assertThat(charted).doesNotHaveDuplicates();
        assertThat(Set.copyOf(charted))
                .isEqualTo(
                        metrics.visibleMachines().stream().map(MachineRef::id).collect(Collectors.toSet()));
    }

    @Test
    void clicking_a_top_machine_highlights_it_in_every_node_chart() {
        awaitSamples();
        signIn("operator");
        UI.getCurrent().navigate("datacenter");
        List<MetricsService.Ranked> top = rows("overview-top-cpu");
        MachineRef hot = top.get(0).machine();

        Grid<MetricsService.Ranked> grid = _get(Grid.class, spec -> spec.withId("overview-top-cpu"));
        GridKt._clickItem(grid, 0);

        assertThat(combo("overview-machine").getValue()).isEqualTo(hot);
        var charts = overview().comparative().charts();
        assertThat(charts.values()).allSatisfy(c -> assertThat(c.selected()).isEqualTo(hot.id()));
        NodeMachinesChart own = charts.get(hot.nodeId());
        assertThat(own.getElement().getAttribute("data-selected")).isEqualTo(hot.name());
        charts.forEach((node, c) -> {
            if (!node.equals(hot.nodeId())) {
                assertThat(c.getElement().getAttribute("data-selected")).isEmpty();
            }
        });

        combo("overview-machine").clear();
        assertThat(charts.values()).allSatisfy(c -> assertThat(c.selected()).isNull());
        assertThat(own.getElement().getAttribute("data-selected")).isEmpty();
    }

    @Test
    void a_tenant_is_denied_the_overview_and_has_no_menu_entry_for_it() {
        signIn("alice");
        UI.getCurrent().navigate("analytics");
        assertThat(_find(SideNavItem.class))
                .extracting(SideNavItem::getLabel)
                .contains("Analytics")
                .doesNotContain("Datacenter");
        assertThatThrownBy(() -> UI.getCurrent().navigate("datacenter")).isInstanceOf(MockAccessDeniedException.class);
        assertThat(_find(OverviewView.class)).isEmpty();
    }

    @Test
    void a_tenant_is_offered_only_own_machines_and_no_operator_decomposition_or_filter() {
        awaitSamples();
        signIn("alice");
        UI.getCurrent().navigate("analytics");

        Select<Decomposition> dec = select("analytics-decomposition");
        assertThat(dec.getListDataView().getItems().toList())
                .containsExactly(Decomposition.NONE, Decomposition.MACHINE, Decomposition.SYSCALL);
        assertThat(_find(ComboBox.class, spec -> spec.withId("analytics-node"))).isEmpty();
        assertThat(_find(ComboBox.class, spec -> spec.withId("analytics-tenant")))
                .isEmpty();
        ComboBox<MachineRef> machine = combo("analytics-machine");
        List<MachineRef> offered = machine.getListDataView().getItems().toList();
        assertThat(offered).isNotEmpty().extracting(MachineRef::tenantName).containsOnly("acme");

        // the default question: CPU by machine, her machines only
        assertThat(analytics().chart().showsHeatmap()).isFalse();
        assertThat(analytics().chart().seriesNames())
                .isNotEmpty()
                .isSubsetOf(offered.stream().map(MachineRef::name).toList());
    }

    @Test
    void a_bad_combination_shows_the_service_error_under_its_picker_and_changes_nothing() {
        awaitSamples();
        signIn("alice");
        UI.getCurrent().navigate("analytics");
        AnalyticsChart chart = analytics().chart();
        List<String> before = chart.seriesNames();
        assertThat(before).isNotEmpty();

        // a latency distribution is not decomposed by machine
        Select<String> metric = select("analytics-metric");
        metric.setValue("runq_latency");

        Select<Decomposition> dec = select("analytics-decomposition");
        assertThat(dec.isInvalid()).isTrue();
        assertThat(dec.getErrorMessage()).contains("not decomposed");
        assertThat(metric.isInvalid()).isFalse();
        assertThat(chart.showsHeatmap()).isFalse();
        assertThat(chart.seriesNames()).isEqualTo(before);

        // syscalls only split by system call
        metric.setValue(Metric.CPU.key());
        dec.setValue(Decomposition.SYSCALL);
        assertThat(dec.isInvalid()).isTrue();
        assertThat(dec.getErrorMessage()).contains("Only syscalls");

        // fixing it clears the error and draws
        metric.setValue(Metric.SYSCALLS.key());
        assertThat(dec.isInvalid()).isFalse();
        assertThat(chart.getElement().getAttribute("data-mode")).isEqualTo("lines");
    }

    @Test
    void switching_the_metric_to_run_queue_latency_shows_a_latency_heatmap() {
        awaitSamples();
        signIn("operator");
        UI.getCurrent().navigate("analytics");
        Select<Decomposition> dec = select("analytics-decomposition");
        assertThat(dec.getListDataView().getItems().toList()).contains(Decomposition.NODE, Decomposition.TENANT);
        dec.setValue(Decomposition.NONE);
        select("analytics-metric").setValue("runq_latency");

        AnalyticsChart chart = analytics().chart();
        assertThat(chart.showsHeatmap()).isTrue();
        assertThat(chart.getElement().getAttribute("data-mode")).isEqualTo("heatmap");
        assertThat(chart.seriesNames()).containsExactly("CPU run-queue latency");
        assertThat(dec.isInvalid()).isFalse();

        // a live tick keeps it a heatmap; back to a metric draws lines again
        analytics().tick();
        assertThat(chart.showsHeatmap()).isTrue();
        select("analytics-metric").setValue("cpu");
        assertThat(chart.showsHeatmap()).isFalse();
        assertThat(chart.seriesNames()).containsExactly(Metric.CPU.label());
    }

    @Test
    void operator_splits_by_tenant_and_a_live_tick_appends_without_redrawing() {
        awaitSamples();
        signIn("operator");
        UI.getCurrent().navigate("analytics");
        select("analytics-decomposition").setValue(Decomposition.TENANT);
        AnalyticsChart chart = analytics().chart();
        assertThat(chart.seriesNames()).contains("acme", "globex");
        List<String> names = chart.seriesNames();
        analytics().tick();
        assertThat(chart.seriesNames()).isEqualTo(names);
    }
}
