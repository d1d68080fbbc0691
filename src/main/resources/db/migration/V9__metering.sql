-- Hourly usage per machine (metering). hour_start is the start of a UTC hour, stored as a timestamp without
-- time zone that holds UTC. Each flush adds its deltas to the row (update ... set x = x + ?), so a restart
-- loses at most one flush interval. last_sample_at (epoch millis) is the newest sample counted into the row:
-- after a restart, samples an agent replays that are not newer are not counted again.
create table usage_hour (
    machine_id uuid not null,
    hour_start timestamp not null,
    tenant_id uuid not null,
    machine_name varchar(64) not null,
    package_name varchar(64) not null,
    billing_tag varchar(64) not null,
    cpu_seconds double precision not null,
    ram_gib_hours double precision not null,
    disk_gib_hours double precision not null,
    net_bytes bigint not null,
    samples bigint not null,
    last_sample_at bigint not null,
    primary key (machine_id, hour_start)
);
create index usage_hour_tenant on usage_hour (tenant_id, hour_start);
create index usage_hour_start on usage_hour (hour_start);
