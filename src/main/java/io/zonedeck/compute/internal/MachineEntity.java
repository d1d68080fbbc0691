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

    @Column(nullable = false)
    public int vcpus;

    @Column(name = "cpu_shares", nullable = false)
    public int cpuShares = 100;

    @Column(name = "zfs_io_priority", nullable = false)
    public int zfsIoPriority = 100;

    @Column(name = "max_lwps", nullable = false)
    public int maxLwps = 2000;

    @Column(name = "max_swap_mib", nullable = false)
    public long maxSwapMiB = 256;

    /** % of one CPU always available; 0 = none (cpu_cap is a plain cap). */
    @Column(name = "cpu_baseline", nullable = false)
    public int cpuBaseline;

    /** Burst credit in seconds above the baseline. */
    @Column(name = "cpu_burst_seconds", nullable = false)
    public int cpuBurstSeconds;

    /** Disk I/O throttle, bytes/s; 0 = unlimited. */
    @Column(name = "disk_bps_max", nullable = false)
    public long diskBpsMax;

    /** Disk I/O throttle, ops/s; 0 = unlimited. */
    @Column(name = "disk_iops_max", nullable = false)
    public long diskIopsMax;

    /** JSON object of string values. */
    @Column(nullable = false, length = 16000)
    public String tags = "{}";

    /** JSON object of string values (vmadm customer_metadata; root_authorized_keys holds SSH keys). */
    @Column(name = "customer_metadata", nullable = false, length = 600000)
    public String customerMetadata = "{}";

    /** Placement rules as given at create, one per line. */
    @Column(nullable = false, length = 2000)
    public String affinity = "";

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
