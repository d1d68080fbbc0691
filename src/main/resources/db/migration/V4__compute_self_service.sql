-- Desired configuration of a machine beyond its package: the package's values at create or resize time,
-- tags and customer_metadata as JSON objects, placement rules.
alter table machine add column vcpus integer not null default 0;
alter table machine add column cpu_shares integer not null default 100;
alter table machine add column zfs_io_priority integer not null default 100;
alter table machine add column max_lwps integer not null default 2000;
alter table machine add column max_swap_mib bigint not null default 256;
alter table machine add column tags varchar(16000) not null default '{}';
alter table machine add column customer_metadata varchar(600000) not null default '{}';
alter table machine add column affinity varchar(2000) not null default '';
create index machine_tenant_created on machine (tenant_id, created_at);
create index machine_created on machine (created_at);
create index machine_state on machine (state);
create index machine_ip on machine (ip);

-- VNICs: one row per NIC; the primary NIC's address is also kept on machine.ip for lists and search.
create table machine_nic (
    id uuid primary key,
    machine_id uuid not null references machine (id) on delete cascade,
    network_id uuid not null references network (id),
    mac varchar(17) not null unique,
    ip varchar(45),
    primary_nic boolean not null,
    state varchar(16) not null,
    created_at timestamp with time zone not null
);
create index machine_nic_machine on machine_nic (machine_id);

create table machine_snapshot (
    id uuid primary key,
    machine_id uuid not null references machine (id) on delete cascade,
    name varchar(64) not null,
    created_at timestamp with time zone not null,
    unique (machine_id, name)
);

alter table job alter column action set data type varchar(32);
alter table job add column params varchar(8000) not null default '{}';
alter table job add column machine_name varchar(64) not null default '';
create index job_tenant_created on job (tenant_id, created_at);
create index job_created on job (created_at);
update job j set machine_name = coalesce((select m.name from machine m where m.id = j.machine_id), '');
