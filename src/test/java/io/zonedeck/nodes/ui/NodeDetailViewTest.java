package io.zonedeck.nodes.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.ContextMenuKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockAccessDeniedException;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinServletRequest;
import io.zonedeck.agent.api.FmaFault;
import io.zonedeck.agent.api.SmfService;
import io.zonedeck.nodes.Node;
import io.zonedeck.nodes.NodeRegistry;
import io.zonedeck.nodes.NodeService;
import io.zonedeck.security.UserService;
import io.zonedeck.support.As;
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

/** Browserless tests of the node page: services and faults, the Simulate menu with its field errors, access. */
@SpringBootTest
@ActiveProfiles({"demo", "test"})
@DirtiesContext
class NodeDetailViewTest {
    static Routes routes;

    @Autowired
    ApplicationContext ctx;

    @Autowired
    UserService users;

    @Autowired
    NodeRegistry registry;

    @Autowired
    NodeService nodes;

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
        As.user(users, "operator", () -> nodes.clearHealth(node().id()));
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    private void signIn(String user) {
        As.signIn(users, user);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(auth);
        request.setUserInRole((principal, role) ->
                auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role)));
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> rows(String gridId) {
        Grid<T> grid = _get(Grid.class, spec -> spec.withId(gridId));
        return IntStream.range(0, GridKt._size(grid))
                .mapToObj(i -> GridKt._get(grid, i))
                .toList();
    }

    Node node() {
        return registry.all().get(0);
    }

    /** The red badge in the page header (present but invisible while the node is healthy). */
    private Span flag() {
        return (Span) _get(Span.class, spec -> spec.withId("node-health-flag"))
                .getChildren()
                .filter(c -> c instanceof HealthBadge)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void the_node_page_lists_services_and_a_fault_injected_from_the_simulate_menu() {
        signIn("operator");
        Node n = node();
        UI.getCurrent().navigate(NodeDetailView.class, NodeDetailView.params(n.id()));
        assertThat(_get(H2.class, spec -> spec.withId("node-title")).getText()).isEqualTo(n.name());
        List<SmfService> services = rows("node-services");
        assertThat(services).hasSizeGreaterThanOrEqualTo(15);
        assertThat(services)
                .filteredOn(s -> s.fmri().equals("svc:/system/zones:default"))
                .singleElement()
                .extracting(SmfService::state)
                .isEqualTo("online");
        assertThat(_get(Paragraph.class, spec -> spec.withId("node-no-faults")).isVisible())
                .isTrue();
        assertThat(flag().isVisible()).isFalse();

        MenuBar simulate = _get(MenuBar.class, spec -> spec.withId("node-simulate"));
        ContextMenuKt._clickItemWithID(simulate, "simulate-fault");
        _get(TextField.class, spec -> spec.withId("simulate-fault-resource")).setValue("zfs://pool=zones/vdev=c9t9d0");
        _click(_get(Button.class, spec -> spec.withId("simulate-fault-submit")));

        List<FmaFault> faults = rows("node-faults");
        assertThat(faults).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("ZFS-8000-FD");
            assertThat(f.severity()).isEqualTo("Major");
            assertThat(f.resource()).isEqualTo("zfs://pool=zones/vdev=c9t9d0");
        });
        assertThat(flag().isVisible()).isTrue();
        assertThat(flag().getText()).isEqualTo("1 fault");

        ContextMenuKt._clickItemWithID(simulate, "simulate-service");
        _get(ComboBox.class, spec -> spec.withId("simulate-service-state")).setValue("maintenance");
        _click(_get(Button.class, spec -> spec.withId("simulate-service-submit")));
        assertThat(rows("node-services"))
                .first()
                .satisfies(s -> assertThat(((SmfService) s).state()).isEqualTo("maintenance"));
        assertThat(flag().getText()).isEqualTo("1 fault · 1 service");

        ContextMenuKt._clickItemWithID(simulate, "simulate-clear");
        assertThat(_get(Paragraph.class, spec -> spec.withId("node-no-faults")).isVisible())
                .isTrue();
        assertThat(flag().isVisible()).isFalse();
    }

    @Test
    void a_bad_fault_shows_its_field_errors_in_the_dialog_and_injects_nothing() {
        signIn("operator");
        UI.getCurrent().navigate(NodeDetailView.class, NodeDetailView.params(node().id()));
        ContextMenuKt._clickItemWithID(_get(MenuBar.class, spec -> spec.withId("node-simulate")), "simulate-fault");
        TextField code = _get(TextField.class, spec -> spec.withId("simulate-fault-code"));
        code.setValue("not a code");
        TextField resource = _get(TextField.class, spec -> spec.withId("simulate-fault-resource"));
        resource.setValue("");
        _click(_get(Button.class, spec -> spec.withId("simulate-fault-submit")));
        assertThat(code.isInvalid()).isTrue();
        assertThat(code.getErrorMessage()).contains("ZFS-8000-FD");
        assertThat(resource.isInvalid()).isTrue();
        assertThat(As.user(users, "operator", () -> nodes.health(node().id())).faults())
                .isEmpty();
    }

    @Test
    void the_machines_grid_flags_the_node_of_a_machine_for_operators() {
        Node n = node();
        As.user(
                users,
                "operator",
                () -> nodes.injectHealth(
                        n.id(),
                        io.zonedeck.agent.api.SimHealthRequest.fault(
                                "ZFS-8000-FD", "Major", "zfs://pool=zones", null)));
        signIn("operator");
        UI.getCurrent().navigate("machines");
        @SuppressWarnings("unchecked")
        Grid<io.zonedeck.compute.MachineSummary> grid = _get(Grid.class, spec -> spec.withId("machines-grid"));
        int flagged = 0;
        int clean = 0;
        for (int i = 0; i < GridKt._size(grid); i++) {
            io.zonedeck.compute.MachineSummary m = GridKt._get(grid, i);
            HealthBadge badge = (HealthBadge) GridKt._getCellComponent(grid, i, "node")
                    .getChildren()
                    .filter(c -> c instanceof HealthBadge)
                    .findFirst()
                    .orElseThrow();
            if (n.id().equals(m.nodeId())) {
                assertThat(badge.isVisible()).as(m.name()).isTrue();
                assertThat(badge.getText()).isEqualTo("1 fault");
                flagged++;
            } else {
                assertThat(badge.isVisible()).as(m.name()).isFalse();
                clean++;
            }
        }
        assertThat(flagged).isPositive();
        assertThat(clean).isPositive();
    }

    @Test
    void a_missing_node_shows_not_found_and_tenants_cannot_open_the_page() {
        signIn("operator");
        UI.getCurrent().navigate("nodes/" + UUID.randomUUID());
        assertThat(_find(Paragraph.class, spec -> spec.withId("node-not-found")))
                .hasSize(1);

        signIn("alice");
        assertThatThrownBy(() -> UI.getCurrent().navigate("nodes/" + node().id()))
                .isInstanceOf(MockAccessDeniedException.class);
    }

    @Test
    void the_register_dialog_shows_the_agents_fingerprint_before_registering_and_pins_exactly_that_one() {
        io.zonedeck.agent.tls.AgentIdentity identity = io.zonedeck.agent.tls.AgentIdentity.ephemeral("ui-tls");
        io.zonedeck.agent.driver.sim.SimDriver driver = new io.zonedeck.agent.driver.sim.SimDriver(
                1,
                new io.zonedeck.agent.driver.NodeResources(
                        "ui-tls", 1, 64, 1, io.zonedeck.agent.driver.sim.SimDriver.BRANDS),
                java.time.Clock.systemUTC(),
                io.zonedeck.agent.driver.Sleeper.SYSTEM,
                io.zonedeck.agent.driver.sim.SimSettings.scaled(0, "10.75.0"),
                new io.zonedeck.agent.vrrp.SimLan());
        try (io.zonedeck.agent.Agent agent = io.zonedeck.agent.Agent.start(
                io.zonedeck.agent.AgentConfig.sim("ui-tls", "ui-tls-token-0123456789"), driver, identity)) {
            signIn("operator");
            UI.getCurrent().navigate("nodes");
            _click(_get(Button.class, spec -> spec.withId("register-node")));
            _get(TextField.class, spec -> spec.withId("node-name")).setValue("ui-tls");
            _get(TextField.class, spec -> spec.withId("node-url")).setValue(agent.url());
            _click(_get(Button.class, spec -> spec.withId("node-check-certificate")));
            TextField fingerprint = _get(TextField.class, spec -> spec.withId("node-fingerprint"));
            assertThat(fingerprint.getValue()).isEqualTo(identity.fingerprint().toString());
            assertThat(_get(Paragraph.class, spec -> spec.withId("node-presented-fingerprint"))
                            .getText())
                    .contains(identity.fingerprint().toString());

            _get(com.vaadin.flow.component.textfield.PasswordField.class, spec -> spec.withId("node-credential"))
                    .setValue("ui-tls-token-0123456789");
            fingerprint.setValue(io.zonedeck.agent.tls.AgentIdentity.ephemeral("x")
                    .fingerprint()
                    .toString());
            _click(_get(Button.class, spec -> spec.withId("register-node-submit")));
            assertThat(fingerprint.isInvalid())
                    .as("another certificate than the one typed")
                    .isTrue();
            assertThat(registry.all()).noneMatch(n -> n.name().equals("ui-tls"));

            fingerprint.setValue(identity.fingerprint().hex());
            _click(_get(Button.class, spec -> spec.withId("register-node-submit")));
            Node registered = registry.all().stream()
                    .filter(n -> n.name().equals("ui-tls"))
                    .findFirst()
                    .orElseThrow();
            assertThat(registered.fingerprint()).isEqualTo(identity.fingerprint());
            assertThat(registered.url()).startsWith("https://");
        }
    }
}
