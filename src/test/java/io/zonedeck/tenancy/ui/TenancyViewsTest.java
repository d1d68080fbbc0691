package io.zonedeck.tenancy.ui;

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
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinServletRequest;
import io.zonedeck.security.Roles;
import io.zonedeck.security.UserService;
import io.zonedeck.security.UserSummary;
import io.zonedeck.support.As;
import io.zonedeck.tenancy.Quota;
import io.zonedeck.tenancy.QuotaLimit;
import io.zonedeck.tenancy.QuotaRaise;
import io.zonedeck.tenancy.QuotaRequest;
import io.zonedeck.tenancy.QuotaRequestService;
import io.zonedeck.tenancy.QuotaService;
import io.zonedeck.tenancy.TenantOverview;
import io.zonedeck.tenancy.TenantService;
import java.util.List;
import java.util.function.Predicate;
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

/** Browserless tests of the tenants, users and dashboard pages: dialogs, field errors, row actions, access. */
@SpringBootTest
@ActiveProfiles({"demo", "test"})
@DirtiesContext
class TenancyViewsTest {
    static Routes routes;

    @Autowired
    ApplicationContext ctx;

    @Autowired
    UserService users;

    @Autowired
    TenantService tenants;

    @Autowired
    QuotaService quotas;

    @Autowired
    QuotaRequestService requests;

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

    private void asOperator(Runnable work) {
        Authentication before = SecurityContextHolder.getContext().getAuthentication();
        As.signIn(users, "operator");
        try {
            work.run();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(before);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Grid<T> grid(String id) {
        return _get(Grid.class, spec -> spec.withId(id));
    }

    private static <T> List<T> rows(String gridId) {
        Grid<T> grid = grid(gridId);
        return IntStream.range(0, GridKt._size(grid))
                .mapToObj(i -> GridKt._get(grid, i))
                .toList();
    }

    /** The button {@code id} in the actions cell of the first row matching {@code row}. */
    private static <T> Button rowButton(String gridId, Predicate<T> row, String id) {
        Grid<T> grid = grid(gridId);
        int i = IntStream.range(0, GridKt._size(grid))
                .filter(n -> row.test(GridKt._get(grid, n)))
                .findFirst()
                .orElseThrow();
        Component cell = GridKt._getCellComponent(grid, i, "actions");
        return _get(cell, Button.class, spec -> spec.withId(id));
    }

    private static void set(String id, String value) {
        _get(TextField.class, spec -> spec.withId(id)).setValue(value);
    }

    private static void click(String id) {
        _click(_get(Button.class, spec -> spec.withId(id)));
    }

    @Test
    void operator_creates_a_tenant_and_sees_its_name_refused_first() {
        signIn("operator");
        UI.getCurrent().navigate("tenants");
        assertThat(rows("tenants-grid").stream()
                        .map(r -> ((TenantOverview) r).tenant().name()))
                .contains("acme", "globex");
        click("create-tenant");
        set("tenant-name", "bad name");
        set("tenant-display-name", "Umbrella");
        click("create-tenant-submit");
        TextField name = _get(TextField.class, spec -> spec.withId("tenant-name"));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).contains("letters, digits");

        name.setValue("umbrella");
        click("create-tenant-submit");
        assertThat(_find(CreateTenantDialog.class)).isEmpty();
        assertThat(rows("tenants-grid").stream()
                        .map(r -> ((TenantOverview) r).tenant().name()))
                .contains("umbrella");
    }

    @Test
    void operator_edits_a_quota_with_usage_beside_each_field_and_errors_inline() {
        signIn("operator");
        UI.getCurrent().navigate("tenants");
        _click(rowButton("tenants-grid", (TenantOverview o) -> o.tenant().name().equals("globex"), "quota-globex"));
        assertThat(_find(QuotaEditorDialog.class)).hasSize(1);
        for (QuotaLimit l : QuotaLimit.values()) {
            assertThat(_get(TextField.class, spec -> spec.withId("quota-" + l.key()))
                            .getValue())
                    .as(l.key())
                    .isEmpty(); // unlimited
        }
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("quota-used-machines"))
                        .getText())
                .isEqualTo("in use: 2");
        set("quota-machines", "99999999999999999999");
        click("quota-save");
        TextField machines = _get(TextField.class, spec -> spec.withId("quota-machines"));
        assertThat(machines.isInvalid()).isTrue();

