package news.analytics.ingest;

import static news.db.Tables.ARTICLE_VIEWS_WINDOW_RANGE;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.analytics.RankingWindow;
import news.analytics.TimeRange;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Writes counted views into the hourly buckets and the running window totals. */
@Repository
class ViewRepository {

    /** Flushes share it; moving window ranges takes it exclusively, so no flush falls between the two. */
    private static final long WINDOW_LOCK = 0x6e6577735f76L;

    /*
     * One statement per flush, whatever the number of keys: three arrays unnested into rows, added to the hourly
     * buckets and to the totals of every window whose current range holds the hour. Rows come in key order so that
     * two instances flushing at once lock in the same order and cannot deadlock. The join with article drops counts
     * of articles deleted since they were counted, which would otherwise fail the foreign key and block every later
     * flush. The batch's id goes into article_views_flush first; when it is there already (a retry of a flush that
     * was applied but whose answer was lost), no row passes and nothing is added twice.
     */
    private static final String UPSERT = """
            with f as (
                insert into article_views_flush (id) values (cast(? as uuid)) on conflict (id) do nothing returning id
            ), d as (
                select d.article_id, to_timestamp(d.hour) as hour, d.views
                from unnest(?::bigint[], ?::bigint[], ?::bigint[]) as d (article_id, hour, views)
                join article a on a.id = d.article_id
                where exists (select 1 from f)
            ), h as (
                insert into article_views_hourly (article_id, hour, views)
                select article_id, hour, views from d order by article_id, hour
                on conflict (article_id, hour) do update set views = article_views_hourly.views + excluded.views
            )
            insert into article_views_window (window_name, article_id, views)
            select r.window_name, d.article_id, sum(d.views)
            from d join article_views_window_range r on d.hour >= r.start_hour and d.hour < r.end_hour
            group by r.window_name, d.article_id
            order by r.window_name, d.article_id
            on conflict (window_name, article_id) do update set views = article_views_window.views + excluded.views
            """;

    /** Adds (sign 1) or subtracts (sign -1) the buckets of one hour range to a window's totals. */
    private static final String SHIFT = """
            insert into article_views_window (window_name, article_id, views)
            select cast(? as varchar), article_id, cast(? as bigint) * sum(views)
            from article_views_hourly
            where hour >= to_timestamp(?) and hour < to_timestamp(?)
            group by article_id
            order by article_id
            on conflict (window_name, article_id) do update set views = article_views_window.views + excluded.views
            """;

    private final DSLContext dsl;

    ViewRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Adds a batch of counts once: a batch with an id seen before is skipped. */
    void add(List<HourlyCount> counts, UUID batchId) {
        int n = counts.size();
        Long[] articles = new Long[n];
        Long[] hours = new Long[n];
        Long[] views = new Long[n];
        for (int i = 0; i < n; i++) {
            HourlyCount c = counts.get(i);
            articles[i] = c.key().articleId();
            hours[i] = c.key().hourEpochSecond();
            views[i] = c.views();
        }
        dsl.transaction(tx -> {
            tx.dsl().fetch("select pg_advisory_xact_lock_shared(?)", WINDOW_LOCK);
            tx.dsl().execute(UPSERT, batchId.toString(), articles, hours, views);
        });
    }

    /**
     * Moves the windows' totals to the given ranges: for each window whose stored range differs, the buckets that
     * enter are added and those that leave are subtracted, in one transaction that no flush overlaps. A range that
     * would move back by less than {@code tolerance} seconds is left alone, so instances whose clocks differ by a
     * little do not move it back and forth.
     */
    void moveWindows(List<RankingWindow> windows, long tolerance) {
        dsl.transaction(tx -> {
            DSLContext db = tx.dsl();
            db.fetch("select pg_advisory_xact_lock(?)", WINDOW_LOCK);
            Map<String, TimeRange> stored = new HashMap<>();
            db.selectFrom(ARTICLE_VIEWS_WINDOW_RANGE)
                    .forEach(r -> stored.put(
                            r.getWindowName(),
                            new TimeRange(
                                    r.getStartHour().toEpochSecond(),
                                    r.getEndHour().toEpochSecond())));
            for (RankingWindow window : windows) {
                TimeRange from = stored.get(window.name());
                TimeRange to = window.range();
                if (to.equals(from) || (from != null && from.end() > to.end() && from.end() - to.end() <= tolerance)) {
                    continue;
                }
                TimeRange old = from == null ? new TimeRange(to.start(), to.start()) : from;
                for (TimeRange entering : to.minus(old)) {
                    shift(db, window.name(), entering, 1);
                }
                for (TimeRange leaving : old.minus(to)) {
                    shift(db, window.name(), leaving, -1);
                }
                db.deleteFrom(news.db.Tables.ARTICLE_VIEWS_WINDOW)
                        .where(news.db.Tables.ARTICLE_VIEWS_WINDOW
                                .WINDOW_NAME
                                .eq(window.name())
                                .and(news.db.Tables.ARTICLE_VIEWS_WINDOW.VIEWS.le(0L)))
                        .execute();
                db.insertInto(ARTICLE_VIEWS_WINDOW_RANGE)
                        .set(ARTICLE_VIEWS_WINDOW_RANGE.WINDOW_NAME, window.name())
                        .set(ARTICLE_VIEWS_WINDOW_RANGE.START_HOUR, to.startTime())
                        .set(ARTICLE_VIEWS_WINDOW_RANGE.END_HOUR, to.endTime())
                        .onConflict(ARTICLE_VIEWS_WINDOW_RANGE.WINDOW_NAME)
                        .doUpdate()
                        .set(ARTICLE_VIEWS_WINDOW_RANGE.START_HOUR, to.startTime())
                        .set(ARTICLE_VIEWS_WINDOW_RANGE.END_HOUR, to.endTime())
                        .execute();
            }
            db.execute("delete from article_views_flush where flushed_at < current_timestamp - interval '1 day'");
        });
    }

    private static void shift(DSLContext db, String window, TimeRange range, int sign) {
        db.execute(SHIFT, window, (long) sign, range.start(), range.end());
    }
}
