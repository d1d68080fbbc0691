package io.zonedeck.security;

import java.util.UUID;

/** Who is calling a service: every read and write is scoped by this. */
public record Caller(UUID userId, String username, String role, UUID tenantId) {
    public boolean isOperator() {
        return Roles.OPERATOR.equals(role);
    }

    /** True when this caller may see and act on something owned by {@code ownerTenant}. */
    public boolean canAccessTenant(UUID ownerTenant) {
        return isOperator() || (tenantId != null && tenantId.equals(ownerTenant));
    }
}
