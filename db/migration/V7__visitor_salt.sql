-- The secrets visitor keys are computed with, shared by all instances through the database so that each computes the
-- same key for the same visitor (and PostgreSQL's article_readers then counts the visitor once, whatever instance
-- took the view).
--
-- visitor_salt: the salt of the day (in the newsroom zone) for anonymous visitors, HMAC-SHA256(salt, address + user
-- agent). Created by the first instance that needs it that day (insert ... on conflict do nothing, then read); days
-- before yesterday are deleted at the same time, so that a key of the past can no longer be recomputed from an
-- address.
create table visitor_salt (
    day        date primary key,
    salt       bytea not null,
    created_at timestamp with time zone not null default current_timestamp
);

-- visitor_id_key: the one permanent key client visitorIds are hashed with (HMAC-SHA256), created by the first instance
-- that needs it. Keys are stored in article_readers, so a plain hash of a guessable id would be reversible.
create table visitor_id_key (
    id         integer primary key,
    secret     bytea not null,
    created_at timestamp with time zone not null default current_timestamp,
    constraint visitor_id_key_single check (id = 1)
);

-- What view ingestion decided, per hour (UTC, of the decision), entry point ('graphql', 'beacon') and outcome
-- ('accepted', 'duplicate', 'late_duplicate', 'bot', 'rejected', 'rate_limited'), summed over all instances. Written
-- by the flush statement of each instance (same batch id as its views, so a retried batch is not counted twice):
-- 'accepted' and 'late_duplicate' are what PostgreSQL decided about the views answered as counted, the others what
-- the instance decided in memory.
create table view_ingestion_hourly (
    hour        timestamp with time zone not null,
    entry_point varchar(16) not null,
    outcome     varchar(16) not null,
    views       bigint not null,
    primary key (hour, entry_point, outcome)
);
