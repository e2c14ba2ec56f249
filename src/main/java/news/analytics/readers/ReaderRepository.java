package news.analytics.readers;

import static news.db.Tables.ARTICLE;
import static news.db.Tables.ARTICLE_REPORTER;
import static news.db.Tables.READER_SKETCH_HOURLY;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.selectDistinct;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Table;
import org.springframework.stereotype.Repository;

/**
 * Reads the kept reader keys ({@code article_readers}, partitioned, so not among the generated tables) and reads and
 * writes the hourly sketches ({@code reader_sketch_hourly}).
 */
@Repository
class ReaderRepository {

    /** The lock of the sketch builders: one instance at a time rebuilds an hour. */
    static final long BUILD_LOCK = 7243917012L;

    static final Table<?> READERS = table(name("article_readers"));

    static final Field<Long> ARTICLE_ID = field(name("article_readers", "article_id"), Long.class);

    static final Field<OffsetDateTime> SLOT_START = field(name("article_readers", "slot_start"), OffsetDateTime.class);

    static final Field<Long> VISITOR_HI = field(name("article_readers", "visitor_hi"), Long.class);

    static final Field<Long> VISITOR_LO = field(name("article_readers", "visitor_lo"), Long.class);

    /** The hour (UTC) a key's slot starts in, whatever the session's time zone. */
    private static final Field<OffsetDateTime> SLOT_HOUR = field(
            "date_bin(interval '1 hour', {0}, timestamptz '2000-01-01 00:00:00+00')", OffsetDateTime.class, SLOT_START);

    private final DSLContext dsl;

    ReaderRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Condition slotsIn(Instant from, Instant to) {
        return SLOT_START.ge(utc(from)).and(SLOT_START.lt(utc(to)));
    }

    // ---- building --------------------------------------------------------------------------------------------

    /** Takes the builders' lock for the current transaction; false when another instance holds it. */
    boolean tryLock() {
        return Boolean.TRUE.equals(dsl.fetchValue("select pg_try_advisory_xact_lock(?)", BUILD_LOCK));
    }

    /** Waits for the builders' lock, for the current transaction. */
    void lock() {
        dsl.fetchValue("select pg_advisory_xact_lock(?)::text", BUILD_LOCK);
    }

    /**
     * Takes the builders' lock shared, for the current transaction: instances writing their own sketches do not wait
     * for each other, but a rebuild of an hour (which replaces every writer's rows) waits for them and they for it.
     */
    void lockShared() {
        dsl.fetchValue("select pg_advisory_xact_lock_shared(?)::text", BUILD_LOCK);
    }

    /** Kept keys per hour (UTC) with any, from {@code from} to {@code to}. */
    Map<Instant, Long> keysPerHour(Instant from, Instant to) {
        Map<Instant, Long> result = new HashMap<>();
        Field<Integer> rows = count();
        dsl.select(SLOT_HOUR, rows)
                .from(READERS)
                .where(slotsIn(from, to))
                .groupBy(SLOT_HOUR)
                .forEach(r ->
                        result.put(r.get(SLOT_HOUR).toInstant(), r.get(rows).longValue()));
        return result;
    }

    /** The keys each hour's sketches were built from (all writers), from {@code from} to {@code to}. */
    Map<Instant, Long> builtFrom(Instant from, Instant to) {
        Map<Instant, Long> result = new HashMap<>();
        Field<java.math.BigDecimal> rows = sum(READER_SKETCH_HOURLY.SOURCE_ROWS);
        dsl.select(READER_SKETCH_HOURLY.HOUR, rows)
                .from(READER_SKETCH_HOURLY)
                .where(READER_SKETCH_HOURLY
                        .SCOPE_KIND
                        .eq(Scope.Kind.SITE.name())
                        .and(READER_SKETCH_HOURLY.SCOPE_ID.eq(0L))
                        .and(READER_SKETCH_HOURLY.HOUR.ge(utc(from)))
                        .and(READER_SKETCH_HOURLY.HOUR.lt(utc(to))))
                .groupBy(READER_SKETCH_HOURLY.HOUR)
                .forEach(r -> result.put(
                        r.get(READER_SKETCH_HOURLY.HOUR).toInstant(),
                        r.get(rows).longValue()));
        return result;
    }

