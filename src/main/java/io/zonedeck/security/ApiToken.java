package io.zonedeck.security;

import java.time.Instant;
import java.util.UUID;

/**
 * A personal access token as its owner sees it in lists: never the token itself, which is shown once.
 *
 * @param prefix the token's first characters, to tell tokens apart
 * @param expiresAt null for a token that does not expire
 */
public record ApiToken(
        UUID id,
        String name,
        ApiTokenScope scope,
        String prefix,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt) {

    /** The answer to creating a token: the token, shown this once, and its list entry. */
    public record Created(String token, ApiToken info) {}
}
