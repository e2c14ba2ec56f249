-- Article views counted per (article, hour). The service adds to a row with one batched upsert per flush interval
-- (views = views + excluded.views); additions commute, so several instances can write to one database and totals
-- stay exact. Hours are the start of the hour, in UTC.
create table article_views_hourly (
    article_id bigint not null references article (id) on delete cascade,
    hour       timestamp with time zone not null,
    views      bigint not null,
    primary key (article_id, hour),
    constraint article_views_hourly_positive check (views >= 0)
);

-- Rankings and dashboards read a time range across all articles: an index-only scan over (hour, article_id, views).
-- [jooq ignore start]
create index article_views_hourly_hour_idx on article_views_hourly (hour, article_id) include (views);
-- [jooq ignore stop]

-- Running totals per (window, article) for the ranking windows (LAST_7_DAYS, its previous window, ...), so that a
-- ranking reads the few top rows of an index instead of summing millions of hourly buckets. Each flush adds its
-- counts to the windows whose current range holds their hour; when a window's range moves (the hour turns), the
-- buckets that enter are added and those that leave are subtracted, under an exclusive advisory lock that flushes
-- share. article_views_window_range records the range each window's totals currently cover.
create table article_views_window (
    window_name varchar(40) not null,
    article_id  bigint not null references article (id) on delete cascade,
    views       bigint not null,
    primary key (window_name, article_id)
);
create index article_views_window_rank_idx on article_views_window (window_name, views desc, article_id);

create table article_views_window_range (
    window_name varchar(40) primary key,
    start_hour  timestamp with time zone not null,
    end_hour    timestamp with time zone not null
);

-- Ids of the flushes already applied. A flush whose connection broke after the commit cannot tell whether it was
-- applied; it is retried with the same id, and the upsert skips a batch whose id is here. Ids older than a day are
-- removed when the hour turns.
create table article_views_flush (
    id         uuid primary key,
    flushed_at timestamp with time zone not null default current_timestamp
);