    /** Receives kept keys one by one. */
    interface KeySink {
        void accept(long articleId, long hi, long lo);
    }

    /** Streams the keys of one hour (within a transaction, so through a cursor, a few thousand rows at a time). */
    void keysOf(Instant hour, KeySink sink) {
        try (Cursor<Record3<Long, Long, Long>> cursor = dsl.select(ARTICLE_ID, VISITOR_HI, VISITOR_LO)
                .from(READERS)
                .where(slotsIn(hour, hour.plusSeconds(3600)))
                .fetchSize(5000)
                .fetchLazy()) {
            for (Record3<Long, Long, Long> r : cursor) {
                sink.accept(r.get(ARTICLE_ID), r.get(VISITOR_HI), r.get(VISITOR_LO));
            }
        }
    }

    /** The section of each article with keys in the hour. */
    Map<Long, Long> sectionsOf(Instant hour) {
        Map<Long, Long> result = new HashMap<>();
        dsl.select(ARTICLE.ID, ARTICLE.SECTION_ID)
                .from(ARTICLE)
                .where(ARTICLE.ID.in(
                        selectDistinct(ARTICLE_ID).from(READERS).where(slotsIn(hour, hour.plusSeconds(3600)))))
                .forEach(r -> result.put(r.get(ARTICLE.ID), r.get(ARTICLE.SECTION_ID)));
        return result;
    }

    /** The reporters credited on each article with keys in the hour. */
    Map<Long, List<Long>> reportersOf(Instant hour) {
        Map<Long, List<Long>> result = new HashMap<>();
        dsl.select(ARTICLE_REPORTER.ARTICLE_ID, ARTICLE_REPORTER.REPORTER_ID)
                .from(ARTICLE_REPORTER)
                .where(ARTICLE_REPORTER.ARTICLE_ID.in(
                        selectDistinct(ARTICLE_ID).from(READERS).where(slotsIn(hour, hour.plusSeconds(3600)))))
                .forEach(r -> result.computeIfAbsent(r.get(ARTICLE_REPORTER.ARTICLE_ID), k -> new ArrayList<>())
                        .add(r.get(ARTICLE_REPORTER.REPORTER_ID)));
        return result;
    }

    /** The section of each of the articles. */
    Map<Long, Long> sectionsOf(Collection<Long> articleIds) {
        Map<Long, Long> result = new HashMap<>();
        dsl.select(ARTICLE.ID, ARTICLE.SECTION_ID)
                .from(ARTICLE)
                .where(ARTICLE.ID.in(articleIds))
                .forEach(r -> result.put(r.get(ARTICLE.ID), r.get(ARTICLE.SECTION_ID)));
        return result;
    }

    /** The reporters credited on each of the articles. */
    Map<Long, List<Long>> reportersOf(Collection<Long> articleIds) {
        Map<Long, List<Long>> result = new HashMap<>();
        dsl.select(ARTICLE_REPORTER.ARTICLE_ID, ARTICLE_REPORTER.REPORTER_ID)
                .from(ARTICLE_REPORTER)
                .where(ARTICLE_REPORTER.ARTICLE_ID.in(articleIds))
                .forEach(r -> result.computeIfAbsent(r.get(ARTICLE_REPORTER.ARTICLE_ID), k -> new ArrayList<>())
                        .add(r.get(ARTICLE_REPORTER.REPORTER_ID)));
        return result;
    }

    /** One scope's sketch of an hour. */
    record Built(Scope.Kind kind, long scopeId, byte[] sketch, long sourceRows) {}

    /** A scope of an hour's sketch. */
    record ScopeKey(Scope.Kind kind, long scopeId) {}

