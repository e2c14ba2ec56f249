-- Who was counted for which article, once per dedupe slot. A slot is a fixed period of news.analytics.dedupe-window
-- (30 minutes by default) counted from the epoch in UTC; a visitor counts once per (article, slot). The flush inserts
-- the (article, slot, visitor) keys of the views it writes with ON CONFLICT DO NOTHING, and only the rows actually
-- inserted are added to the hourly counts: so PostgreSQL, not the instance that received the view, decides whether a
-- view counts, once for all instances.
--
-- The same rows answer "how many distinct readers did this article have" exactly, for any range of slots still kept
-- (news.analytics.readers.exact-retention). A visitor is a 128-bit key: a keyed hash of the client's visitorId, or of
-- the address and user agent with the salt of the day (see visitor_salt); neither the id nor the address is stored.
--
-- Partitioned by day (UTC) of slot_start; the service creates the partitions ahead and drops those older than the
-- retention. A row whose day has no partition is never written (see the flush statement).
-- [jooq ignore start]
create table article_readers (
    article_id bigint not null,
    slot_start timestamp with time zone not null,
    visitor_hi bigint not null,
    visitor_lo bigint not null,
    primary key (article_id, slot_start, visitor_hi, visitor_lo)
) partition by range (slot_start);

-- Reads of one period across all articles (distinct-count sketches per hour) scan by time; rows arrive in time order.
create index article_readers_slot_idx on article_readers using brin (slot_start);

-- Creates the missing daily partitions article_readers_pYYYYMMDD for the days first_day to last_day (UTC), and drops
-- those of days before keep_from. Safe to call from several instances at once: each runs under one advisory lock.
create function article_readers_maintain(first_day date, last_day date, keep_from date) returns void
language plpgsql as $$
declare
    d date;
    p record;
begin
    perform pg_advisory_xact_lock(7243917011);
    d := first_day;
    while d <= last_day loop
        execute format(
            'create table if not exists %I partition of article_readers for values from (%L) to (%L)',
            'article_readers_p' || to_char(d, 'YYYYMMDD'),
            (d::timestamp at time zone 'UTC'),
            ((d + 1)::timestamp at time zone 'UTC'));
        d := d + 1;
    end loop;
    for p in
        select c.relname from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        join pg_class parent on parent.oid = i.inhparent
        where parent.relname = 'article_readers'
          and c.relname ~ '^article_readers_p[0-9]{8}$'
          and to_date(substr(c.relname, 18), 'YYYYMMDD') < keep_from
    loop
        execute format('drop table %I', p.relname);
    end loop;
end
$$;
-- [jooq ignore stop]
