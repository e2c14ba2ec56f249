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
