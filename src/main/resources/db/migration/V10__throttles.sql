-- Live throttles beyond the package's (issue 4): CPU bursting above a baseline and the disk I/O throttle.
-- cpu_cap, cpu_shares, zfs_io_priority, max_lwps and ram_mib (max_physical_memory) already live on machine.
-- 0 means none, as in vmadm; the package's values apply at create, changes are machine overrides.
alter table machine add column cpu_baseline integer not null default 0;
alter table machine add column cpu_burst_seconds integer not null default 0;
alter table machine add column disk_bps_max bigint not null default 0;
alter table machine add column disk_iops_max bigint not null default 0;
