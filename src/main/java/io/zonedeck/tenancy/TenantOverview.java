package io.zonedeck.tenancy;

/** A tenant on the operators' tenants page: its state, how many users, its quota and pending raise requests. */
public record TenantOverview(Tenant tenant, long users, QuotaStatus quota, long pendingRequests) {}
