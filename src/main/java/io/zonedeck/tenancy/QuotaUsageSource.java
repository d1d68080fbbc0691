package io.zonedeck.tenancy;

import java.util.UUID;

/**
 * What a tenant's machines hold (compute implements it): machines that have a node, their RAM, disk, vCPUs and
 * cpu_cap, their snapshots (taken or being taken), VNICs and addresses on public networks.
 */
public interface QuotaUsageSource {
    QuotaUsage usage(UUID tenantId);
}
