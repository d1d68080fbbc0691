package io.zonedeck.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinServletRequest;
import io.zonedeck.security.ApiToken;
import io.zonedeck.security.ApiTokenService;
import io.zonedeck.security.SshKey;
import io.zonedeck.security.UserService;
import io.zonedeck.support.As;
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
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** The account page: password change with its rules on the fields, SSH keys added, refused and deleted. */
@SpringBootTest
@ActiveProfiles({"demo", "test"})
@DirtiesContext
class AccountViewTest {
    static final String RSA =
            "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDm3FzcHnJeuWKlMD3uRtvPuaKqmAYO/V44TgMFvE2LPxK8+L0IDti"
                    + "iBGeHQilrjLbwu0kWOJoJ9dO1gYDtzd0LGcjbzHb1ziC+JVu9sgVJvaqeKPfNnBi56rt02p+IpkKFzBDKlE1v5ARKlkXpNJ6iguZTpv6lGBW"
                    + "NCPkjJUDDXJKxQ+UKHD7wdeZTOKukTHGMHAKnNXC0/U/8uLXR8obC40gjb43FcBrN95FBeatV0FXopB2mZHaiBc97VaHfVhy4FylBG5IDlyLT0"
                    + "NYx1N7VTWXCEZP+yPq0LE6I9bjEWtM2Fca2XGMeRKMzW1+IdJ+3Ngf/CJq3aO+ODGRcrhMP alice@rsa";

    static Routes routes;

    @Autowired
    ApplicationContext ctx;

    @Autowired
    UserService users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ApiTokenService tokenService;

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

    private void signIn(String user) {
        As.signIn(users, user);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(auth);
        request.setUserInRole((principal, role) ->
                auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role)));
    }

    @SuppressWarnings("unchecked")
    private static Grid<SshKey> keys() {
        return _get(Grid.class, spec -> spec.withId("account-keys-grid"));
    }

    private static void password(String id, String value) {
        _get(PasswordField.class, spec -> spec.withId(id)).setValue(value);
    }

    private static void click(String id) {
        _click(_get(Button.class, spec -> spec.withId(id)));
    }

    @Test
    void alice_sees_her_seeded_key_adds_one_is_refused_a_duplicate_and_deletes_it() {
        signIn("alice");
        UI.getCurrent().navigate("account");
        assertThat(GridKt._size(keys())).isEqualTo(1);
        assertThat(GridKt._get(keys(), 0).name()).isEqualTo("workstation");

        _get(TextField.class, spec -> spec.withId("account-key-name")).setValue("rsa");
        _get(TextArea.class, spec -> spec.withId("account-key-text")).setValue("ssh-rsa AAAA-not-base64");
        click("account-add-key");
        TextArea key = _get(TextArea.class, spec -> spec.withId("account-key-text"));
        assertThat(key.isInvalid()).isTrue();
        assertThat(key.getErrorMessage()).contains("base64");

        key.setValue(RSA);
        click("account-add-key");
        assertThat(GridKt._size(keys())).isEqualTo(2);
        assertThat(GridKt._getFormattedRow(keys(), 1).toString()).contains("rsa", "ssh-rsa · 2048", "alice@rsa");
        assertThat(GridKt._get(keys(), 1).fingerprint())
                .isEqualTo("SHA256:8vNW+3/6LkRGNSgLNdD02deM5jynQIWe+XyjyXAO4vk");

        _get(TextField.class, spec -> spec.withId("account-key-name")).setValue("again");
        key.setValue(RSA);
        click("account-add-key");
        assertThat(key.isInvalid()).isTrue();
        assertThat(key.getErrorMessage()).contains("already saved as rsa");

        _click(_get(
                GridKt._getCellComponent(keys(), 1, "actions"), Button.class, spec -> spec.withId("delete-key-rsa")));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class, spec -> spec.withId("confirm-delete")));
        assertThat(GridKt._size(keys())).isEqualTo(1);
    }

    @Test
    void bob_changes_his_password_after_the_rules_and_the_repeat_field_refuse_it() {
        signIn("bob");
        UI.getCurrent().navigate("account");
        assertThat(GridKt._size(keys())).isZero();
        password("account-current-password", "bob-demo");
        password("account-new-password", "bobby-tables-1");
        password("account-repeat-password", "bobby-tables-2");
        click("account-change-password");
        assertThat(_get(PasswordField.class, spec -> spec.withId("account-repeat-password"))
                        .isInvalid())
                .isTrue();

        password("account-repeat-password", "bobby-tables-1");
        click("account-change-password");
        PasswordField next = _get(PasswordField.class, spec -> spec.withId("account-new-password"));
        assertThat(next.isInvalid()).isTrue();
        assertThat(next.getErrorMessage()).contains("user name");

        password("account-current-password", "wrong");
        password("account-new-password", "little red riding hood");
        password("account-repeat-password", "little red riding hood");
        click("account-change-password");
        assertThat(_get(PasswordField.class, spec -> spec.withId("account-current-password"))
                        .isInvalid())
                .isTrue();

        password("account-current-password", "bob-demo");
        click("account-change-password");
        assertThat(_get(PasswordField.class, spec -> spec.withId("account-current-password"))
                        .getValue())
                .isEmpty();
        assertThat(encoder.matches(
                        "little red riding hood",
                        users.loadUserByUsername("bob").getPassword()))
                .isTrue();
        assertThat(_find(AccountView.class)).hasSize(1);
    }

    @Test
    void alice_creates_a_token_sees_it_once_is_refused_a_duplicate_name_and_revokes_it() {
        signIn("alice");
        UI.getCurrent().navigate("account");
        @SuppressWarnings("unchecked")
        Grid<ApiToken> tokens = _get(Grid.class, spec -> spec.withId("account-tokens-grid"));
        assertThat(GridKt._size(tokens)).isZero();

        TextField name = _get(TextField.class, spec -> spec.withId("account-token-name"));
        name.setValue("ci-deploy");
        click("account-create-token");
        String shown = _get(TextField.class, spec -> spec.withId("token-created-value"))
                .getValue();
        assertThat(shown).startsWith("zdt_");
        assertThat(tokenService.authenticate(shown)).isPresent();
        click("token-created-done");
        assertThat(GridKt._size(tokens)).isEqualTo(1);
        assertThat(GridKt._getFormattedRow(tokens, 0).toString())
                .contains("ci-deploy", "Read only", shown.substring(0, 10))
                .doesNotContain(shown);

        name.setValue("ci-deploy");
        click("account-create-token");
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).contains("already have a token named ci-deploy");
        assertThat(GridKt._size(tokens)).isEqualTo(1);

        _click(_get(
                GridKt._getCellComponent(tokens, 0, "actions"),
                Button.class,
                spec -> spec.withId("revoke-token-ci-deploy")));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class, spec -> spec.withId("confirm-delete")));
        assertThat(GridKt._size(tokens)).isZero();
        assertThat(tokenService.authenticate(shown)).isEmpty();
    }
}
