-- Alerts when a story takes off (see docs/analytics.md, "Alerts"). One instance at a time checks (an advisory lock),
-- and it writes the alerts and the articles' states in the transaction that holds the lock, so no alert is raised
-- twice, whichever instances run.

-- Every alert raised, newest last; kept news.analytics.alerts.history-retention.
create table analytics_alert (
    id                 bigint generated always as identity primary key,
    article_id         bigint not null references article (id) on delete cascade,
    kind               varchar(20) not null,
    readers_per_minute double precision not null,
    threshold          double precision not null,
    raised_at          timestamp with time zone not null
);
create index analytics_alert_raised_idx on analytics_alert (raised_at, id);

-- Where each article stands against its threshold: high since its last SPIKE or BACK_RISING, until it falls below
-- the lower threshold; rate = readers per minute when its last alert was raised. An article without a row has never
-- crossed; rows of articles no longer recent are deleted.
create table analytics_alert_state (
    article_id bigint primary key references article (id) on delete cascade,
    high       boolean not null,
    rate       double precision not null,
    changed_at timestamp with time zone not null
);
