package io.zonedeck.tenancy.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "quota_request")
public class QuotaRequestEntity {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "limit_key", nullable = false)
    public String limitKey;

    @Column(name = "current_limit")
    public Long currentLimit;

    @Column(nullable = false)
    public long requested;

    @Column(nullable = false)
    public String reason;

    @Column(nullable = false)
    public String state;

    /** The limit's key while pending, null once decided: one pending request per tenant and limit. */
    @Column(name = "pending_key")
    public String pendingKey;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    public String note;
}
