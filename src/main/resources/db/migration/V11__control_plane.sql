-- Jobs run on db-scheduler (issue 15): its table, as its PostgreSQL schema has it, in types H2 reads the same way.
create table scheduled_tasks (
    task_name varchar(100) not null,
    task_instance varchar(100) not null,
    task_data bytea,
    execution_time timestamp with time zone not null,
    picked boolean not null,
    picked_by varchar(100),
    last_success timestamp with time zone,
    last_failure timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat timestamp with time zone,
    version bigint not null,
    priority smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);

-- Coordination between portal instances lives here, not in a JVM (docs/decisions/010-control-plane.md).
-- Named locks taken with select … for update: 'placement' serialises what fills nodes, quotas and addresses.
create table cluster_lock (
    name varchar(40) primary key
);
insert into cluster_lock (name) values ('placement');

-- Per-node singleton work (metering, reconcile, node state, failover history) belongs to the lease's holder.
create table node_lease (
    node_id uuid primary key,
    holder varchar(100) not null,
    expires_at timestamp with time zone not null
);

-- Live portal instances (each renews its row with its leases): the leases are shared out evenly among them.
create table portal_instance (
    name varchar(100) primary key,
    seen_at timestamp with time zone not null
);

-- Open views on every instance notice changes by these columns' maximum (ChangeFeed).
create index job_updated_at on job (updated_at);
create index machine_updated_at on machine (updated_at);
