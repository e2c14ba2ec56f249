-- The engaged time already credited to a reader on an article, shared by all instances: the periods (epoch seconds,
-- UTC, as ranges [from, to)) that their heartbeats covered. A heartbeat reporting N seconds covers the N seconds
-- before it; the flush statement adds the batch's periods to covered and credits only what they added (gained, the
-- periods of the last write that were not covered before), so a reader is credited at most the wall-clock time their
-- heartbeats span, whatever instance or tab sent them and in whatever order the instances write. Rows of readers not
-- seen for news.analytics.engaged.reader-idle are deleted when the hour turns. Unlogged: after a crash it is empty,
-- and only a period covered both before and after the crash (two tabs at that moment) could then be credited twice.
-- No foreign key: the flush statement writes rows of existing articles only.
-- [jooq ignore start]
create unlogged table article_engaged_readers (
    article_id bigint not null,
    visitor_hi bigint not null,
    visitor_lo bigint not null,
    covered    int8multirange not null,
    gained     int8multirange not null,
    seen_at    timestamp with time zone not null,
    primary key (article_id, visitor_hi, visitor_lo)
);
-- [jooq ignore stop]
