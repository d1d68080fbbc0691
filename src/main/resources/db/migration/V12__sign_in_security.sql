-- Sign-in throttling (issue 16): Bucket4j token buckets, one per account and one per source address, kept here so
-- that every portal instance counts the same failures. state is Bucket4j's serialised bucket; blocked_until (epoch
-- milliseconds) is when the bucket has a failure left again, read without a lock before every sign-in; expires_at is
-- when the bucket is surely full again and the row can go.
create table sign_in_bucket (
    id varchar(200) primary key,
    state bytea,
    blocked_until bigint,
    expires_at bigint
);
create index sign_in_bucket_expires on sign_in_bucket (expires_at);

-- Personal access tokens: only the SHA-256 of the token is kept (the token is shown once); prefix is its first
-- characters, shown in lists so a user can tell tokens apart.
create table api_token (
    id uuid primary key,
    user_id uuid not null references app_user (id),
    name varchar(64) not null,
    scope varchar(16) not null,
    token_hash varchar(64) not null unique,
    prefix varchar(16) not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone,
    unique (user_id, name)
);

-- Two-factor sign-in (TOTP, RFC 6238): the shared secret (pending until a first code confirms it), the last time step
-- a code was accepted for (a code is good once), and one-time recovery codes (SHA-256).
alter table app_user add column totp_secret varchar(64);
alter table app_user add column totp_enabled_at timestamp with time zone;
alter table app_user add column totp_last_step bigint;
create table recovery_code (
    user_id uuid not null references app_user (id),
    code_hash varchar(64) not null,
    primary key (user_id, code_hash)
);

-- A tenant whose users must all use two-factor sign-in.
alter table tenant add column mfa_required boolean default false not null;