    /** The sketches one writer stored for an hour, of the given scopes, with the keys each was built from. */
    Map<ScopeKey, Built> written(Instant hour, UUID writer, Map<Scope.Kind, ? extends Collection<Long>> scopes) {
        Map<ScopeKey, Built> result = new HashMap<>();
        Condition which = falseCondition();
        for (Map.Entry<Scope.Kind, ? extends Collection<Long>> e : scopes.entrySet()) {
            if (!e.getValue().isEmpty()) {
                which = which.or(READER_SKETCH_HOURLY
                        .SCOPE_KIND
                        .eq(e.getKey().name())
                        .and(READER_SKETCH_HOURLY.SCOPE_ID.in(e.getValue())));
            }
        }
        dsl.select(
                        READER_SKETCH_HOURLY.SCOPE_KIND,
                        READER_SKETCH_HOURLY.SCOPE_ID,
                        READER_SKETCH_HOURLY.SKETCH,
                        READER_SKETCH_HOURLY.SOURCE_ROWS)
                .from(READER_SKETCH_HOURLY)
                .where(READER_SKETCH_HOURLY
                        .HOUR
                        .eq(utc(hour))
                        .and(READER_SKETCH_HOURLY.WRITER.eq(writer))
                        .and(which))
                .forEach(r -> {
                    Scope.Kind kind = Scope.Kind.valueOf(r.get(READER_SKETCH_HOURLY.SCOPE_KIND));
                    long id = r.get(READER_SKETCH_HOURLY.SCOPE_ID);
                    result.put(
                            new ScopeKey(kind, id),
                            new Built(
                                    kind,
                                    id,
                                    r.get(READER_SKETCH_HOURLY.SKETCH),
                                    r.get(READER_SKETCH_HOURLY.SOURCE_ROWS)));
                });
        return result;
    }

    /** Stores one writer's sketches of an hour, replacing those it stored before of the same scopes. */
    void write(Instant hour, UUID writer, Collection<Built> sketches) {
        List<Built> all = new ArrayList<>(sketches);
        for (int from = 0; from < all.size(); from += 1000) {
            var insert = dsl.insertInto(
                    READER_SKETCH_HOURLY,
                    READER_SKETCH_HOURLY.SCOPE_KIND,
                    READER_SKETCH_HOURLY.SCOPE_ID,
                    READER_SKETCH_HOURLY.HOUR,
                    READER_SKETCH_HOURLY.WRITER,
                    READER_SKETCH_HOURLY.SKETCH,
                    READER_SKETCH_HOURLY.SOURCE_ROWS);
            for (Built b : all.subList(from, Math.min(all.size(), from + 1000))) {
                insert = insert.values(b.kind().name(), b.scopeId(), utc(hour), writer, b.sketch(), b.sourceRows());
            }
            insert.onConflict(
                            READER_SKETCH_HOURLY.SCOPE_KIND,
                            READER_SKETCH_HOURLY.SCOPE_ID,
                            READER_SKETCH_HOURLY.HOUR,
                            READER_SKETCH_HOURLY.WRITER)
                    .doUpdate()
                    .set(READER_SKETCH_HOURLY.SKETCH, excluded(READER_SKETCH_HOURLY.SKETCH))
                    .set(READER_SKETCH_HOURLY.SOURCE_ROWS, excluded(READER_SKETCH_HOURLY.SOURCE_ROWS))
                    .execute();
        }
    }

    /** Replaces every sketch of the hour with {@code sketches}. */
    void replaceHour(Instant hour, Collection<Built> sketches) {
        dsl.deleteFrom(READER_SKETCH_HOURLY)
                .where(READER_SKETCH_HOURLY.HOUR.eq(utc(hour)))
                .execute();
        List<Built> all = new ArrayList<>(sketches);
        for (int from = 0; from < all.size(); from += 1000) {
            var insert = dsl.insertInto(
                    READER_SKETCH_HOURLY,
                    READER_SKETCH_HOURLY.SCOPE_KIND,
                    READER_SKETCH_HOURLY.SCOPE_ID,
                    READER_SKETCH_HOURLY.HOUR,
                    READER_SKETCH_HOURLY.SKETCH,
                    READER_SKETCH_HOURLY.SOURCE_ROWS);
            for (Built b : all.subList(from, Math.min(all.size(), from + 1000))) {
                insert = insert.values(b.kind().name(), b.scopeId(), utc(hour), b.sketch(), b.sourceRows());
            }
            insert.execute();
        }
    }

