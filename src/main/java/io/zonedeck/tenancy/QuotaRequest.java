package io.zonedeck.tenancy;

import java.time.Instant;
import java.util.UUID;

/**
 * An emergency quota raise: asked by a tenant admin, approved (the limit is raised) or rejected by an operator.
 *
 * @param currentLimit the limit when it was asked for
 * @param state pending, approved or rejected
 * @param note the operator's note with the decision
 */
public record QuotaRequest(
        UUID id,
        UUID tenantId,
        String tenantName,
        QuotaLimit limit,
        Long currentLimit,
        long requested,
        String reason,
        String state,
        String requestedBy,
        Instant requestedAt,
        String decidedBy,
        Instant decidedAt,
        String note) {
    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";

    public boolean pending() {
        return PENDING.equals(state);
    }
}
