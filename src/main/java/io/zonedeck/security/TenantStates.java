package io.zonedeck.security;

import java.util.Optional;
import java.util.UUID;

/**
 * What security needs to know of tenants (tenancy implements it, so that security does not depend on tenancy):
 * whether one exists and whether its users may sign in.
 */
public interface TenantStates {
    /** The id of the tenant with this id or name, if one exists (no scope check). */
    Optional<UUID> find(String idOrName);

    /** False for a disabled tenant: its users cannot sign in. */
    boolean isEnabled(UUID tenantId);

    /** True when the tenant's users must use two-factor sign-in. */
    boolean requiresTwoFactor(UUID tenantId);
}
