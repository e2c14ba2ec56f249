-- Distinct-count sketches (Apache DataSketches HLL, lgK 12, stored in the compact HLL_4 form) of the visitors in
-- article_readers, one per scope and hour: the whole site, each section (of the articles filed directly in it; a
-- parent's readers are the union of its subtree's sketches), each reporter (of the articles crediting them) and each
-- article. Unions of them estimate unique readers over any range of hours, also after article_readers has dropped the
-- rows (news.analytics.readers.exact-retention). Built in the background from article_readers, one hour at a time;
-- never written by the flush.
create table reader_sketch_hourly (
    scope_kind varchar(8) not null check (scope_kind in ('SITE', 'SECTION', 'REPORTER', 'ARTICLE')),
    scope_id bigint not null,
    hour timestamp with time zone not null,
    sketch bytea not null,
    -- Rows of article_readers the sketch was built from; for SITE, every row of the hour, which tells the builder
    -- whether the hour changed since.
    source_rows bigint not null,
    primary key (scope_kind, scope_id, hour)
);

create index reader_sketch_hourly_hour_idx on reader_sketch_hourly (hour);
