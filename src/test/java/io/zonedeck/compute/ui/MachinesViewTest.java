package io.zonedeck.compute.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
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
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinServletRequest;
import io.zonedeck.compute.MachineService;
import io.zonedeck.compute.MachineSummary;
import io.zonedeck.nodes.ui.NodesView;
import io.zonedeck.security.UserService;
import io.zonedeck.security.ui.LoginView;
import io.zonedeck.support.As;
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

/** Browserless view tests (Karibu): access control and tenant scoping as a user meets them. */
@SpringBootTest
@ActiveProfiles({"demo", "test"})
@DirtiesContext
class MachinesViewTest {
    static Routes routes;

    @Autowired
    ApplicationContext ctx;

    @Autowired
    UserService users;

    @Autowired
    MachineService machines;

    @BeforeAll
    static void discoverRoutes() {
        routes = new Routes().autoDiscoverViews("io.zonedeck");
    }

    @BeforeEach
    void setUp() {
        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(routes, ctx, uiFactory));
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    /** Karibu runs no servlet filters: sign in on the security context and on the fake request. */
    private void signIn(String user) {
        As.signIn(users, user);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(auth);
        request.setUserInRole((principal, role) ->
                auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role)));
    }

    @SuppressWarnings("unchecked")
    private static List<MachineSummary> rows() {
        Grid<MachineSummary> grid = _get(Grid.class, spec -> spec.withId("machines-grid"));
        return IntStream.range(0, GridKt._size(grid))
                .mapToObj(i -> GridKt._get(grid, i))
                .toList();
    }

    @Test
    void anonymous_user_lands_on_login() {
        UI.getCurrent().navigate("machines");
        assertThat(_find(LoginView.class)).hasSize(1);
        assertThat(_find(MachinesView.class)).isEmpty();
    }

    @Test
    void tenant_sees_only_own_machines_and_no_nodes() {
        signIn("bob");
        UI.getCurrent().navigate("machines");
        List<MachineSummary> rows = rows();
        assertThat(rows).isNotEmpty();
        assertThat(rows).extracting(MachineSummary::tenantName).containsOnly("globex");
        assertThat(rows).extracting(MachineSummary::nodeName).containsOnlyNulls();
        Grid<?> grid = _get(Grid.class, spec -> spec.withId("machines-grid"));
        assertThat(grid.getColumnByKey("node")).isNull();
    }

    @Test
    void operator_sees_every_tenant_with_nodes() {
        signIn("operator");
        UI.getCurrent().navigate("machines");
        assertThat(rows()).extracting(MachineSummary::tenantName).contains("acme", "globex");
        UI.getCurrent().navigate("nodes");
        assertThat(_find(NodesView.class)).hasSize(1);
    }

    @Test
    void tenant_cannot_open_the_nodes_page() {
        signIn("alice");
        assertThatThrownBy(() -> UI.getCurrent().navigate("nodes"))
                .isInstanceOf(com.github.mvysny.kaributesting.v10.MockAccessDeniedException.class);
        assertThat(_find(NodesView.class)).isEmpty();
    }

    @Test
    void invalid_name_is_shown_on_the_field_and_nothing_is_created() {
        signIn("alice");
        UI.getCurrent().navigate("machines");
        int before = machines.count();
        _click(_get(Button.class, spec -> spec.withId("create-machine")));
        TextField name = _get(TextField.class, spec -> spec.withId("wizard-name"));
        name.setValue("has spaces");
        _click(_get(Button.class, spec -> spec.withId("wizard-next")));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).contains("letters, digits");
        assertThat(machines.count()).isEqualTo(before);
    }

    @Test
    void operator_registering_an_unreachable_agent_gets_a_field_error() {
        signIn("operator");
        UI.getCurrent().navigate("nodes");
        _click(_get(Button.class, spec -> spec.withId("register-node")));
        _get(TextField.class, spec -> spec.withId("node-name")).setValue("far-node");
        TextField url = _get(TextField.class, spec -> spec.withId("node-url"));
        url.setValue("http://127.0.0.1:1");
        _get(com.vaadin.flow.component.textfield.PasswordField.class, spec -> spec.withId("node-credential"))
                .setValue("secret");
        _click(_get(Button.class, spec -> spec.withId("register-node-submit")));
        assertThat(url.isInvalid()).isTrue();
        assertThat(url.getErrorMessage()).isEqualTo("unreachable");
    }

    @Test
    @SuppressWarnings("unchecked")
    void pair_dialog_puts_a_rule_violation_on_its_field() {
        signIn("alice");
        UI.getCurrent().navigate("failover");
        _click(_get(Button.class, spec -> spec.withId("create-pair")));
        _get(TextField.class, spec -> spec.withId("pair-name")).setValue("same-twice");
        var a = _get(com.vaadin.flow.component.combobox.ComboBox.class, spec -> spec.withId("pair-machine-a"));
        var b = _get(com.vaadin.flow.component.combobox.ComboBox.class, spec -> spec.withId("pair-machine-b"));
        MachineSummary web01 = machines.list().stream()
                .filter(m -> m.name().equals("web-01"))
                .findFirst()
                .orElseThrow();
        a.setValue(web01);
        b.setValue(web01);
        _click(_get(Button.class, spec -> spec.withId("create-pair-submit")));
        assertThat(b.isInvalid()).isTrue();
        assertThat(b.getErrorMessage()).contains("two different machines");
        assertThat(a.isInvalid()).isFalse();
    }
}
