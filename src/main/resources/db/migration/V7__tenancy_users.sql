-- Tenants can be disabled: their users cannot sign in, their machines keep running.
alter table tenant add column enabled boolean default true not null;

-- A user's saved SSH public keys (offered by the create wizard). The fingerprint is SHA256 of the key blob, as
-- ssh-keygen -l prints it; a user saves a key once, under one name.
create table ssh_key (
    id uuid primary key,
    user_id uuid not null references app_user (id),
    name varchar(64) not null,
    key_type varchar(64) not null,
    bits integer not null,
    public_key varchar(16384) not null,
    fingerprint varchar(80) not null,
    created_at timestamp with time zone not null,
    unique (user_id, fingerprint),
    unique (user_id, name)
);

-- Emergency quota raises asked by a tenant admin and decided by an operator. pending_key is the limit's key while
-- the request is pending and null once decided: the unique key allows one pending request per tenant and limit
-- (NULLs never collide, in H2 as in PostgreSQL).
create table quota_request (
    id uuid primary key,
    tenant_id uuid not null references tenant (id),
    limit_key varchar(32) not null,
    current_limit bigint,
    requested bigint not null,
    reason varchar(500) not null,
    state varchar(16) not null,
    pending_key varchar(32),
    requested_by varchar(64) not null,
    requested_at timestamp with time zone not null,
    decided_by varchar(64),
    decided_at timestamp with time zone,
    note varchar(500),
    unique (tenant_id, pending_key)
);
create index quota_request_tenant on quota_request (tenant_id, requested_at);
create index quota_request_state on quota_request (state);
