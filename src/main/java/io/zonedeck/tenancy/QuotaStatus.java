package io.zonedeck.tenancy;

import java.util.UUID;

/** A tenant's limits next to what it uses. */
public record QuotaStatus(UUID tenantId, String tenantName, Quota limits, QuotaUsage used) {}
