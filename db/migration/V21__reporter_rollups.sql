-- Views per reporter and hour, summed from article_views_hourly over the articles crediting the reporter (an article
-- counts fully for every reporter it credits), written by the same rounds and for the same hours as section_hourly
-- (section_rollup_range), so that reporterTotals reads one row per reporter and hour instead of one per credit and
-- hour. See docs/analytics.md, "Section rollups".
create table reporter_hourly (
    reporter_id bigint not null,
    hour        timestamp with time zone not null,
    views       bigint not null,
    primary key (reporter_id, hour)
);
create index reporter_hourly_hour_idx on reporter_hourly (hour) include (reporter_id, views);

-- [jooq ignore start]
-- A new value at every change of the rollups' contents (a round that rolls up or rewrites hours, new covered hours, an
-- article moved, credited or deleted), so that sums of rolled-up hours can be kept in memory until the next change. A
-- sequence, so that a range recreated after `truncate section_rollup_range` never repeats an earlier version.
create sequence section_rollup_version;
alter table section_rollup_range add column version bigint not null default nextval('section_rollup_version');
-- [jooq ignore stop]

-- The hours the section rollups already cover, for the reporters too.
insert into reporter_hourly (reporter_id, hour, views)
select ar.reporter_id, h.hour, sum(h.views)
from article_views_hourly h
join article_reporter ar on ar.article_id = h.article_id
join section_rollup_range c on c.id = 1 and h.hour >= c.first_hour and h.hour < c.end_hour
group by ar.reporter_id, h.hour;

-- [jooq ignore start]
-- The rollups follow an article moved to another section, deleted, or credited to a reporter or no longer: its
-- rolled-up hours move from one row to the other, in the same transaction as the change. The rounds take the
-- rollups' advisory lock (RollupRepository.LOCK) exclusively; these changes take it shared, so they wait for a round
-- under way and a round never sums an article in a section or reporter it is being moved out of.
create function news_rollups_shift(p_article bigint, p_section bigint, p_reporter bigint, p_sign bigint) returns void
    language plpgsql
    as $$
    declare
        c record;
    begin
        select first_hour, end_hour into c from section_rollup_range where id = 1;
        if not found or not exists (select 1 from article_views_hourly
                                    where article_id = p_article and hour >= c.first_hour and hour < c.end_hour)
                       and not exists (select 1 from article_engaged_hourly
                                    where article_id = p_article and hour >= c.first_hour and hour < c.end_hour) then
            -- Nothing of the article is rolled up (a new article): nothing to move, no lock taken.
            return;
        end if;
        perform pg_advisory_xact_lock_shared(7243917020);
        select first_hour, end_hour into c from section_rollup_range where id = 1;
        if p_section is not null then
            insert into section_hourly as s (section_id, hour, views, engaged_seconds)
            select p_section, x.hour, p_sign * sum(x.views), p_sign * sum(x.seconds)
            from (select hour, views, 0::bigint as seconds from article_views_hourly
                  where article_id = p_article and hour >= c.first_hour and hour < c.end_hour
                  union all
                  select hour, 0::bigint, seconds from article_engaged_hourly
                  where article_id = p_article and hour >= c.first_hour and hour < c.end_hour) x
            group by x.hour
            order by x.hour
            on conflict (section_id, hour) do update
                set views = s.views + excluded.views, engaged_seconds = s.engaged_seconds + excluded.engaged_seconds;
            insert into section_sources_hourly as s (section_id, hour, category, views)
            select p_section, hour, category, p_sign * views
            from article_sources_hourly
            where article_id = p_article and hour >= c.first_hour and hour < c.end_hour
            order by hour, category
            on conflict (section_id, hour, category) do update set views = s.views + excluded.views;
        end if;
        if p_reporter is not null then
            insert into reporter_hourly as r (reporter_id, hour, views)
            select p_reporter, hour, p_sign * views
            from article_views_hourly
            where article_id = p_article and hour >= c.first_hour and hour < c.end_hour
            order by hour
            on conflict (reporter_id, hour) do update set views = r.views + excluded.views;
        end if;
        update section_rollup_range set version = nextval('section_rollup_version') where id = 1;
    end
    $$;

create function news_rollups_article_moved() returns trigger
    language plpgsql
    as $$
    begin
        perform news_rollups_shift(new.id, old.section_id, null, -1);
        perform news_rollups_shift(new.id, new.section_id, null, 1);
        return null;
    end
    $$;
create trigger article_rollups_moved after update of section_id on article
    for each row when (old.section_id is distinct from new.section_id) execute function news_rollups_article_moved();

-- Before the delete: the article's hourly rows and credits are still there (they go with it, on delete cascade).
create function news_rollups_article_deleted() returns trigger
    language plpgsql
    as $$
    declare
        credit record;
    begin
        perform news_rollups_shift(old.id, old.section_id, null, -1);
        for credit in select reporter_id from article_reporter where article_id = old.id loop
            perform news_rollups_shift(old.id, null, credit.reporter_id, -1);
        end loop;
        return old;
    end
    $$;
create trigger article_rollups_deleted before delete on article
    for each row execute function news_rollups_article_deleted();

-- A credit removed with its article (the cascade) was taken out by the article's trigger already.
create function news_rollups_credit_changed() returns trigger
    language plpgsql
    as $$
    begin
        if tg_op in ('DELETE', 'UPDATE') and exists (select 1 from article where id = old.article_id) then
            perform news_rollups_shift(old.article_id, null, old.reporter_id, -1);
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
            perform news_rollups_shift(new.article_id, null, new.reporter_id, 1);
        end if;
        return null;
    end
    $$;
create trigger article_reporter_rollups after insert or delete or update of article_id, reporter_id
    on article_reporter for each row execute function news_rollups_credit_changed();
-- [jooq ignore stop]
