package io.zonedeck.security;

import java.time.Instant;
import java.util.UUID;

/** A user as lists and the API show it (never the password hash). {@code tenantId} is null for operators. */
public record UserSummary(UUID id, String username, String role, UUID tenantId, boolean enabled, Instant createdAt) {}
