package io.zonedeck.compute.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "machine")
public class MachineEntity {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String brand;

    @Column(name = "image_id", nullable = false)
    public UUID imageId;

    @Column(name = "package_id", nullable = false)
    public UUID packageId;

    @Column(name = "network_id")
    public UUID networkId;

    @Column(name = "node_id")
    public UUID nodeId;

    @Column(nullable = false)
    public String state;

    public String ip;

    @Column(name = "ram_mib", nullable = false)
    public long ramMiB;

    @Column(name = "disk_gib", nullable = false)
    public long diskGiB;

    @Column(name = "cpu_cap", nullable = false)
    public int cpuCap;

    public String error;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
