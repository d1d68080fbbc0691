-- Issue 16: what the API accepts must fit. Customer metadata (512 KiB of UTF-8, up to twice that as JSON with
-- escapes), tags (64 × 1152 characters, more as JSON) and a job's parameters (which carry the wanted tags or
-- metadata) overflowed varchar(16000), varchar(600000) and varchar(8000). The request rules bound them; the
-- columns no longer do. A varchar without a length is unbounded on PostgreSQL and 1,000,000,000 characters on H2.
alter table job alter column params set data type varchar;
alter table machine alter column tags set data type varchar;
alter table machine alter column customer_metadata set data type varchar;
