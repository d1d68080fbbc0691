package io.zonedeck.audit.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinServletRequest;
import io.zonedeck.audit.AuditEvent;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.compute.MachineService;
import io.zonedeck.security.UserService;
import io.zonedeck.support.As;
import io.zonedeck.tenancy.TenantService;
import java.util.List;
import java.util.UUID;
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

/** The audit page: the service scopes it to the tenant; filters narrow it; denied views are recorded. */
@SpringBootTest
@ActiveProfiles({"demo", "test"})
@DirtiesContext
class AuditViewTest {
    static Routes routes;

    @Autowired
    ApplicationContext ctx;

    @Autowired
    UserService users;

    @Autowired
    TenantService tenants;

    @Autowired
    MachineService machines;

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
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(auth);
        request.setUserInRole((principal, role) ->
                auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role)));
    }

    @SuppressWarnings("unchecked")
    static List<AuditEvent> rows() {
        Grid<AuditEvent> grid = _get(Grid.class, spec -> spec.withId("audit-grid"));
        return IntStream.range(0, GridKt._size(grid))
                .mapToObj(i -> GridKt._get(grid, i))
                .toList();
    }

    UUID tenant(String name) {
        return tenants.findByName(name).orElseThrow().id();
    }

    /** A refused start of a missing machine: one record in the user's tenant. */
    void refusedStart(String user) {
        As.user(users, user, () -> {
            assertThatThrownBy(() -> machines.start(UUID.randomUUID())).isInstanceOf(ZoneDeckException.class);
            return null;
        });
    }

    @Test
    void a_tenant_user_sees_only_own_tenants_records_and_no_tenant_column() {
        refusedStart("alice");
        refusedStart("bob");
        signIn("bob");
        UI.getCurrent().navigate("audit");
        assertThat(rows()).isNotEmpty().extracting(AuditEvent::tenantId).containsOnly(tenant("globex"));
        assertThat(rows()).extracting(AuditEvent::action).contains("machine.start");
        assertThat(_get(Grid.class, spec -> spec.withId("audit-grid")).getColumnByKey("tenant"))
                .isNull();
        assertThat(_find(SideNavItem.class)).extracting(SideNavItem::getLabel).contains("Audit log");
        assertThat(_get(Anchor.class, spec -> spec.withId("audit-csv")).getHref())
                .isNotBlank();
    }

    @Test
    void an_operator_sees_every_tenants_records_with_a_tenant_column() {
        refusedStart("alice");
        refusedStart("bob");
        signIn("operator");
        UI.getCurrent().navigate("audit");
        assertThat(rows()).extracting(AuditEvent::tenantId).contains(tenant("acme"), tenant("globex"));
        assertThat(_get(Grid.class, spec -> spec.withId("audit-grid")).getColumnByKey("tenant"))
                .isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void filters_narrow_the_records() {
        refusedStart("alice");
        signIn("alice");
        // an operator's view: denied and recorded (Karibu's access-denied view throws)
        assertThatThrownBy(() -> UI.getCurrent().navigate("nodes")).isInstanceOf(RuntimeException.class);
        UI.getCurrent().navigate("audit");
        assertThat(rows()).extracting(AuditEvent::action).contains("machine.start", "access.denied");

        ComboBox<String> action = _get(ComboBox.class, spec -> spec.withId("audit-action"));
        action.setValue("access.");
        assertThat(rows()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.action()).isEqualTo("access.denied");
            assertThat(e.username()).isEqualTo("alice");
        });
        assertThat(rows()).extracting(AuditEvent::target).contains("nodes");

        action.clear();
        ComboBox<String> result = _get(ComboBox.class, spec -> spec.withId("audit-result"));
        result.setValue("NotFound");
        assertThat(rows()).isNotEmpty().extracting(AuditEvent::result).containsOnly("NotFound");

        result.clear();
        _get(TextField.class, spec -> spec.withId("audit-search")).setValue("no-such-thing-anywhere");
        assertThat(rows()).isEmpty();
    }
}
