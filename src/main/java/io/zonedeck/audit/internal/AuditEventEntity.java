package io.zonedeck.audit.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "audit_event")
public class AuditEventEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String username;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String target;

    @Column(nullable = false)
    public String result;

    @Column(nullable = false)
    public String message;

    @Column(name = "request_id")
    public String requestId;

    @Column(nullable = false)
    public String source;

    @Column(name = "remote_address")
    public String remoteAddress;
}
