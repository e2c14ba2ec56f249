-- Automatic persisted queries registered on any instance, so that a hash-only request is answered by every instance
-- and after restarts. Only texts that parsed and validated are stored, under their SHA-256 (lowercase hex). The table
-- is bounded by a periodic eviction (least recently used first); last_used is touched at most about once an hour per
-- hash, in batches, never on every hit.
create table persisted_query (
    hash char(64) primary key,
    document text not null,
    bytes integer not null,
    registered_at timestamptz not null default now(),
    last_used timestamptz not null default now()
);

create index persisted_query_last_used on persisted_query (last_used);
