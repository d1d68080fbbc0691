package io.zonedeck.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One audit record as the audit page, the REST API and the CSV export show it. Text values are escaped (see
 * {@link LogSafe}).
 *
 * @param username who acted: a user name, {@code system} for work without a caller, or the name a failed login
 *     attempted
 * @param tenantId the tenant the record belongs to; null for operator-only records
 * @param tenant that tenant's name
 * @param result {@code ok} or the refusal's code (NotFound, Invalid, Busy, Forbidden, BadCredentials, ...)
 * @param source {@code ui}, {@code api} or {@code system}
 */
public record AuditEvent(
        long id,
        Instant at,
        String username,
        UUID userId,
        UUID tenantId,
        String tenant,
        String action,
        String target,
        String result,
        String message,
        String requestId,
        String source,
        String remoteAddress) {
    public static final String OK = "ok";

    public boolean ok() {
        return OK.equals(result);
    }
}
