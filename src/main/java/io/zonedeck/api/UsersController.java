package io.zonedeck.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zonedeck.security.NewUser;
import io.zonedeck.security.UserService;
import io.zonedeck.security.UserSummary;
import io.zonedeck.tenancy.TenantService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users. Operators manage everyone; tenant admins the users of their own tenant (another tenant's user, or an
 * operator, answers 404 like a missing one); tenant users get 403.
 */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "users", description = "Users, roles and who may sign in")
class UsersController {
    private final UserService users;
    private final TenantService tenants;

    UsersController(UserService users, TenantService tenants) {
        this.users = users;
        this.tenants = tenants;
    }

    record CreateBody(String username, String password, String role, String tenant) {}

    record RoleBody(String role) {}

    /** A user with their tenant's name (null for operators). */
    record UserView(
            UUID id, String username, String role, UUID tenantId, String tenant, boolean enabled, Instant createdAt) {
        static UserView of(UserSummary u, Map<UUID, String> names) {
            return new UserView(
                    u.id(),
                    u.username(),
                    u.role(),
                    u.tenantId(),
                    u.tenantId() == null ? null : names.get(u.tenantId()),
                    u.enabled(),
                    u.createdAt());
        }
    }

    @GetMapping
    @Operation(summary = "List the users the caller manages (operators: all; tenant admins: their tenant's)")
    List<UserView> list() {
        Map<UUID, String> names = tenants.names();
        return users.list().stream().map(u -> UserView.of(u, names)).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One user the caller manages")
    UserView get(@PathVariable String id) {
        return UserView.of(users.get(Ids.parse(id, "user")), tenants.names());
    }

    @PostMapping
    @Operation(
            summary = "Create a user: {username, password, role, tenant (id or name)}. Passwords have at least 12"
                    + " characters and do not contain the user name; tenant admins create TENANT_USER or"
                    + " TENANT_ADMIN in their own tenant")
    ResponseEntity<UserView> create(@RequestBody CreateBody b) {
        UserSummary u = users.createUser(new NewUser(b.username(), b.password(), b.role(), b.tenant()));
        return ResponseEntity.status(HttpStatus.CREATED).body(UserView.of(u, tenants.names()));
    }

    @PostMapping("/{id}/disable")
    @Operation(summary = "Disable a user (not yourself): sign-in is refused and their open sessions end")
    UserView disable(@PathVariable String id) {
        return UserView.of(users.disable(Ids.parse(id, "user")), tenants.names());
    }

    @PostMapping("/{id}/enable")
    @Operation(summary = "Enable a disabled user")
    UserView enable(@PathVariable String id) {
        return UserView.of(users.enable(Ids.parse(id, "user")), tenants.names());
    }

    @PutMapping("/{id}/role")
    @Operation(summary = "Change a tenant user's role: {role: TENANT_ADMIN | TENANT_USER} (not your own)")
    UserView role(@PathVariable String id, @RequestBody RoleBody b) {
        return UserView.of(users.changeRole(Ids.parse(id, "user"), b.role()), tenants.names());
    }
}
