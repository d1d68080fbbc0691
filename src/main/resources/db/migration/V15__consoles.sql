-- Web consoles (issue 17). A ticket opens one console once: only its SHA-256 is kept, bound to the user, the machine,
-- the kind and (from the UI) the HTTP session it was issued to, with a short lifetime; used_at is set by the one
-- update that redeems it, so two instances cannot both open it.
create table console_ticket (
    token_hash varchar(64) primary key,
    user_id uuid not null references app_user (id),
    machine_id uuid not null,
    kind varchar(8) not null,
    term_cols integer not null,
    term_rows integer not null,
    session_hash varchar(64),
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at timestamp with time zone
);
create index console_ticket_expires on console_ticket (expires_at);

-- Open and past consoles: who, which machine, when, how long, why it closed. seen_at is renewed while the console is
-- open, so the per-machine limit does not count consoles of an instance that died.
create table console_session (
    id uuid primary key,
    user_id uuid not null references app_user (id),
    machine_id uuid not null,
    kind varchar(8) not null,
    opened_at timestamp with time zone not null,
    seen_at timestamp with time zone not null,
    closed_at timestamp with time zone,
    close_reason varchar(200)
);
create index console_session_machine on console_session (machine_id, closed_at);
