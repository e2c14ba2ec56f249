package news.analytics.report;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import news.analytics.TimeRange;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/**
 * The section rollups' writes and the hours they cover (V20, V21): per-section sums of the per-article hourly tables,
 * one row per section and hour, and per-reporter sums of the views, one row per reporter and hour, rewritten an hour
 * range at a time by whichever instance holds the lock.
 */
@Repository
class RollupRepository {

    /** The advisory lock of the rollup writes, one instance at a time. */
    static final long LOCK = 7243917020L;

    private final DSLContext dsl;

    RollupRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Takes the rollups' lock for the current transaction; false when another instance holds it. */
    boolean tryLock() {
        return Boolean.TRUE.equals(dsl.fetchValue("select pg_try_advisory_xact_lock(?)", LOCK));
    }

    /** The hours the rollups cover, [first, end); empty before the first rollup. */
    Optional<TimeRange> covered() {
        Record r = dsl.fetchOne("select first_hour, end_hour from section_rollup_range where id = 1");
        if (r == null) {
            return Optional.empty();
        }
        return Optional.of(new TimeRange(
                r.get("first_hour", OffsetDateTime.class).toEpochSecond(),
                r.get("end_hour", OffsetDateTime.class).toEpochSecond()));
    }

    /** Records the hours the rollups cover; a new range is a new version of their contents. */
    void cover(TimeRange hours) {
        dsl.execute(
                "insert into section_rollup_range (id, first_hour, end_hour) values (1, ?::timestamptz, ?::timestamptz) on conflict (id) do update"
                        + " set first_hour = excluded.first_hour, end_hour = excluded.end_hour,"
                        + " version = case when (section_rollup_range.first_hour, section_rollup_range.end_hour)"
                        + " = (excluded.first_hour, excluded.end_hour) then section_rollup_range.version"
                        + " else excluded.version end",
                hours.startTime(),
                hours.endTime());
    }

    /** The first hour with views, if any. */
    Optional<Instant> firstHourWithViews() {
        Record r = dsl.fetchOne("select min(hour) as first_hour from article_views_hourly");
        return Optional.ofNullable(r == null ? null : r.get("first_hour", OffsetDateTime.class))
                .map(OffsetDateTime::toInstant);
    }

    /** Rewrites the rollups of the hours in {@code range} from the per-article tables, as they are now. */
    void roll(TimeRange range) {
        OffsetDateTime from = range.startTime();
        OffsetDateTime to = range.endTime();
        dsl.execute("delete from section_hourly where hour >= ?::timestamptz and hour < ?::timestamptz", from, to);
        dsl.execute("""
                insert into section_hourly (section_id, hour, views, engaged_seconds)
                select a.section_id, x.hour, sum(x.views), sum(x.seconds)
                from (select article_id, hour, views, 0::bigint as seconds from article_views_hourly
                      where hour >= ?::timestamptz and hour < ?::timestamptz
                      union all
                      select article_id, hour, 0::bigint, seconds from article_engaged_hourly
                      where hour >= ?::timestamptz and hour < ?::timestamptz) x
                join article a on a.id = x.article_id
                group by a.section_id, x.hour
                """, from, to, from, to);
        dsl.execute(
                "delete from section_sources_hourly where hour >= ?::timestamptz and hour < ?::timestamptz", from, to);
        dsl.execute("""
                insert into section_sources_hourly (section_id, hour, category, views)
                select a.section_id, s.hour, s.category, sum(s.views)
                from article_sources_hourly s join article a on a.id = s.article_id
                where s.hour >= ?::timestamptz and s.hour < ?::timestamptz
                group by a.section_id, s.hour, s.category
                """, from, to);
        dsl.execute("delete from reporter_hourly where hour >= ?::timestamptz and hour < ?::timestamptz", from, to);
        dsl.execute("""
                insert into reporter_hourly (reporter_id, hour, views)
                select ar.reporter_id, h.hour, sum(h.views)
                from article_views_hourly h join article_reporter ar on ar.article_id = h.article_id
                where h.hour >= ?::timestamptz and h.hour < ?::timestamptz
                group by ar.reporter_id, h.hour
                """, from, to);
        dsl.execute("update section_rollup_range set version = nextval('section_rollup_version') where id = 1");
    }

    /**
     * Totals of one hour: views, engaged seconds, views with a source, and views per credit (an article's views once
     * for every reporter it credits).
     */
    record HourTotals(long views, long engagedSeconds, long sourceViews, long creditedViews) {}

    /** Per hour of {@code range}, the totals of the per-article tables (hours without any are absent). */
    Map<Instant, HourTotals> perArticleTotals(TimeRange range) {
        return totals("""
                select hour, sum(views) as views, sum(seconds) as seconds, sum(source_views) as source_views,
                       sum(credited_views) as credited_views from (
                  select hour, views, 0::bigint as seconds, 0::bigint as source_views, 0::bigint as credited_views
                  from article_views_hourly where hour >= ?::timestamptz and hour < ?::timestamptz
                  union all
                  select hour, 0::bigint, seconds, 0::bigint, 0::bigint from article_engaged_hourly where hour >= ?::timestamptz and hour < ?::timestamptz
                  union all
                  select hour, 0::bigint, 0::bigint, views, 0::bigint from article_sources_hourly where hour >= ?::timestamptz and hour < ?::timestamptz
                  union all
                  select h.hour, 0::bigint, 0::bigint, 0::bigint, h.views
                  from article_views_hourly h join article_reporter ar on ar.article_id = h.article_id
                  where h.hour >= ?::timestamptz and h.hour < ?::timestamptz
                ) x group by hour
                """, range, 4);
    }

    /** Per hour of {@code range}, the totals of the rollups (hours without any are absent). */
    Map<Instant, HourTotals> rolledTotals(TimeRange range) {
        return totals("""
                select hour, sum(views) as views, sum(seconds) as seconds, sum(source_views) as source_views,
                       sum(credited_views) as credited_views from (
                  select hour, views, engaged_seconds as seconds, 0::bigint as source_views, 0::bigint as credited_views
                  from section_hourly where hour >= ?::timestamptz and hour < ?::timestamptz
                  union all
                  select hour, 0::bigint, 0::bigint, views, 0::bigint from section_sources_hourly where hour >= ?::timestamptz and hour < ?::timestamptz
                  union all
                  select hour, 0::bigint, 0::bigint, 0::bigint, views from reporter_hourly where hour >= ?::timestamptz and hour < ?::timestamptz
                ) x group by hour
                """, range, 3);
    }

    /** Runs {@code sql}, whose binds are {@code tables} times the range's start and end. */
    private Map<Instant, HourTotals> totals(String sql, TimeRange range, int tables) {
        Object[] binds = new Object[2 * tables];
        for (int i = 0; i < tables; i++) {
            binds[2 * i] = range.startTime();
            binds[2 * i + 1] = range.endTime();
        }
        Map<Instant, HourTotals> result = new HashMap<>();
        dsl.fetch(sql, binds)
                .forEach(r -> result.put(
                        r.get("hour", OffsetDateTime.class).toInstant(),
                        new HourTotals(
                                r.get("views", Long.class),
                                r.get("seconds", Long.class),
                                r.get("source_views", Long.class),
                                r.get("credited_views", Long.class))));
        return result;
    }
}
