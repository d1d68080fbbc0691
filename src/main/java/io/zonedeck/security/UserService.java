package io.zonedeck.security;

import io.zonedeck.audit.Audited;
import io.zonedeck.base.FieldProblems;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.security.internal.UserEntity;
import io.zonedeck.security.internal.UserRepository;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users in the database with BCrypt hashes, and their administration. Operators manage every user; a tenant admin
 * manages the users of their own tenant only (never operators, never another tenant's users: those ids are NotFound
 * like missing ones). Nobody disables themselves or changes their own role. Disabling a user, changing their role
 * or disabling their tenant ends their open UI sessions ({@link SignInRevoked}); HTTP Basic refuses them at the next
 * request because {@link #loadUserByUsername} reports them disabled.
 */
@Service
public class UserService implements UserDetailsService {
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");
    private static final Set<String> TENANT_ROLES = Set.of(Roles.TENANT_ADMIN, Roles.TENANT_USER);
    private static final Set<String> ROLES = Set.of(Roles.OPERATOR, Roles.TENANT_ADMIN, Roles.TENANT_USER);

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final TenantStates tenants;
    private final CurrentCaller caller;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    UserService(
            UserRepository users,
            PasswordEncoder encoder,
            TenantStates tenants,
            CurrentCaller caller,
            ApplicationEventPublisher events,
            Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.tenants = tenants;
        this.caller = caller;
        this.events = events;
        this.clock = clock;
    }

    /** A disabled user, or a user of a disabled tenant, is returned disabled: sign-in refuses them. */
    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        UserEntity u = users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return new ZoneDeckUser(
                new Caller(u.getId(), u.getUsername(), u.getRole(), u.getTenantId()), u.getPasswordHash(), active(u));
    }

    /** True when the user exists, is enabled and so is their tenant. */
    @Transactional(readOnly = true)
    public boolean isActive(String username) {
        return users.findByUsername(username).map(this::active).orElse(false);
    }

    /**
     * Creates a user without the password rules or a caller (seeding and the bootstrap operator only; people are
     * created with {@link #createUser}).
     */
    @Transactional
    @Audited("user.create")
    public UUID create(String username, String rawPassword, String role, UUID tenantId) {
        if (users.findByUsername(username).isPresent()) {
            throw ZoneDeckException.conflict("Duplicate", "user " + username + " already exists");
        }
        if (!Roles.OPERATOR.equals(role) && tenantId == null) {
            throw ZoneDeckException.invalid("tenant", "a tenant user needs a tenant");
        }
        UUID id = UUID.randomUUID();
        users.save(new UserEntity(id, username, encoder.encode(rawPassword), role, tenantId, clock.instant()));
        return id;
    }

    @Transactional(readOnly = true)
    public boolean exists(String username) {
        return users.findByUsername(username).isPresent();
    }

    /** The users the caller manages: all for operators, their tenant's for tenant admins; by name. */
    @RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Transactional(readOnly = true)
    public List<UserSummary> list() {
        Caller c = caller.get();
        List<UserEntity> all =
                c.isOperator() ? users.findAllByOrderByUsername() : users.findByTenantIdOrderByUsername(c.tenantId());
        return all.stream()
                .filter(u -> manages(c, u))
                .map(UserService::toRecord)
                .toList();
    }

    /** One user the caller manages; any other id is NotFound. */
    @RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Transactional(readOnly = true)
    public UserSummary get(UUID id) {
        return toRecord(managed(caller.get(), id));
    }

    /** The signed-in user. */
    @Transactional(readOnly = true)
    public UserSummary me() {
        Caller c = caller.get();
        return users.findById(c.userId())
                .map(UserService::toRecord)
                .orElseThrow(() -> ZoneDeckException.notFound("user " + c.username()));
    }

    /** Number of users per tenant id (operators; the tenants page). */
    @RolesAllowed(Roles.OPERATOR)
    @Transactional(readOnly = true)
    public Map<UUID, Long> countsByTenant() {
        Map<UUID, Long> out = new HashMap<>();
        for (Object[] row : users.countByTenant()) {
            out.put((UUID) row[0], ((Number) row[1]).longValue());
        }
        return out;
    }

    /**
     * Creates a user with the password rules. Operators create any role (an operator belongs to no tenant, a tenant
     * user to an existing tenant); tenant admins create tenant users and tenant admins in their own tenant.
     */
    @RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Transactional
    @Audited("user.create")
    public UserSummary createUser(NewUser request) {
        Caller c = caller.get();
        FieldProblems p = new FieldProblems();
        String username = request.username() == null ? "" : request.username().strip();
        if (username.isEmpty()) {
            p.add("username", FieldProblems.MISSING, "A user name is required");
        } else if (!USERNAME.matcher(username).matches()) {
            p.add(
                    "username",
                    FieldProblems.INVALID,
                    "Use 2-64 lowercase letters, digits, '.', '_' or '-', starting with a letter");
        } else if (users.findByUsername(username).isPresent()) {
            p.add("username", FieldProblems.DUPLICATE, "A user named " + username + " already exists");
        }
        String role = request.role() == null ? "" : request.role().strip();
        UUID tenantId = null;
        if (role.isEmpty()) {
            p.add("role", FieldProblems.MISSING, "Choose a role");
        } else if (!ROLES.contains(role)) {
            p.add("role", FieldProblems.INVALID, "The role is OPERATOR, TENANT_ADMIN or TENANT_USER");
        } else if (!c.isOperator() && !TENANT_ROLES.contains(role)) {
            p.add("role", FieldProblems.INVALID, "Tenant admins create tenant users and tenant admins only");
        }
        String tenant = request.tenant() == null ? "" : request.tenant().strip();
        if (Roles.OPERATOR.equals(role)) {
            if (!tenant.isEmpty()) {
                p.add("tenant", FieldProblems.CONFLICTING, "An operator belongs to no tenant");
            }
        } else if (!c.isOperator()) {
            Optional<UUID> t = tenant.isEmpty() ? Optional.of(c.tenantId()) : tenants.find(tenant);
            if (t.isEmpty() || !t.get().equals(c.tenantId())) {
                p.add("tenant", FieldProblems.INVALID, "No such tenant");
            } else {
                tenantId = t.get();
            }
        } else if (tenant.isEmpty()) {
            p.add("tenant", FieldProblems.MISSING, "A tenant user needs a tenant");
        } else {
            tenantId = tenants.find(tenant).orElse(null);
            if (tenantId == null) {
                p.add("tenant", FieldProblems.INVALID, "No such tenant");
            }
        }
        PasswordRules.check(username, request.password(), "password", p);
        p.throwIfAny();
        UserEntity u = users.save(new UserEntity(
                UUID.randomUUID(), username, encoder.encode(request.password()), role, tenantId, clock.instant()));
        return toRecord(u);
    }

    /** Disables a user the caller manages (not themselves) and ends the user's open sessions. */
    @RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Transactional
    @Audited("user.disable")
    public UserSummary disable(UUID id) {
        Caller c = caller.get();
        UserEntity u = managed(c, id);
        if (u.getId().equals(c.userId())) {
            throw ZoneDeckException.conflict("SelfChange", "Nobody disables themselves: ask another administrator");
        }
        u.setEnabled(false);
        events.publishEvent(SignInRevoked.user(u.getUsername()));
        return toRecord(u);
    }

    @RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Transactional
    @Audited("user.enable")
    public UserSummary enable(UUID id) {
        UserEntity u = managed(caller.get(), id);
        u.setEnabled(true);
        return toRecord(u);
    }

    /**
     * Moves a tenant user between TENANT_USER and TENANT_ADMIN (an operator stays an operator: create a new user
     * instead). Their open sessions end so that they sign in again with the new role.
     */
    @RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Transactional
    @Audited("user.role")
    public UserSummary changeRole(UUID id, String role) {
        Caller c = caller.get();
        UserEntity u = managed(c, id);
        String r = role == null ? "" : role.strip();
        if (u.getId().equals(c.userId())) {
            throw ZoneDeckException.conflict("SelfChange", "Nobody changes their own role: ask another administrator");
        }
        if (Roles.OPERATOR.equals(u.getRole())) {
            throw ZoneDeckException.invalid("role", "An operator stays an operator: create a tenant user instead");
        }
        if (!TENANT_ROLES.contains(r)) {
            throw ZoneDeckException.invalid("role", "A tenant user's role is TENANT_ADMIN or TENANT_USER");
        }
        if (!r.equals(u.getRole())) {
            u.setRole(r);
            events.publishEvent(SignInRevoked.user(u.getUsername()));
        }
        return toRecord(u);
    }

    /** Changes the caller's own password: the current one is required and the new one follows the rules. */
    @Transactional
    @Audited("user.password")
    public void changePassword(String currentPassword, String newPassword) {
        Caller c = caller.get();
        UserEntity u = users.findById(c.userId()).orElseThrow(() -> ZoneDeckException.notFound("user " + c.username()));
        FieldProblems p = new FieldProblems();
        if (currentPassword == null || currentPassword.isEmpty()) {
            p.add("currentPassword", FieldProblems.MISSING, "Enter your current password");
        } else if (!encoder.matches(currentPassword, u.getPasswordHash())) {
            p.add("currentPassword", FieldProblems.INVALID, "This is not your current password");
        }
        PasswordRules.check(u.getUsername(), newPassword, "newPassword", p);
        if (!p.has("newPassword") && !p.has("currentPassword") && Objects.equals(currentPassword, newPassword)) {
            p.add("newPassword", FieldProblems.INVALID, "Choose a password other than the current one");
        }
        p.throwIfAny();
        u.setPasswordHash(encoder.encode(newPassword));
    }

    private boolean active(UserEntity u) {
        return u.isEnabled() && (u.getTenantId() == null || tenants.isEnabled(u.getTenantId()));
    }

    /** Operators manage everyone; a tenant admin the non-operator users of their tenant. */
    private static boolean manages(Caller c, UserEntity u) {
        if (c.isOperator()) {
            return true;
        }
        return Roles.TENANT_ADMIN.equals(c.role())
                && c.tenantId() != null
                && c.tenantId().equals(u.getTenantId())
                && !Roles.OPERATOR.equals(u.getRole());
    }

    private UserEntity managed(Caller c, UUID id) {
        return users.findById(id)
                .filter(u -> manages(c, u))
                .orElseThrow(() -> ZoneDeckException.notFound("user " + id));
    }

    private static UserSummary toRecord(UserEntity u) {
        return new UserSummary(
                u.getId(), u.getUsername(), u.getRole(), u.getTenantId(), u.isEnabled(), u.getCreatedAt());
    }
}
