-- A new version of an hour's reader sketches at every write to them (any writer, a rebuild, a late write of a
-- replayed spool, retention), so that an instance can keep unions of the sketches of hours that have not changed in
-- memory (see docs/readers.md, "Unions kept in memory") and know when they have. Versions come from one sequence, so
-- the largest version of a range of hours grows whenever any of its hours changes. The row of hour '-infinity' changes
-- when the table is truncated (every hour has changed).
create sequence reader_sketch_version_seq;
create table reader_sketch_version (
    hour    timestamp with time zone primary key,
    version bigint not null
);

-- [jooq ignore start]
create function news_reader_sketches_written() returns trigger
    language plpgsql
    as $$
    begin
        insert into reader_sketch_version (hour, version)
        select hour, nextval('reader_sketch_version_seq') from (select distinct hour from changed) h
        order by hour
        on conflict (hour) do update set version = excluded.version;
        return null;
    end
    $$;
create trigger reader_sketches_inserted after insert on reader_sketch_hourly
    referencing new table as changed for each statement execute function news_reader_sketches_written();
create trigger reader_sketches_updated after update on reader_sketch_hourly
    referencing new table as changed for each statement execute function news_reader_sketches_written();
create trigger reader_sketches_deleted after delete on reader_sketch_hourly
    referencing old table as changed for each statement execute function news_reader_sketches_written();

create function news_reader_sketches_truncated() returns trigger
    language plpgsql
    as $$
    begin
        insert into reader_sketch_version (hour, version) values ('-infinity', nextval('reader_sketch_version_seq'))
        on conflict (hour) do update set version = excluded.version;
        return null;
    end
    $$;
create trigger reader_sketches_truncated after truncate on reader_sketch_hourly
    for each statement execute function news_reader_sketches_truncated();
-- [jooq ignore stop]
