package io.zonedeck.failover.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "failover_pair")
public class PairEntity {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(nullable = false)
    public String name;

    @Column(name = "network_id", nullable = false)
    public UUID networkId;

    @Column(nullable = false)
    public int vrid;

    @Column(nullable = false)
    public String vip;

    @Column(name = "interval_ms", nullable = false)
    public int intervalMs;

    @Column(nullable = false)
    public boolean preempt;

    @Column(name = "accept_mode", nullable = false)
    public boolean accept;

    @Column(name = "machine_a", nullable = false)
    public UUID machineA;

    @Column(name = "priority_a", nullable = false)
    public int priorityA;

    @Column(name = "enabled_a", nullable = false)
    public boolean enabledA;

    @Column(name = "machine_b", nullable = false)
    public UUID machineB;

    @Column(name = "priority_b", nullable = false)
    public int priorityB;

    @Column(name = "enabled_b", nullable = false)
    public boolean enabledB;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
