package news.analytics.ingest;

import static news.db.Tables.ARTICLE_VIEWS_WINDOW_RANGE;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
     * One statement per flush, whatever the number of views: arrays unnested into rows (one per view answered as
     * counted, with its visitor key), whose (article, slot, visitor) keys are inserted into article_readers with
     * ON CONFLICT DO NOTHING; only the rows actually inserted (RETURNING) are added to the hourly buckets and to the
     * totals of every window whose current range holds the hour. PostgreSQL thus decides, for all instances, whether
     * a view counts; a view whose key was there already is a late duplicate. Rows without a key (plain counts of old
     * spool files) and rows whose UTC day has no article_readers partition (older than the retention, or too far
     * ahead) are counted without that check, so they never fail the flush. The same statement adds the accounting:
     * the outcomes decided in memory since the last flush, and accepted / late_duplicate as decided here, per (hour,
     * entry point). Rows come in key order so that two instances flushing at once lock in the same order and cannot
     * deadlock. The join with article drops views of articles deleted since they were counted, which would otherwise
     * fail the foreign key and block every later flush. The batch's id goes into article_views_flush first; when it
     * is there already (a retry of a flush that was applied but whose answer was lost), no row passes and nothing is
     * added twice. The same statement adds the counted views (not the late duplicates) per (article, hour, source
     * category) and per (article, hour, referring host), and the engaged seconds of the batch per (article, hour):
     * the periods the batch's heartbeats covered are added to each reader's covered periods (article_engaged_readers,
     * whose row the upsert locks, so two instances crediting one reader at once take turns), and only what they added
     * (gained, computed in the update from the row as it was) is credited, split at the hours it falls in.
     * It also records who was seen on which article in which minute (reader_presence, for readers now). Answers the
     * views counted, the late duplicates, whether the batch was applied now, and the positions (from 1) of the views
     * whose keys it inserted, which this instance folds into its reader sketches.
     */
    static final String UPSERT = """
            with f as (
                insert into article_views_flush (id) values (cast(? as uuid)) on conflict (id) do nothing returning id
            ), p as (
                select to_date(substr(c.relname, 18), 'YYYYMMDD') as day
                from pg_inherits i join pg_class c on c.oid = i.inhrelid
                where i.inhparent = 'article_readers'::regclass and c.relname ~ '^article_readers_p[0-9]+$'
            ), v as (
                select v.i, v.article_id, to_timestamp(v.hour) as hour, to_timestamp(v.slot) as slot_start,
                       v.hi, v.lo, v.entry, v.views, v.category, v.host,
                       v.hi is not null and exists (
                           select 1 from p where p.day = (to_timestamp(v.slot) at time zone 'UTC')::date) as keyed
                from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[],
                            ?::text[], ?::text[]) with ordinality
                    as v (article_id, hour, slot, hi, lo, entry, views, category, host, i)
                join article a on a.id = v.article_id
                where exists (select 1 from f)
            ), r as (
                insert into article_readers (article_id, slot_start, visitor_hi, visitor_lo)
                select article_id, slot_start, hi, lo from v where keyed
                order by article_id, slot_start, hi, lo
                on conflict do nothing
                returning article_id, slot_start, visitor_hi, visitor_lo
            ), c as (
                select v.i, v.keyed, v.article_id, v.hour, v.entry, v.views, v.category, v.host,
                       (not v.keyed or r.article_id is not null) as counted
                from v left join r on r.article_id = v.article_id and r.slot_start = v.slot_start
                    and r.visitor_hi = v.hi and r.visitor_lo = v.lo
            ), n as (
                select article_id, hour, sum(views) as views from c where counted group by article_id, hour
            ), h as (
                insert into article_views_hourly (article_id, hour, views)
                select article_id, hour, views from n order by article_id, hour
                on conflict (article_id, hour) do update set views = article_views_hourly.views + excluded.views
            ), w as (
                insert into article_views_window (window_name, article_id, views)
                select r.window_name, n.article_id, sum(n.views)
                from n join article_views_window_range r on n.hour >= r.start_hour and n.hour < r.end_hour
                group by r.window_name, n.article_id
                order by r.window_name, n.article_id
                on conflict (window_name, article_id) do update set views = article_views_window.views + excluded.views
            ), s as (
                insert into article_sources_hourly (article_id, hour, category, views)
                select article_id, hour, category, sum(views) from c where counted and category is not null
                group by article_id, hour, category
                order by article_id, hour, category
                on conflict (article_id, hour, category)
                    do update set views = article_sources_hourly.views + excluded.views
            ), rh as (
                insert into article_referrers_hourly (article_id, hour, host, views)
                select article_id, hour, host, sum(views) from c where counted and host is not null
                group by article_id, hour, host
                order by article_id, hour, host
                on conflict (article_id, hour, host) do update set views = article_referrers_hourly.views + excluded.views
            ), ec as (
                select e.article_id, e.hi, e.lo, e.from_s, e.to_s
                from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
                    as e (article_id, hi, lo, from_s, to_s)
                join article a on a.id = e.article_id
                where exists (select 1 from f) and e.to_s > e.from_s
            ), er as (
                insert into article_engaged_readers as t (article_id, visitor_hi, visitor_lo, covered, gained, seen_at)
                select article_id, hi, lo, range_agg(int8range(from_s, to_s)), range_agg(int8range(from_s, to_s)),
                       to_timestamp(max(to_s))
                from ec where hi is not null
                group by article_id, hi, lo
                order by article_id, hi, lo
                on conflict (article_id, visitor_hi, visitor_lo) do update
                    set covered = t.covered + excluded.covered, gained = excluded.covered - t.covered,
                        seen_at = greatest(t.seen_at, excluded.seen_at)
                returning article_id, gained
            ), eg as (
                select er.article_id, h * 3600 as hour,
                       least(upper(g), (h + 1) * 3600) - greatest(lower(g), h * 3600) as seconds
                from er cross join lateral unnest(er.gained) as g
                    cross join lateral generate_series(lower(g) / 3600, (upper(g) - 1) / 3600) as h
                union all
                select article_id, from_s - from_s % 3600, to_s - from_s from ec where hi is null
            ), e as (
                insert into article_engaged_hourly (article_id, hour, seconds)
                select article_id, to_timestamp(hour), sum(seconds)
                from eg
                group by article_id, hour
                order by article_id, hour
                on conflict (article_id, hour) do update set seconds = article_engaged_hourly.seconds + excluded.seconds
            ), pr as (
                insert into reader_presence (minute, article_id, visitor_hi, visitor_lo)
                select distinct to_timestamp(p.minute), p.article_id, p.hi, p.lo
                from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) as p (article_id, minute, hi, lo)
                join article a on a.id = p.article_id
                where exists (select 1 from f)
                order by 1, 2, 3, 4
                on conflict do nothing
            ), o as (
                insert into view_ingestion_hourly (hour, entry_point, outcome, views)
                select hour, entry_point, outcome, sum(views) from (
                    select to_timestamp(o.hour) as hour, o.entry as entry_point, o.outcome, o.views
                    from unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[]) as o (hour, entry, outcome, views)
                    where exists (select 1 from f)
                    union all
                    select hour, entry, case when counted then 'accepted' else 'late_duplicate' end, views
                    from c where entry is not null
                ) x
                group by hour, entry_point, outcome
                order by hour, entry_point, outcome
                on conflict (hour, entry_point, outcome) do update set views = view_ingestion_hourly.views + excluded.views
            )
            select coalesce(sum(views) filter (where counted), 0) as counted,
                   coalesce(sum(views) filter (where not counted), 0) as late,
                   (select count(*) from f) as applied,
                   coalesce(array_agg(i) filter (where keyed and counted), '{}') as inserted
            from c
            """;

    /** Creates the article_readers partitions of the coming days and drops those past the retention. */
    static final String MAINTAIN = "select article_readers_maintain(cast(? as date), cast(? as date), cast(? as date))";

    /** The accounting of a range of hours, all instances. */
    private static final String INGESTION = """
            select entry_point, outcome, sum(views) as views
            from view_ingestion_hourly
            where hour >= to_timestamp(?) and hour < to_timestamp(?)
            group by entry_point, outcome
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

    private final int maxHostsPerArticle;

    private final long readerIdleSeconds;

    ViewRepository(DSLContext dsl, news.analytics.AnalyticsProperties properties) {
        this.dsl = dsl;
        this.maxHostsPerArticle = Math.max(1, properties.sources().maxHostsPerArticle());
        this.readerIdleSeconds = properties.engaged().readerIdle().toSeconds();
    }

    /** What a write did: the views it counted, the late duplicates it found, and whether it applied the batch now. */
    record Written(long counted, long lateDuplicates, boolean applied) {}

    /**
     * Writes a batch once: a batch with an id seen before is skipped. Two statements in one transaction: the shared
     * window lock, and {@link #UPSERT}.
     */
    Written add(ViewBatch batch) {
        return add(batch, index -> {});
    }

    /**
     * {@link #add(ViewBatch)}, telling {@code inserted} the index in {@code batch.views()} of each view whose key this
     * write inserted into {@code article_readers} (after the transaction committed).
     */
    Written add(ViewBatch batch, java.util.function.IntConsumer inserted) {
        int n = batch.views().size() + batch.plainCounts().size();
        Long[] articles = new Long[n];
        Long[] hours = new Long[n];
        Long[] slots = new Long[n];
        Long[] his = new Long[n];
        Long[] los = new Long[n];
        String[] entries = new String[n];
        Long[] views = new Long[n];
        String[] categories = new String[n];
        String[] hosts = java.util.Arrays.copyOf(boundedHosts(batch.views()), n);
        int i = 0;
        for (PendingView v : batch.views()) {
            articles[i] = v.articleId();
            hours[i] = v.hour();
            slots[i] = v.slot();
            his[i] = v.visitorHigh();
            los[i] = v.visitorLow();
            entries[i] = v.entryPoint().column();
            views[i] = 1L;
            categories[i] = v.category();
            i++;
        }
        for (HourlyCount c : batch.plainCounts()) {
            articles[i] = c.key().articleId();
            hours[i] = c.key().hourEpochSecond();
            views[i] = c.views();
            i++;
        }
        int m = batch.outcomes().size();
        Long[] outcomeHours = new Long[m];
        String[] outcomeEntries = new String[m];
        String[] outcomeNames = new String[m];
        Long[] outcomeViews = new Long[m];
        for (int j = 0; j < m; j++) {
            OutcomeCount o = batch.outcomes().get(j);
            outcomeHours[j] = o.hour();
            outcomeEntries[j] = o.entryPoint().column();
            outcomeNames[j] = o.outcome().column();
            outcomeViews[j] = o.views();
        }
        int k = batch.engaged().size();
        Long[] engagedArticles = new Long[k];
        Long[] engagedHis = new Long[k];
        Long[] engagedLos = new Long[k];
        Long[] engagedFrom = new Long[k];
        Long[] engagedTo = new Long[k];
        for (int j = 0; j < k; j++) {
            EngagedCount e = batch.engaged().get(j);
            engagedArticles[j] = e.articleId();
            engagedHis[j] = e.keyed() ? e.visitorHigh() : null;
            engagedLos[j] = e.keyed() ? e.visitorLow() : null;
            engagedFrom[j] = e.from();
            engagedTo[j] = e.to();
        }
        int q = batch.presence().size();
        Long[] presentArticles = new Long[q];
        Long[] presentMinutes = new Long[q];
        Long[] presentHis = new Long[q];
        Long[] presentLos = new Long[q];
        for (int j = 0; j < q; j++) {
            Presence p = batch.presence().get(j);
            presentArticles[j] = p.articleId();
            presentMinutes[j] = p.minute();
            presentHis[j] = p.visitorHigh();
            presentLos[j] = p.visitorLow();
        }
        Holder holder = new Holder();
        Written written = dsl.transactionResult(tx -> {
            tx.dsl().fetch("select pg_advisory_xact_lock_shared(?)", WINDOW_LOCK);
            org.jooq.Record r = tx.dsl()
                    .fetchOne(
                            UPSERT,
                            batch.id().toString(),
                            articles,
                            hours,
                            slots,
                            his,
                            los,
                            entries,
                            views,
                            categories,
                            hosts,
                            engagedArticles,
                            engagedHis,
                            engagedLos,
                            engagedFrom,
                            engagedTo,
                            presentArticles,
                            presentMinutes,
                            presentHis,
                            presentLos,
                            outcomeHours,
                            outcomeEntries,
                            outcomeNames,
                            outcomeViews);
            holder.inserted = r.get("inserted", Integer[].class);
            return new Written(
                    r.get("counted", Long.class), r.get("late", Long.class), r.get("applied", Long.class) > 0);
        });
        if (holder.inserted != null) {
            for (Integer position : holder.inserted) {
                inserted.accept(position - 1);
            }
        }
        return written;
    }

    private static final class Holder {
        Integer[] inserted;
    }

    /**
     * The referring host of each view of a batch, in its order, bounded: per article, the
     * {@code max-hosts-per-article} most frequent hosts of the batch (ties by name) are kept and the others become
     * {@link TrafficSources#OTHER_HOST}, so that one flush adds at most that many host rows per article and hour.
     */
    String[] boundedHosts(List<PendingView> views) {
        Map<Long, Map<String, Integer>> perArticle = new HashMap<>();
        for (PendingView v : views) {
            if (v.host() != null) {
                perArticle.computeIfAbsent(v.articleId(), a -> new HashMap<>()).merge(v.host(), 1, Integer::sum);
            }
        }
        Map<Long, java.util.Set<String>> kept = new HashMap<>();
        perArticle.forEach((article, counts) -> kept.put(
                article,
                counts.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(maxHostsPerArticle)
                        .map(Map.Entry::getKey)
                        .collect(java.util.stream.Collectors.toSet())));
        String[] hosts = new String[views.size()];
        for (int i = 0; i < views.size(); i++) {
            PendingView v = views.get(i);
            if (v.host() != null) {
                hosts[i] = kept.get(v.articleId()).contains(v.host()) ? v.host() : TrafficSources.OTHER_HOST;
            }
        }
        return hosts;
    }

    /** Creates the partitions of {@code firstDay} to {@code lastDay} and drops those before {@code keepFrom}. */
    void maintainReaders(java.time.LocalDate firstDay, java.time.LocalDate lastDay, java.time.LocalDate keepFrom) {
        dsl.execute(MAINTAIN, firstDay.toString(), lastDay.toString(), keepFrom.toString());
    }

    /** The accounting of {@code [start, end)} (epoch seconds), summed over all instances. */
    List<OutcomeCount> ingestion(TimeRange range) {
        List<OutcomeCount> result = new java.util.ArrayList<>();
        dsl.fetch(INGESTION, range.start(), range.end())
                .forEach(r -> result.add(new OutcomeCount(
                        range.start(),
                        IngestionEntryPoint.ofColumn(r.get("entry_point", String.class)),
                        IngestionOutcome.ofColumn(r.get("outcome", String.class)),
                        r.get("views", Long.class))));
        return result;
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
            // Readers now reads the last minutes only.
            db.execute("delete from reader_presence where minute < current_timestamp - interval '1 hour'");
            // A reader's credited periods, once they have been idle for reader-idle.
            db.execute(
                    "delete from article_engaged_readers where seen_at < current_timestamp - make_interval(secs => ?)",
                    (double) readerIdleSeconds);
        });
    }

    private static void shift(DSLContext db, String window, TimeRange range, int sign) {
        db.execute(SHIFT, window, (long) sign, range.start(), range.end());
    }
}
