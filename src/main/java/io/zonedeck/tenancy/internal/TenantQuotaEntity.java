package io.zonedeck.tenancy.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "tenant_quota")
public class TenantQuotaEntity {
    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    public Long machines;

    @Column(name = "ram_mib")
    public Long ramMiB;

    @Column(name = "disk_gib")
    public Long diskGiB;

    public Long vcpus;

    @Column(name = "cpu_cap")
    public Long cpuCap;

    public Long snapshots;
    public Long vnics;

    @Column(name = "public_ips")
    public Long publicIps;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
