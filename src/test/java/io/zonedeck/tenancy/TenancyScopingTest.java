package io.zonedeck.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.security.NewUser;
import io.zonedeck.security.Roles;
import io.zonedeck.security.SshKey;
import io.zonedeck.security.SshKeyService;
import io.zonedeck.security.UserService;
import io.zonedeck.security.UserSummary;
import io.zonedeck.support.As;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The services' scoping: a tenant admin manages their own tenant's users only (another tenant's user, an operator and
 * a missing id are the same NotFound), keys and requests are their owners', nobody disables themselves.
 */
@SpringBootTest(properties = {"zonedeck.demo.quotas=true", "zonedeck.test.database=h2"})
@ActiveProfiles({"demo", "test"})
@DirtiesContext
class TenancyScopingTest {
    @Autowired
    UserService users;

    @Autowired
    TenantService tenants;

    @Autowired
    QuotaService quotas;

    @Autowired
    QuotaRequestService requests;

    @Autowired
    SshKeyService keys;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    SecurityContextHolderStrategy strategy;

    static final String KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAtKj0ZUWQpqx9hLg7hHt2fehV5XVKznknkRCKkqP0N3 alice@laptop";

    @BeforeEach
    void useThisContext() {
        SecurityContextHolder.setContextHolderStrategy(strategy);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private <T> T as(String user, Supplier<T> work) {
        return As.user(users, user, work);
    }

    private void as(String user, Runnable work) {
        As.user(users, user, () -> {
            work.run();
            return null;
        });
    }

    private UUID idOf(String username) {
        return as(
                "operator",
                () -> users.list().stream()
                        .filter(u -> u.username().equals(username))
                        .findFirst()
                        .orElseThrow()
                        .id());
    }

    /** The refusal's code and status: what a caller can tell apart. */
    private static String refusal(Runnable call) {
        try {
            call.run();
        } catch (ZoneDeckException e) {
            return e.status() + " " + e.code();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void the_demo_seeds_quotas_alices_key_and_her_pending_request() {
        Quota globex = as("operator", () -> quotas.status("globex").limits());
        assertThat(globex.machines()).isEqualTo(11L);
        assertThat(globex.ramMiB()).isEqualTo(40960L);
        assertThat(as("alice", () -> keys.mine()))
                .singleElement()
                .satisfies(k -> assertThat(k.publicKey()).endsWith("alice@workstation"));
        assertThat(as("operator", () -> requests.pending())).anySatisfy(r -> {
            assertThat(r.tenantName()).isEqualTo("acme");
            assertThat(r.limit()).isEqualTo(QuotaLimit.RAM);
            assertThat(r.requestedBy()).isEqualTo("alice");
        });
    }

    @Test
    void a_tenant_admin_sees_only_their_own_tenants_users() {
        List<String> names = as(
                "alice", () -> users.list().stream().map(UserSummary::username).toList());
        assertThat(names).contains("alice").doesNotContain("bob", "operator");
        assertThat(as(
                        "operator",
                        () -> users.list().stream().map(UserSummary::username).toList()))
                .contains("alice", "bob", "operator");
    }

    @Test
    void another_tenants_user_and_an_operator_are_exactly_like_a_missing_user_for_a_tenant_admin() {
        UUID bob = idOf("bob");
        UUID operator = idOf("operator");
        String missing = as("alice", () -> refusal(() -> users.get(UUID.randomUUID())));
        assertThat(missing).isEqualTo("404 NotFound");
        as("alice", () -> {
            assertThat(refusal(() -> users.get(bob))).isEqualTo(missing);
            assertThat(refusal(() -> users.get(operator))).isEqualTo(missing);
            assertThat(refusal(() -> users.disable(bob))).isEqualTo(missing);
            assertThat(refusal(() -> users.enable(operator))).isEqualTo(missing);
            assertThat(refusal(() -> users.changeRole(bob, Roles.TENANT_ADMIN))).isEqualTo(missing);
        });
        assertThat(as("operator", () -> users.get(bob).enabled())).isTrue();
    }

    @Test
    void a_tenant_admin_creates_tenant_users_in_their_own_tenant_only() {
        UUID acme = tenants.findByName("acme").orElseThrow().id();
        UserSummary carol = as(
                "alice", () -> users.createUser(new NewUser("carol", "a long secret for c", Roles.TENANT_USER, null)));
        assertThat(carol.tenantId()).isEqualTo(acme);
        assertThat(carol.enabled()).isTrue();

        ZoneDeckException operator = as(
                "alice",
                () -> catchRefusal(
                        () -> users.createUser(new NewUser("mallory", "some long secret", Roles.OPERATOR, null))));
        assertThat(operator.messageFor("role")).isPresent();
        ZoneDeckException foreign = as(
                "alice",
                () -> catchRefusal(() ->
                        users.createUser(new NewUser("mallory", "some long secret", Roles.TENANT_USER, "globex"))));
        ZoneDeckException missing = as(
                "alice",
                () -> catchRefusal(() -> users.createUser(
                        new NewUser("mallory", "some long secret", Roles.TENANT_USER, "no-such-tenant"))));
        assertThat(foreign.messageFor("tenant")).isEqualTo(missing.messageFor("tenant"));
        assertThat(foreign.status()).isEqualTo(missing.status());
    }

    @Test
    void new_users_follow_the_password_rules_and_names_are_unique() {
        ZoneDeckException e = as(
                "operator",
                () -> catchRefusal(
                        () -> users.createUser(new NewUser("dave", "dave-password-1", Roles.TENANT_USER, "globex"))));
        assertThat(e.messageFor("password"))
                .hasValueSatisfying(m -> assertThat(m).contains("user name"));
        e = as(
                "operator",
                () -> catchRefusal(() -> users.createUser(new NewUser("dave", "short", Roles.TENANT_USER, "globex"))));
        assertThat(e.messageFor("password"))
                .hasValueSatisfying(m -> assertThat(m).contains("12"));
        e = as(
                "operator",
                () -> catchRefusal(() ->
                        users.createUser(new NewUser("bob", "another long secret", Roles.TENANT_USER, "globex"))));
        assertThat(e.messageFor("username")).isPresent();
        assertThat(e.status()).isEqualTo(409);
        e = as(
                "operator",
                () -> catchRefusal(() ->
                        users.createUser(new NewUser("Bad Name", "another long secret", Roles.OPERATOR, "globex"))));
        assertThat(e.messageFor("username")).isPresent();
        assertThat(e.messageFor("tenant")).isPresent(); // an operator has no tenant
    }

    @Test
    void a_tenant_user_may_not_administer_users() {
        assertThatThrownBy(() -> as("bob", () -> users.list())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as(
                        "bob", () -> users.createUser(new NewUser("eve", "eves long secret", Roles.TENANT_USER, null))))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobody_disables_themselves_or_changes_their_own_role() {
        UUID alice = idOf("alice");
        UUID operator = idOf("operator");
        assertThat(as("alice", () -> refusal(() -> users.disable(alice)))).isEqualTo("409 SelfChange");
        assertThat(as("alice", () -> refusal(() -> users.changeRole(alice, Roles.TENANT_USER))))
                .isEqualTo("409 SelfChange");
        assertThat(as("operator", () -> refusal(() -> users.disable(operator)))).isEqualTo("409 SelfChange");
    }

    @Test
    void a_disabled_user_and_the_users_of_a_disabled_tenant_cannot_sign_in() {
        UUID bob = idOf("bob");
        as("operator", () -> users.disable(bob));
        assertThat(users.loadUserByUsername("bob").isEnabled()).isFalse();
        as("operator", () -> users.enable(bob));
        assertThat(users.loadUserByUsername("bob").isEnabled()).isTrue();

        as("operator", () -> tenants.disable("globex"));
        assertThat(users.loadUserByUsername("bob").isEnabled()).isFalse();
        assertThat(users.loadUserByUsername("alice").isEnabled()).isTrue();
        as("operator", () -> tenants.enable("globex"));
        assertThat(users.loadUserByUsername("bob").isEnabled()).isTrue();
    }

    @Test
    void a_role_moves_between_tenant_user_and_tenant_admin_only() {
        UUID bob = idOf("bob");
        assertThat(as("operator", () -> refusal(() -> users.changeRole(bob, Roles.OPERATOR))))
                .isEqualTo("422 Invalid");
        assertThat(as("operator", () -> users.changeRole(bob, Roles.TENANT_ADMIN))
                        .role())
                .isEqualTo(Roles.TENANT_ADMIN);
        assertThat(users.loadUserByUsername("bob").getAuthorities().toString()).contains("TENANT_ADMIN");
        as("operator", () -> users.changeRole(bob, Roles.TENANT_USER));
    }

    @Test
    void tenants_are_visible_to_operators_and_their_members_only() {
        String missing = as("alice", () -> refusal(() -> tenants.get("no-such-tenant")));
        assertThat(missing).isEqualTo("404 NotFound");
        UUID globex = tenants.findByName("globex").orElseThrow().id();
        assertThat(as("alice", () -> refusal(() -> tenants.get("globex")))).isEqualTo(missing);
        assertThat(as("alice", () -> refusal(() -> tenants.get(globex.toString()))))
                .isEqualTo(missing);
        assertThat(as("alice", () -> refusal(() -> quotas.status("globex")))).isEqualTo(missing);
        assertThat(as("alice", () -> tenants.get("acme").name())).isEqualTo("acme");
        assertThatThrownBy(() -> as("alice", () -> tenants.disable("acme"))).isInstanceOf(AccessDeniedException.class);
        assertThat(as("alice", () -> tenants.visible()).stream().map(Tenant::name))
                .containsExactly("acme");
    }

    @Test
    void tenant_names_follow_the_machine_name_rules() {
        ZoneDeckException e = as("operator", () -> catchRefusal(() -> tenants.create("bad name!", "")));
        assertThat(e.messageFor("name")).isPresent();
        assertThat(e.messageFor("displayName")).isPresent();
        e = as(
                "operator",
                () -> catchRefusal(() -> tenants.create(UUID.randomUUID().toString(), "Looks like an id")));
        assertThat(e.messageFor("name")).isPresent();
        assertThat(as("operator", () -> tenants.create("initech", "Initech LLC"))
                        .enabled())
                .isTrue();
        assertThat(as("operator", () -> refusal(() -> tenants.create("initech", "Again"))))
                .isEqualTo("409 Duplicate");
    }

    @Test
    void ssh_keys_belong_to_their_user_alone() {
        SshKey key = as("bob", () -> keys.add("laptop", KEY));
        assertThat(key.fingerprint()).isEqualTo("SHA256:Cwdl1NJfIow8/tc+kd2ZSqR1cSTYooAnXavU4sJsRlY");
        assertThat(as("bob", () -> refusal(() -> keys.add("again", KEY)))).isEqualTo("409 Duplicate");
        assertThat(as("alice", () -> keys.mine()).stream().map(SshKey::id)).doesNotContain(key.id());
        String missing = as("alice", () -> refusal(() -> keys.delete(UUID.randomUUID())));
        assertThat(as("alice", () -> refusal(() -> keys.delete(key.id())))).isEqualTo(missing);
        as("bob", () -> keys.delete(key.id()));
        assertThat(as("bob", () -> keys.mine())).isEmpty();
    }

    @Test
    void a_password_change_needs_the_current_password_and_follows_the_rules() {
        UUID created = as(
                        "operator",
                        () -> users.createUser(
                                new NewUser("frank", "my first secret phrase", Roles.TENANT_USER, "globex")))
                .id();
        assertThat(created).isNotNull();
        ZoneDeckException e =
                as("frank", () -> catchRefusal(() -> users.changePassword("wrong one", "my second secret phrase")));
        assertThat(e.messageFor("currentPassword")).isPresent();
        e = as("frank", () -> catchRefusal(() -> users.changePassword("my first secret phrase", "frank-2024-abc")));
        assertThat(e.messageFor("newPassword"))
                .hasValueSatisfying(m -> assertThat(m).contains("user name"));
        as("frank", () -> users.changePassword("my first secret phrase", "a much better secret"));
        assertThat(encoder.matches(
                        "a much better secret",
                        users.loadUserByUsername("frank").getPassword()))
                .isTrue();
    }

    @Test
    void a_quota_request_is_asked_by_a_tenant_admin_once_per_limit_and_approved_by_an_operator() {
        as("operator", () -> quotas.setQuota("acme", Quota.UNLIMITED.with(QuotaLimit.SNAPSHOTS, 4L)));
        QuotaRequest r =
                as("alice", () -> requests.request(new QuotaRaise("snapshots", 8L, "nightly snapshots of db-01")));
        assertThat(r.pending()).isTrue();
        assertThat(r.currentLimit()).isEqualTo(4L);
        assertThat(as("alice", () -> refusal(() -> requests.request(new QuotaRaise("snapshots", 16L, "more")))))
                .isEqualTo("409 Duplicate");
        ZoneDeckException e =
                as("alice", () -> catchRefusal(() -> requests.request(new QuotaRaise("machines", 5L, ""))));
        assertThat(e.messageFor("limit")).hasValueSatisfying(m -> assertThat(m).contains("unlimited"));
        assertThat(e.messageFor("reason")).isPresent();
        e = as("alice", () -> catchRefusal(() -> requests.request(new QuotaRaise("snapshots", 1L, "x".repeat(501)))));
        assertThat(e.messageFor("reason")).hasValueSatisfying(m -> assertThat(m).contains("500"));
        assertThatThrownBy(() -> as("bob", () -> requests.request(new QuotaRaise("snapshots", 99L, "please"))))
                .isInstanceOf(AccessDeniedException.class);

        // another tenant's request is NotFound, and invisible in its list
        String missing = as("bob", () -> refusal(() -> requests.get(UUID.randomUUID())));
        assertThat(as("bob", () -> refusal(() -> requests.get(r.id())))).isEqualTo(missing);
        assertThat(as("bob", () -> requests.list())).noneMatch(x -> x.id().equals(r.id()));
        assertThatThrownBy(() -> as("alice", () -> requests.approve(r.id(), null)))
                .isInstanceOf(AccessDeniedException.class);

        QuotaRequest approved = as("operator", () -> requests.approve(r.id(), "for a week"));
        assertThat(approved.state()).isEqualTo(QuotaRequest.APPROVED);
        assertThat(approved.decidedBy()).isEqualTo("operator");
        assertThat(as("alice", () -> quotas.mine().orElseThrow().limits().snapshots()))
                .isEqualTo(8L);
        assertThat(as("operator", () -> refusal(() -> requests.reject(r.id(), "too late"))))
                .isEqualTo("409 AlreadyDecided");
        // decided: the limit may be asked for again, and a rejection needs a note
        QuotaRequest again = as("alice", () -> requests.request(new QuotaRaise("snapshots", 16L, "and more")));
        e = as("operator", () -> catchRefusal(() -> requests.reject(again.id(), " ")));
        assertThat(e.messageFor("note")).isPresent();
        assertThat(as("operator", () -> requests.reject(again.id(), "not now")).state())
                .isEqualTo(QuotaRequest.REJECTED);
        assertThat(as("alice", () -> quotas.mine().orElseThrow().limits().snapshots()))
                .isEqualTo(8L);
        as("operator", () -> quotas.setQuota("acme", Quota.UNLIMITED));
    }

    private static ZoneDeckException catchRefusal(Runnable call) {
        try {
            call.run();
        } catch (ZoneDeckException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }
}
