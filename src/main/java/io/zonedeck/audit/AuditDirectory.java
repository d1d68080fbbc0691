package io.zonedeck.audit;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the audit log needs to know about people and tenants, provided by the application (see
 * {@code io.zonedeck.AuditWiring}). The audit feature depends on no other feature: every feature carries
 * {@link Audited} and may call {@link AuditScope}, so a dependency back from audit would be a cycle.
 */
public interface AuditDirectory {
    /** A signed-in user as the audit log records them. {@code tenantId} is null for operators. */
    record Actor(UUID userId, String username, UUID tenantId, boolean operator) {}

    /** The caller of the current thread; empty for system work (schedulers, jobs, start-up). */
    Optional<Actor> current();

    /** The user with this name, if there is one (a failed login belongs to that user's tenant). */
    Optional<Actor> user(String username);

    /** Tenant names by id, for labels. */
    Map<UUID, String> tenantNames();
}