        machines.setValue("2");
        set("quota-ramMiB", "8192");
        click("quota-save");
        assertThat(_find(QuotaEditorDialog.class)).isEmpty();
        asOperator(() -> assertThat(quotas.status("globex").limits())
                .isEqualTo(Quota.UNLIMITED.with(QuotaLimit.MACHINES, 2L).with(QuotaLimit.RAM, 8192L)));
        assertThat(GridKt._getFormattedRow(grid("tenants-grid"), 1)).contains("2 / 2");
        asOperator(() -> quotas.setQuota("globex", Quota.UNLIMITED));
    }

    @Test
    void operator_disables_a_tenant_after_confirming_and_enables_it_again() {
        signIn("operator");
        UI.getCurrent().navigate("tenants");
        _click(rowButton("tenants-grid", (TenantOverview o) -> o.tenant().name().equals("globex"), "disable-globex"));
        ConfirmDialog confirm = _get(ConfirmDialog.class, spec -> spec.withId("confirm-disable-tenant"));
        assertThat(ConfirmDialogKt.getText(confirm)).contains("machines keep running");
        ConfirmDialogKt._fireConfirm(confirm);
        assertThat(users.loadUserByUsername("bob").isEnabled()).isFalse();
        _click(rowButton("tenants-grid", (TenantOverview o) -> o.tenant().name().equals("globex"), "enable-globex"));
        assertThat(users.loadUserByUsername("bob").isEnabled()).isTrue();
    }

    @Test
    void operator_approves_a_pending_request_from_the_tenants_page() {
        asOperator(() -> quotas.setQuota("acme", Quota.UNLIMITED.with(QuotaLimit.SNAPSHOTS, 4L)));
        As.signIn(users, "alice");
        QuotaRequest r = requests.request(new QuotaRaise("snapshots", 10L, "nightly snapshots of db-01"));
        signIn("operator");
        UI.getCurrent().navigate("tenants");
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("pending-requests-count"))
                        .getText())
                .isEqualTo("1 pending request");
        _click(rowButton("pending-requests", (QuotaRequest q) -> q.id().equals(r.id()), "approve-acme-snapshots"));
        assertThat(_get(Paragraph.class, spec -> spec.withId("decision-request"))
                        .getText())
                .contains("acme", "Snapshots", "4 → 10", "nightly snapshots");
        _get(TextArea.class, spec -> spec.withId("decision-note")).setValue("ok for a month");
        click("decision-submit");
        assertThat(rows("pending-requests")).isEmpty();
        asOperator(() -> {
            assertThat(quotas.status("acme").limits().snapshots()).isEqualTo(10L);
            assertThat(requests.get(r.id()).note()).isEqualTo("ok for a month");
            quotas.setQuota("acme", Quota.UNLIMITED);
        });
    }

    @Test
    void tenants_cannot_open_the_tenants_page_and_tenant_users_not_the_users_page() {
        signIn("alice");
        assertThatThrownBy(() -> UI.getCurrent().navigate("tenants")).isInstanceOf(MockAccessDeniedException.class);
        signIn("bob");
        assertThatThrownBy(() -> UI.getCurrent().navigate("users")).isInstanceOf(MockAccessDeniedException.class);
    }

    @Test
    void a_tenant_admin_manages_only_their_tenants_users_and_never_themselves() {
        signIn("alice");
        UI.getCurrent().navigate("users");
        List<UserSummary> shown = rows("users-grid");
        assertThat(shown).extracting(UserSummary::username).containsExactly("alice");
        Component own = GridKt._getCellComponent(grid("users-grid"), 0, "actions");
        assertThat(_find(own, Button.class)).isEmpty();

        click("create-user");
        assertThat(_get(Select.class, spec -> spec.withId("user-role"))
                        .getListDataView()
                        .getItems())
                .doesNotContain(Roles.OPERATOR);
        set("user-name", "gina");
        _get(PasswordField.class, spec -> spec.withId("user-password")).setValue("gina-is-great-123");
        click("create-user-submit");
        PasswordField password = _get(PasswordField.class, spec -> spec.withId("user-password"));
        assertThat(password.isInvalid()).isTrue();
        assertThat(password.getErrorMessage()).contains("user name");
        password.setValue("correct horse battery");
        click("create-user-submit");
        assertThat(rows("users-grid"))
                .extracting(u -> ((UserSummary) u).username())
                .containsExactly("alice", "gina");

        _click(rowButton("users-grid", (UserSummary u) -> u.username().equals("gina"), "role-gina"));
        assertThat(rows("users-grid"))
                .filteredOn(u -> ((UserSummary) u).username().equals("gina"))
                .extracting(u -> ((UserSummary) u).role())
                .containsExactly(Roles.TENANT_ADMIN);
        _click(rowButton("users-grid", (UserSummary u) -> u.username().equals("gina"), "disable-gina"));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class, spec -> spec.withId("confirm-disable-user")));
        assertThat(users.isActive("gina")).isFalse();
    }

    @Test
    void the_dashboard_shows_a_bar_per_limit_and_a_tenant_admin_asks_for_more() {
        asOperator(() -> quotas.setQuota(
                "acme", Quota.UNLIMITED.with(QuotaLimit.MACHINES, 2L).with(QuotaLimit.VNICS, 100L)));
        signIn("alice");
        UI.getCurrent().navigate("dashboard");
        for (QuotaLimit l : QuotaLimit.values()) {
            assertThat(_find(QuotaBar.class, spec -> spec.withId("quota-bar-" + l.key())))
                    .hasSize(1);
        }
        QuotaBar machines = _get(QuotaBar.class, spec -> spec.withId("quota-bar-machines"));
        assertThat(machines.text()).isEqualTo("2 of 2");
        assertThat(machines.level()).isEqualTo(QuotaBar.FULL);
        assertThat(_get(QuotaBar.class, spec -> spec.withId("quota-bar-vnics")).level())
                .isEqualTo(QuotaBar.OK);
        assertThat(_get(QuotaBar.class, spec -> spec.withId("quota-bar-ramMiB")).level())
                .isEqualTo(QuotaBar.UNLIMITED);
        assertThat(_find(Button.class, spec -> spec.withId("request-more-ramMiB")))
                .isEmpty(); // unlimited

        click("request-more-machines");
        _get(IntegerField.class, spec -> spec.withId("request-value")).setValue(2);
        click("request-submit");
        assertThat(_get(IntegerField.class, spec -> spec.withId("request-value"))
                        .isInvalid())
                .isTrue();
        assertThat(_get(TextArea.class, spec -> spec.withId("request-reason")).isInvalid())
                .isTrue();
        _get(IntegerField.class, spec -> spec.withId("request-value")).setValue(4);
        _get(TextArea.class, spec -> spec.withId("request-reason")).setValue("two more web servers for the sale");
        click("request-submit");
        assertThat(_find(RequestMoreDialog.class)).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withId("request-more-machines")))
                .isEmpty();
        assertThat(_find(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("requested-machines")))
                .hasSize(1);
        List<QuotaRequest> shown = TenancyViewsTest.<QuotaRequest>rows("dashboard-requests").stream()
                .filter(r -> r.limit() == QuotaLimit.MACHINES)
                .toList();
        assertThat(shown).singleElement().satisfies(r -> {
            assertThat(r.pending()).isTrue();
            assertThat(r.requested()).isEqualTo(4);
        });
        assertThat(_find(com.vaadin.flow.component.html.Div.class, spec -> spec.withClasses("machine-state-count")))
                .isNotEmpty();

        // the operator rejects it: the tenant sees the decision
        asOperator(() -> {
            requests.reject(shown.get(0).id(), "no capacity this week");
            quotas.setQuota("acme", Quota.UNLIMITED);
        });
        UI.getCurrent().navigate("machines");
        UI.getCurrent().navigate("dashboard");
        List<QuotaRequest> after = rows("dashboard-requests");
        assertThat(after.get(0).id()).isEqualTo(shown.get(0).id()); // newest first
        assertThat(after.get(0).state()).isEqualTo(QuotaRequest.REJECTED);
        assertThat(GridKt._getFormattedRow(grid("dashboard-requests"), 0).toString())
                .contains("no capacity this week");
    }

    @Test
    void a_tenant_user_sees_the_bars_without_request_buttons_and_an_operator_a_link_to_the_tenants() {
        asOperator(() -> quotas.setQuota("globex", Quota.UNLIMITED.with(QuotaLimit.MACHINES, 10L)));
        signIn("bob");
        UI.getCurrent().navigate("dashboard");
        assertThat(_get(QuotaBar.class, spec -> spec.withId("quota-bar-machines"))
                        .text())
                .isEqualTo("2 of 10");
        assertThat(_find(Button.class, spec -> spec.withId("request-more-machines")))
                .isEmpty();
        asOperator(() -> quotas.setQuota("globex", Quota.UNLIMITED));

        signIn("operator");
        UI.getCurrent().navigate("dashboard");
        assertThat(_get(Paragraph.class, spec -> spec.withId("dashboard-operator"))
                        .getText())
                .contains("Tenants");
        assertThat(_find(QuotaBar.class)).isEmpty();
    }
}
