-- The per-client view rate limit shared by all instances (news.analytics.rate-limit.shared): one Bucket4j token
-- bucket per client key (an IPv4 address, or an IPv6 /64 prefix). Bucket4j's PostgreSQL backend reads a row with
-- SELECT ... FOR UPDATE, and writes the serialized bucket back with the time after which a full bucket may be
-- forgotten (epoch milliseconds): the instances delete rows past it in small batches, so the table holds only the
-- clients of the last few refill periods.
--
-- Unlogged: the rows are cheap to write and worthless after a crash or on a standby (an absent row is a full bucket,
-- which is what a client gets after the refill time anyway), so they skip the write-ahead log.
-- [jooq ignore start]
create unlogged table rate_limit_buckets (
    id text primary key,
    state bytea,
    expires_at bigint
);

create index rate_limit_buckets_expires_at on rate_limit_buckets (expires_at);
-- [jooq ignore stop]
