-- Where counted views came from, per (article, hour, category): internal, search, social, newsletter, campaign,
-- direct or other (see docs/analytics.md, "Sources"). Written by the flush statement, in the same statement as the
-- hourly views, and only for the views PostgreSQL counted there (not late duplicates); additive, idempotent by the
-- batch id like the hourly views.
create table article_sources_hourly (
    article_id bigint not null references article (id) on delete cascade,
    hour       timestamp with time zone not null,
    category   varchar(20) not null,
    views      bigint not null,
    primary key (article_id, hour, category)
);
-- [jooq ignore start]
create index article_sources_hourly_hour_idx on article_sources_hourly (hour, article_id) include (category, views);
-- [jooq ignore stop]

-- Referring hosts of counted views, per (article, hour, host). The host only: lowercased, without "www.", port, path
-- or query; the full referrer is never stored. Each flush keeps the most frequent hosts of each article in its batch
-- (news.analytics.sources.max-hosts-per-article) and counts the rest under "(other)".
create table article_referrers_hourly (
    article_id bigint not null references article (id) on delete cascade,
    hour       timestamp with time zone not null,
    host       varchar(255) not null,
    views      bigint not null,
    primary key (article_id, hour, host)
);

-- Engaged time: seconds readers were active on a visible article page, per (article, hour), as the beacon's
-- heartbeats report them (capped per reader, see docs/analytics.md, "Engaged time"). Additive, written by the same
-- flush statement, idempotent by the batch id.
create table article_engaged_hourly (
    article_id bigint not null references article (id) on delete cascade,
    hour       timestamp with time zone not null,
    seconds    bigint not null,
    primary key (article_id, hour)
);
-- [jooq ignore start]
create index article_engaged_hourly_hour_idx on article_engaged_hourly (hour, article_id) include (seconds);
-- [jooq ignore stop]

-- Readers now: who reported a view or a heartbeat of an article, per minute (UTC), by visitor key (the 128-bit key of
-- article_readers; no id or address). Written by the same flush statement (insert ... on conflict do nothing), read as
-- the distinct visitors of the last 5 minutes; rows older than an hour are deleted when the hour turns.
create table reader_presence (
    minute     timestamp with time zone not null,
    article_id bigint not null references article (id) on delete cascade,
    visitor_hi bigint not null,
    visitor_lo bigint not null,
    primary key (minute, article_id, visitor_hi, visitor_lo)
);
