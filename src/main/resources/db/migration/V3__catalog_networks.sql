alter table machine_package add column max_swap_mib bigint not null default 0;
alter table machine_package add column billing_tag varchar(64) not null default '';
update machine_package set max_swap_mib = greatest(ram_mib * 2, 256);

alter table network add column resolvers varchar(255) not null default '';
alter table network add column mtu integer not null default 1500;
alter table network add column owner_tenant_id uuid references tenant (id);
