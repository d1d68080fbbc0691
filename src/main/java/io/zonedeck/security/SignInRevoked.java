package io.zonedeck.security;

import java.util.UUID;

/**
 * A user's (or every user of a tenant's) sign-in was revoked: disabled, role changed, or the tenant disabled. Open
 * UI sessions end once the change is committed. Exactly one of the two is set.
 */
public record SignInRevoked(String username, UUID tenantId) {
    public static SignInRevoked user(String username) {
        return new SignInRevoked(username, null);
    }

    public static SignInRevoked tenant(UUID tenantId) {
        return new SignInRevoked(null, tenantId);
    }

    /** True when this revocation covers the session of {@code caller}. */
    public boolean covers(Caller caller) {
        return (username != null && username.equals(caller.username()))
                || (tenantId != null && tenantId.equals(caller.tenantId()));
    }
}
