package io.zonedeck.compute.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "machine_nic")
public class NicEntity {
    @Id
    public UUID id;

    @Column(name = "machine_id", nullable = false)
    public UUID machineId;

    @Column(name = "network_id", nullable = false)
    public UUID networkId;

    @Column(nullable = false, unique = true)
    public String mac;

    public String ip;

    @Column(name = "primary_nic", nullable = false)
    public boolean primary;

    /** attached, adding, removing. */
    @Column(nullable = false)
    public String state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
