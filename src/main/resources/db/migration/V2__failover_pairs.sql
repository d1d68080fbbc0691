create table failover_pair (
    id uuid primary key,
    tenant_id uuid not null references tenant (id),
    name varchar(64) not null,
    network_id uuid not null references network (id),
    vrid integer not null,
    vip varchar(45) not null,
    interval_ms integer not null,
    preempt boolean not null,
    accept_mode boolean not null,
    machine_a uuid not null,
    priority_a integer not null,
    enabled_a boolean not null,
    machine_b uuid not null,
    priority_b integer not null,
    enabled_b boolean not null,
    created_at timestamp with time zone not null,
    unique (tenant_id, name),
    unique (network_id, vrid)
);

create table failover_event (
    id uuid primary key,
    pair_id uuid not null references failover_pair (id) on delete cascade,
    at_time timestamp with time zone not null,
    from_machine uuid,
    to_machine uuid not null,
    duration_ms bigint,
    reason varchar(200) not null
);
create index failover_event_pair on failover_event (pair_id, at_time);