    /** Drops the sketches of hours before {@code cut}. */
    int dropBefore(Instant cut) {
        return dsl.deleteFrom(READER_SKETCH_HOURLY)
                .where(READER_SKETCH_HOURLY.HOUR.lt(utc(cut)))
                .execute();
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    /**
     * The largest version of the sketches of the hours in [from, to) (V22: a new one at every write to an hour's
     * sketches, and to all hours when the table is truncated); 0 when none was recorded.
     */
    long version(Instant from, Instant to) {
        Number v = (Number) dsl.fetchValue(
                "select coalesce(max(version), 0) from reader_sketch_version"
                        + " where hour >= ?::timestamptz and hour < ?::timestamptz or hour = '-infinity'",
                utc(from),
                utc(to));
        return v == null ? 0 : v.longValue();
    }

    /** Exact distinct visitors of each article over the slots in [from, to); articles without any are absent. */
    Map<Long, Long> exact(Collection<Long> articleIds, Instant from, Instant to) {
        Map<Long, Long> result = new HashMap<>();
        if (articleIds.isEmpty()) {
            return result;
        }
        Table<?> distinct = selectDistinct(ARTICLE_ID, VISITOR_HI, VISITOR_LO)
                .from(READERS)
                .where(ARTICLE_ID.in(articleIds).and(slotsIn(from, to)))
                .asTable("d");
        Field<Long> article = distinct.field("article_id", Long.class);
        Field<Integer> readers = count();
        dsl.select(article, readers)
                .from(distinct)
                .groupBy(article)
                .forEach(r -> result.put(r.get(article), r.get(readers).longValue()));
        return result;
    }

    /**
     * Exact distinct visitors of one article per bucket, the buckets given by their boundaries (n + 1 instants for n
     * buckets, ascending): the count of bucket i at index i.
     */
    long[] exactSeries(long articleId, List<Instant> boundaries) {
        long[] result = new long[boundaries.size() - 1];
        OffsetDateTime[] bounds = boundaries.stream().map(ReaderRepository::utc).toArray(OffsetDateTime[]::new);
        Field<Integer> bucket = field(
                "width_bucket({0}, {1})", Integer.class, SLOT_START, val(bounds).cast(OffsetDateTime[].class));
        Table<?> distinct = selectDistinct(bucket.as("bucket"), VISITOR_HI, VISITOR_LO)
                .from(READERS)
                .where(ARTICLE_ID.eq(articleId).and(slotsIn(boundaries.get(0), boundaries.get(boundaries.size() - 1))))
                .asTable("d");
        Field<Integer> b = distinct.field("bucket", Integer.class);
        Field<Integer> readers = count();
        dsl.select(b, readers).from(distinct).groupBy(b).forEach(r -> {
            int i = r.get(b) - 1;
            if (i >= 0 && i < result.length) {
                result[i] = r.get(readers);
            }
        });
        return result;
    }

    /**
     * The largest version of the sketches of each bucket's hours, the buckets given by their boundaries (n + 1
     * instants for n buckets, ascending), each at least the version of the last truncation; 0 when none was recorded.
     */
    long[] bucketVersions(List<Instant> boundaries) {
        int n = boundaries.size() - 1;
        long[] result = new long[n];
        OffsetDateTime[] bounds = boundaries.stream().map(ReaderRepository::utc).toArray(OffsetDateTime[]::new);
        long[] truncated = new long[1];
        dsl.fetch("""
                        select case when hour = '-infinity' then -1 else width_bucket(hour, ?::timestamptz[]) end
                                   as bucket,
                               max(version) as version
                        from reader_sketch_version
                        where hour >= ?::timestamptz and hour < ?::timestamptz or hour = '-infinity'
                        group by 1
                        """, bounds, bounds[0], bounds[n]).forEach(r -> {
            int bucket = r.get("bucket", Integer.class);
            long version = r.get("version", Long.class);
            if (bucket < 0) {
                truncated[0] = version;
            } else if (bucket >= 1 && bucket <= n) {
                result[bucket - 1] = version;
            }
        });
        for (int i = 0; i < n; i++) {
            result[i] = Math.max(result[i], truncated[0]);
        }
        return result;
    }

    /** The key of {@link #dayVersions} under which it gives the version of the last truncation. */
    static final long TRUNCATED = Long.MIN_VALUE;

    /**
     * The largest version of the sketches of each UTC day in [from, to) (day starts, epoch seconds; days without any
     * recorded version are absent), and under {@link #TRUNCATED} that of the last truncation of the table (0 if none),
     * which every day's version is at least.
     */
    Map<Long, Long> dayVersions(Instant from, Instant to) {
        Map<Long, Long> result = new HashMap<>();
        result.put(TRUNCATED, 0L);
        dsl.fetch("""
                        select case when hour = '-infinity' then null
                               else date_bin(interval '1 day', hour, timestamptz '2000-01-01 00:00:00+00') end as day,
                               max(version) as version
                        from reader_sketch_version
                        where hour >= ?::timestamptz and hour < ?::timestamptz or hour = '-infinity'
                        group by 1
                        """, utc(from), utc(to)).forEach(r -> {
            OffsetDateTime day = r.get("day", OffsetDateTime.class);
            result.put(day == null ? TRUNCATED : day.toEpochSecond(), r.get("version", Long.class));
        });
        long truncated = result.get(TRUNCATED);
        result.replaceAll((day, version) -> Math.max(version, truncated));
        return result;
    }

    /**
     * As {@link #exactSeries}, with one more count at the end: the distinct visitors of all the buckets together, in
     * the same statement. The article's keys of the range are read once (a materialized CTE) and made distinct twice by
     * hashing, per bucket and over all: the same counts as {@code count(distinct (hi, lo))} over grouping sets, which
     * sorts every bucket's keys as records and took twice as long in PostgreSQL (11.6 against 5.5 ms for 4,784 keys of
     * one article over a week on the benchmark's newsroom, planning 4.0 against 1.0 ms).
     */
    long[] exactSeriesWithTotal(long articleId, List<Instant> boundaries) {
        int n = boundaries.size() - 1;
        long[] result = new long[n + 1];
        OffsetDateTime[] bounds = boundaries.stream().map(ReaderRepository::utc).toArray(OffsetDateTime[]::new);
        dsl.fetch("""
                        with k as materialized (
                            select width_bucket(slot_start, ?::timestamptz[]) as bucket, visitor_hi, visitor_lo
                            from article_readers
                            where article_id = ? and slot_start >= ?::timestamptz and slot_start < ?::timestamptz
                        )
                        select bucket, count(*) as readers
                        from (select distinct bucket, visitor_hi, visitor_lo from k) d
                        group by bucket
                        union all
                        select -1, count(*) from (select distinct visitor_hi, visitor_lo from k) t
                        """, bounds, articleId, bounds[0], bounds[n]).forEach(r -> {
            int bucket = r.get("bucket", Integer.class);
            long count = r.get("readers", Long.class);
            if (bucket < 0) {
                result[n] = count;
            } else if (bucket >= 1 && bucket <= n) {
                result[bucket - 1] = count;
            }
        });
        return result;
    }

    /** Receives stored sketches one by one. */
    interface SketchSink {
        void accept(long scopeId, Instant hour, byte[] sketch);
    }

    /**
     * Streams the stored sketches of one kind of scope for the hours in [from, to): of the scopes {@code ids}, or of
     * all scopes of the kind when null.
     */
    void sketches(Scope.Kind kind, Collection<Long> ids, Instant from, Instant to, SketchSink sink) {
        Condition which = ids == null ? noCondition() : READER_SKETCH_HOURLY.SCOPE_ID.in(ids);
        dsl.transaction(tx -> {
            try (Cursor<Record3<Long, OffsetDateTime, byte[]>> cursor = tx.dsl()
                    .select(READER_SKETCH_HOURLY.SCOPE_ID, READER_SKETCH_HOURLY.HOUR, READER_SKETCH_HOURLY.SKETCH)
                    .from(READER_SKETCH_HOURLY)
                    .where(READER_SKETCH_HOURLY
                            .SCOPE_KIND
                            .eq(kind.name())
                            .and(which)
                            .and(READER_SKETCH_HOURLY.HOUR.ge(utc(from)))
                            .and(READER_SKETCH_HOURLY.HOUR.lt(utc(to))))
                    .fetchSize(500)
                    .fetchLazy()) {
                for (Record3<Long, OffsetDateTime, byte[]> r : cursor) {
                    sink.accept(
                            r.get(READER_SKETCH_HOURLY.SCOPE_ID),
                            r.get(READER_SKETCH_HOURLY.HOUR).toInstant(),
                            r.get(READER_SKETCH_HOURLY.SKETCH));
                }
            }
        });
    }
}
