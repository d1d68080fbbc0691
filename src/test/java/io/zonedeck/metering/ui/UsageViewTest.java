package io.zonedeck.metering.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.zonedeck.metering.UsageRow;
import io.zonedeck.security.UserService;
import io.zonedeck.support.As;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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

/** The usage page over the demo's 14 days of history: own tenant for tenants, every tenant for operators. */
@SpringBootTest
@ActiveProfiles({"demo", "test"})
@DirtiesContext
class UsageViewTest {
    static Routes routes;

    @Autowired
    ApplicationContext ctx;

    @Autowired
    UserService users;

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

    /** Karibu runs no servlet filters: sign in on the security context and on the fake request. */
    void signIn(String user) {
        As.signIn(users, user);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        FakeRequest request = (FakeRequest)
                com.vaadin.flow.server.VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(auth);
        request.setUserInRole((principal, role) ->
                auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role)));
    }

    @SuppressWarnings("unchecked")
    static List<UsageRow> rows() {
        Grid<UsageRow> grid = _get(Grid.class, spec -> spec.withId("usage-grid"));
        return IntStream.range(0, GridKt._size(grid))
                .mapToObj(i -> GridKt._get(grid, i))
                .toList();
    }

    static UsageView view() {
        return _get(UsageView.class);
    }

    @Test
    void tenant_sees_the_last_seven_days_of_own_machines_charted_per_machine() {
        signIn("alice");
        UI.getCurrent().navigate("usage");
        assertThat(_find(SideNavItem.class)).extracting(SideNavItem::getLabel).contains("Usage");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(_get(DatePicker.class, spec -> spec.withId("usage-from")).getValue())
                .isEqualTo(today.minusDays(6));
        assertThat(_get(DatePicker.class, spec -> spec.withId("usage-to")).getValue())
                .isEqualTo(today);
        assertThat(rows()).isNotEmpty().extracting(UsageRow::tenantName).containsOnly("acme");
        assertThat(_get(Grid.class, spec -> spec.withId("usage-grid")).getColumnByKey("tenant"))
                .isNull();
        List<String> machines =
                rows().stream().map(UsageRow::machineName).distinct().toList();
        assertThat(view().chart().seriesNames()).containsExactlyInAnyOrderElementsOf(machines);
        assertThat(view().chart().getElement().getAttribute("data-series")).isEqualTo(String.valueOf(machines.size()));
        assertThat(_find(Select.class, spec -> spec.withId("usage-tenant"))).isEmpty();

        Anchor csv = _get(Anchor.class, spec -> spec.withId("usage-csv"));
        assertThat(csv.getHref()).isNotBlank();
        assertThat(csv.getElement().hasAttribute("download")).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void operator_sees_every_tenant_per_tenant_and_can_narrow_to_one() {
        signIn("operator");
        UI.getCurrent().navigate("usage");
        assertThat(rows()).extracting(UsageRow::tenantName).contains("acme", "globex");
        assertThat(view().chart().seriesNames()).containsExactlyInAnyOrder("acme", "globex");
        assertThat(_get(Grid.class, spec -> spec.withId("usage-grid")).getColumnByKey("tenant"))
                .isNotNull();

        Select<io.zonedeck.tenancy.Tenant> tenant = _get(Select.class, spec -> spec.withId("usage-tenant"));
        tenant.setValue(tenant.getListDataView()
                .getItems()
                .filter(t -> t.name().equals("globex"))
                .findFirst()
                .orElseThrow());
        assertThat(rows()).isNotEmpty().extracting(UsageRow::tenantName).containsOnly("globex");
        assertThat(view().chart().seriesNames()).containsExactly("globex");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_range_ending_before_it_starts_is_refused_on_the_field_and_an_empty_range_says_so() {
        signIn("alice");
        UI.getCurrent().navigate("usage");
        DatePicker from = _get(DatePicker.class, spec -> spec.withId("usage-from"));
        DatePicker to = _get(DatePicker.class, spec -> spec.withId("usage-to"));
        from.setValue(to.getValue().plusDays(2));
        assertThat(from.isInvalid()).isTrue();
        assertThat(from.getErrorMessage()).contains("after the end");

        from.setValue(LocalDate.of(2001, 1, 1));
        to.setValue(LocalDate.of(2001, 1, 7));
        assertThat(from.isInvalid()).isFalse();
        assertThat(rows()).isEmpty();
        assertThat(view().chart().seriesNames()).isEmpty();

        Select<UsageMetric> metric = _get(Select.class, spec -> spec.withId("usage-metric"));
        metric.setValue(UsageMetric.NETWORK_GIB);
        assertThat(view().chart().getElement().getAttribute("data-series")).isEqualTo("0");
    }
}
