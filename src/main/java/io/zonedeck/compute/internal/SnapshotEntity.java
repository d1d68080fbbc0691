package io.zonedeck.compute.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "machine_snapshot")
public class SnapshotEntity {
    @Id
    public UUID id;

    @Column(name = "machine_id", nullable = false)
    public UUID machineId;

    @Column(nullable = false)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
