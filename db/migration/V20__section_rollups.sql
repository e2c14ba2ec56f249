-- Per-section sums of closed hours of the per-article hourly tables, so that the editors' site- and section-wide
-- figures over long periods (sources, engaged time, views over time) read one row per section and hour instead of one
-- per article and hour (see docs/analytics.md, "Section rollups"). One instance at a time (an advisory lock) writes
-- them from article_views_hourly, article_engaged_hourly and article_sources_hourly; section_rollup_range holds the
-- hours they cover, [first_hour, end_hour). Reads take the hours outside that range from the per-article tables. A
-- row counts the articles filed in the section when its hour was last rolled up.
create table section_hourly (
    section_id      bigint not null,
    hour            timestamp with time zone not null,
    views           bigint not null,
    engaged_seconds bigint not null,
    primary key (section_id, hour)
);
create index section_hourly_hour_idx on section_hourly (hour) include (section_id, views, engaged_seconds);

create table section_sources_hourly (
    section_id bigint not null,
    hour       timestamp with time zone not null,
    category   varchar(20) not null,
    views      bigint not null,
    primary key (section_id, hour, category)
);
create index section_sources_hourly_hour_idx on section_sources_hourly (hour) include (section_id, category, views);

create table section_rollup_range (
    id         integer primary key check (id = 1),
    first_hour timestamp with time zone not null,
    end_hour   timestamp with time zone not null
);

-- Per-section sums over the per-article tables (the hours the rollups do not cover, the window totals of
-- sectionTotals) join article only for its section: this index answers that without reading the articles' rows.
create index article_id_section_idx on article (id) include (section_id);
