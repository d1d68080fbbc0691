-- Per-tenant limits; a null limit is unlimited. Usage is not stored: it is what the tenant's machines hold,
-- counted under the tenant's row lock when an operation is accepted (see QuotaService.reserve).
create table tenant_quota (
    tenant_id uuid primary key references tenant (id),
    machines bigint,
    ram_mib bigint,
    disk_gib bigint,
    vcpus bigint,
    cpu_cap bigint,
    snapshots bigint,
    vnics bigint,
    public_ips bigint,
    updated_at timestamp with time zone not null
);
