-- Machines created before VNICs had rows of their own keep their one NIC as the primary one. Its MAC is
-- derived from the machine id (locally administered, first octet 0x92), as the portal derives new ones.
insert into machine_nic (id, machine_id, network_id, mac, ip, primary_nic, state, created_at)
select m.id,
       m.id,
       m.network_id,
       '92:' || substr(cast(m.id as varchar(36)), 1, 2) || ':' || substr(cast(m.id as varchar(36)), 3, 2) || ':'
           || substr(cast(m.id as varchar(36)), 5, 2) || ':' || substr(cast(m.id as varchar(36)), 7, 2) || ':'
           || substr(cast(m.id as varchar(36)), 10, 2),
       m.ip,
       true,
       'attached',
       m.created_at
from machine m
where m.network_id is not null
  and m.ip is not null
  and not exists (select 1 from machine_nic n where n.machine_id = m.id);
