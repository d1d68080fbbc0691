package io.zonedeck.catalog.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "machine_package")
public class PackageEntity {
    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String name;

    @Column(name = "ram_mib", nullable = false)
    public long ramMiB;

    @Column(name = "disk_gib", nullable = false)
    public long diskGiB;

    @Column(nullable = false)
    public int vcpus;

    @Column(name = "cpu_cap", nullable = false)
    public int cpuCap;

    @Column(name = "cpu_shares", nullable = false)
    public int cpuShares;

    @Column(name = "zfs_io_priority", nullable = false)
    public int zfsIoPriority;

    @Column(name = "max_lwps", nullable = false)
    public int maxLwps;

    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "max_swap_mib", nullable = false)
    public long maxSwapMiB;

    @Column(name = "billing_tag", nullable = false)
    public String billingTag = "";
}
