package io.zonedeck.catalog.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
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
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinServletRequest;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.network.NetworkService;
import io.zonedeck.network.ui.NetworksView;
import io.zonedeck.security.UserService;
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

/** Browserless tests of the operator's catalog pages: dialogs, field errors, row actions, access. */
@SpringBootTest
@ActiveProfiles({"demo", "test"})
@DirtiesContext
class CatalogViewsTest {
    static Routes routes;

    @Autowired
    ApplicationContext ctx;

    @Autowired
    UserService users;

    @Autowired
    CatalogService catalog;

    @Autowired
    NetworkService networks;

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
    private static <T> List<T> rows(String gridId) {
        Grid<T> grid = _get(Grid.class, spec -> spec.withId(gridId));
        return IntStream.range(0, GridKt._size(grid))
                .mapToObj(i -> GridKt._get(grid, i))
                .toList();
    }

    private static void set(String id, String value) {
        _get(TextField.class, spec -> spec.withId(id)).setValue(value);
    }

    private static IntegerField number(String id) {
        return _get(IntegerField.class, spec -> spec.withId(id));
    }

    @Test
    void operator_creates_a_package_through_the_dialog() {
        signIn("operator");
        UI.getCurrent().navigate("packages");
        _click(_get(Button.class, spec -> spec.withId("create-package")));
        set("package-name", "ui-medium");
        number("package-ram").setValue(2048);
        number("package-disk").setValue(40);
        set("package-billing-tag", "std");
        _click(_get(Button.class, spec -> spec.withId("create-package-submit")));

        assertThat(_find(PackageDialog.class)).isEmpty();
        MachinePackage created = catalog.findPackage("ui-medium").orElseThrow();
        assertThat(created.maxSwapMiB()).isEqualTo(4096);
        assertThat(created.billingTag()).isEqualTo("std");
        assertThat(names(rows("packages-grid"))).contains("ui-medium", "g1-nano");
    }

    @Test
    void bad_package_input_shows_on_its_fields_and_nothing_is_created() {
        signIn("operator");
        UI.getCurrent().navigate("packages");
        int before = catalog.allPackages().size();
        _click(_get(Button.class, spec -> spec.withId("create-package")));
        TextField name = _get(TextField.class, spec -> spec.withId("package-name"));
        name.setValue("bad name");
        IntegerField ram = number("package-ram");
        ram.setValue(32);
        IntegerField swap = number("package-swap");
        swap.setValue(300);
        IntegerField disk = number("package-disk");
        _click(_get(Button.class, spec -> spec.withId("create-package-submit")));

        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).contains("letters, digits");
        assertThat(ram.isInvalid()).isTrue();
        assertThat(ram.getErrorMessage()).contains("at least 64 MiB");
        assertThat(disk.isInvalid()).isFalse();
        assertThat(_find(PackageDialog.class)).hasSize(1);
        assertThat(catalog.allPackages()).hasSize(before);

        name.setValue("good-name");
        ram.setValue(512);
        _click(_get(Button.class, spec -> spec.withId("create-package-submit")));
        assertThat(swap.isInvalid()).isTrue();
        assertThat(swap.getErrorMessage()).contains("at least the RAM");
        assertThat(name.isInvalid()).isFalse();
        assertThat(catalog.allPackages()).hasSize(before);
    }

    @Test
    @SuppressWarnings("unchecked")
    void operator_retires_a_package_from_its_row() {
        signIn("operator");
        UI.getCurrent().navigate("packages");
        Grid<MachinePackage> grid = _get(Grid.class, spec -> spec.withId("packages-grid"));
        List<MachinePackage> rows = rows("packages-grid");
        int row = names(rows).indexOf("g1-xlarge");
        Component actions = GridKt._getCellComponent(grid, row, "actions");
        Button retire = _get(actions, Button.class, spec -> spec.withId("retire-g1-xlarge"));
        _click(retire);
        assertThat(catalog.findPackage("g1-xlarge")).isEmpty();
        assertThat(catalog.packages()).extracting(MachinePackage::name).doesNotContain("g1-xlarge");
        List<MachinePackage> after = rows("packages-grid");
        assertThat(after.stream()
                        .filter(p -> p.name().equals("g1-xlarge"))
                        .findFirst()
                        .orElseThrow()
                        .active())
                .isFalse();
        catalog.reactivatePackage(after.stream()
                .filter(p -> p.name().equals("g1-xlarge"))
                .findFirst()
                .orElseThrow()
                .id());
    }

    @Test
    void network_dialog_puts_a_gateway_in_the_range_on_the_gateway() {
        signIn("operator");
        UI.getCurrent().navigate("networks");
        int before = networks.list().size();
        _click(_get(Button.class, spec -> spec.withId("create-network")));
        set("network-name", "ui-lan");
        set("network-subnet", "10.50.0.0/24");
        set("network-gateway", "10.50.0.20");
        set("network-range-start", "10.50.0.10");
        set("network-range-end", "10.50.0.250");
        _click(_get(Button.class, spec -> spec.withId("create-network-submit")));
        TextField gateway = _get(TextField.class, spec -> spec.withId("network-gateway"));
        assertThat(gateway.isInvalid()).isTrue();
        assertThat(gateway.getErrorMessage()).contains("allocation range");
        assertThat(networks.list()).hasSize(before);

        gateway.setValue("10.50.0.1");
        _click(_get(Button.class, spec -> spec.withId("create-network-submit")));
        assertThat(networks.list()).extracting(n -> n.name()).contains("ui-lan");
        assertThat(_find(NetworksView.class)).hasSize(1);
    }

    @Test
    void tenants_cannot_open_the_catalog_pages() {
        signIn("alice");
        for (String route : List.of("packages", "images", "networks")) {
            assertThatThrownBy(() -> UI.getCurrent().navigate(route))
                    .as(route)
                    .isInstanceOf(MockAccessDeniedException.class);
        }
        assertThat(_find(PackagesView.class)).isEmpty();
    }

    private static List<String> names(List<MachinePackage> rows) {
        return rows.stream().map(MachinePackage::name).toList();
    }
}
