-- Reader sketches written by each instance as it counts: every instance folds the keys its own flushes inserted into
-- article_readers (the flush statement tells it which) into sketches of its own, one row per (scope, hour, writer).
-- A key is inserted by exactly one instance, so the rows of an hour describe disjoint sets, and readers merge all of
-- them (an HLL union). writer is a random id an instance takes when it starts; the nil id marks sketches rebuilt from
-- the kept keys (the repair of an hour whose rows do not account for all its keys, and every sketch built before).
-- source_rows of a writer's SITE row is the keys it folded into that hour.
alter table reader_sketch_hourly add column writer uuid not null default '00000000-0000-0000-0000-000000000000';

-- [jooq ignore start]
alter table reader_sketch_hourly drop constraint reader_sketch_hourly_pkey;
alter table reader_sketch_hourly add primary key (scope_kind, scope_id, hour, writer);
-- [jooq ignore stop]
