create table tenant (
    id uuid primary key,
    name varchar(64) not null unique,
    display_name varchar(128) not null,
    created_at timestamp with time zone not null
);

create table app_user (
    id uuid primary key,
    username varchar(64) not null unique,
    password_hash varchar(100) not null,
    role varchar(32) not null,
    tenant_id uuid references tenant (id),
    enabled boolean not null,
    created_at timestamp with time zone not null
);

create table machine_package (
    id uuid primary key,
    name varchar(64) not null unique,
    ram_mib bigint not null,
    disk_gib bigint not null,
    vcpus integer not null,
    cpu_cap integer not null,
    cpu_shares integer not null,
    zfs_io_priority integer not null,
    max_lwps integer not null,
    active boolean not null
);

create table image (
    id uuid primary key,
    name varchar(64) not null,
    version varchar(32) not null,
    os varchar(32) not null,
    brands varchar(64) not null,
    size_mib bigint not null,
    state varchar(16) not null,
    unique (name, version)
);

create table network (
    id uuid primary key,
    name varchar(64) not null unique,
    nic_tag varchar(64) not null,
    vlan_id integer not null,
    subnet varchar(43) not null,
    gateway varchar(45) not null,
    range_start varchar(45) not null,
    range_end varchar(45) not null
);

create table ip_allocation (
    id uuid primary key,
    network_id uuid not null references network (id),
    ip varchar(45) not null,
    owner_id uuid not null,
    unique (network_id, ip)
);
create index ip_allocation_owner on ip_allocation (owner_id);

create table node (
    id uuid primary key,
    name varchar(64) not null unique,
    url varchar(255) not null,
    credential varchar(128) not null,
    state varchar(16) not null,
    last_heartbeat timestamp with time zone,
    driver varchar(16),
    cpus integer not null default 0,
    ram_mib bigint not null default 0,
    disk_gib bigint not null default 0,
    created_at timestamp with time zone not null
);

create table machine (
    id uuid primary key,
    tenant_id uuid not null references tenant (id),
    name varchar(64) not null,
    brand varchar(16) not null,
    image_id uuid not null references image (id),
    package_id uuid not null references machine_package (id),
    network_id uuid references network (id),
    node_id uuid references node (id),
    state varchar(16) not null,
    ip varchar(45),
    ram_mib bigint not null,
    disk_gib bigint not null,
    cpu_cap integer not null,
    error varchar(1000),
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    unique (tenant_id, name)
);
create index machine_node on machine (node_id);

create table job (
    id uuid primary key,
    machine_id uuid not null,
    tenant_id uuid not null references tenant (id),
    action varchar(16) not null,
    state varchar(16) not null,
    step varchar(200),
    progress integer not null,
    step_log varchar(4000),
    error varchar(1000),
    created_by varchar(64) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    finished_at timestamp with time zone
);
create index job_machine on job (machine_id, state);
create index job_state on job (state);
