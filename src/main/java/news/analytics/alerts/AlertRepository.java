package news.analytics.alerts;

import static news.db.Tables.ANALYTICS_ALERT;
import static news.db.Tables.ANALYTICS_ALERT_STATE;
import static news.db.Tables.ARTICLE;
import static news.db.Tables.ARTICLE_VIEWS_HOURLY;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The alerts' SQL: the check's lock, the readers per minute of the recent articles with readers, the peak hourly
 * views their thresholds come from, the articles' states, and the raised alerts. It only reads {@code reader_presence}, {@code article_views_hourly} and
 * {@code article}.
 */
@Repository
class AlertRepository {

    /** The lock of the checks: one instance at a time checks. */
    static final long CHECK_LOCK = 7243917013L;

    /**
     * Per recent visible article with readers in the measured minutes: its section and readers per minute, the higher
     * of the average of the whole minutes and the current minute so far. Binds: {0} the first whole minute, {1} the
     * current minute, {2} the number of whole minutes, {3} now (the service clock), {4} the oldest publication watched.
     */
    static final String MEASURE = """
            with seen as (
              select p.article_id,
                     count(*) filter (where p.minute < {1}) as whole,
                     count(*) filter (where p.minute = {1}) as current
              from reader_presence p
              where p.minute >= {0} and p.minute <= {1}
              group by p.article_id
            )
            select s.article_id, a.section_id,
                   greatest(cast(s.whole as float8) / {2}, cast(s.current as float8)) as rate
            from seen s join article a on a.id = s.article_id
            where a.status in ('PUBLISHED', 'SCHEDULED') and a.published_at <= {3} and a.published_at > {4}
            """;

    private final DSLContext dsl;

    AlertRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Takes the checks' lock for the current transaction; false when another instance holds it. */
    boolean tryLock() {
        return Boolean.TRUE.equals(dsl.fetchValue("select pg_try_advisory_xact_lock(?)", CHECK_LOCK));
    }

    /** A watched article's section and readers per minute now. */
    record Measured(long articleId, long sectionId, double readersPerMinute) {}

    /**
     * The recent visible articles with readers in the measured minutes (see {@link #MEASURE}); {@code current} is the
     * start of the current minute.
     */
    List<Measured> measure(Instant current, int minutes, Instant now, Instant publishedAfter) {
        return dsl.resultQuery(
                        MEASURE,
                        DSL.val(utc(current.minusSeconds(60L * minutes))),
                        DSL.val(utc(current)),
                        DSL.val((double) minutes),
                        DSL.val(utc(now)),
                        DSL.val(utc(publishedAfter)))
                .fetch(r -> new Measured(
                        r.get("article_id", Long.class), r.get("section_id", Long.class), r.get("rate", Double.class)));
    }

    /**
     * Per section, each of its articles' peak hourly views in [from, to) (articles filed directly in the section;
     * articles without views in the range are left out).
     */
    Map<Long, Map<Long, Long>> peaks(Collection<Long> sections, Instant from, Instant to) {
        Map<Long, Map<Long, Long>> result = new HashMap<>();
        Field<Long> peak = DSL.max(ARTICLE_VIEWS_HOURLY.VIEWS).as("peak");
        dsl.select(ARTICLE.SECTION_ID, ARTICLE_VIEWS_HOURLY.ARTICLE_ID, peak)
                .from(ARTICLE)
                .join(ARTICLE_VIEWS_HOURLY)
                .on(ARTICLE_VIEWS_HOURLY.ARTICLE_ID.eq(ARTICLE.ID))
                .where(ARTICLE.SECTION_ID
                        .in(sections)
                        .and(ARTICLE_VIEWS_HOURLY.HOUR.ge(utc(from)))
                        .and(ARTICLE_VIEWS_HOURLY.HOUR.lt(utc(to))))
                .groupBy(ARTICLE.SECTION_ID, ARTICLE_VIEWS_HOURLY.ARTICLE_ID)
                .forEach(r -> result.computeIfAbsent(r.get(ARTICLE.SECTION_ID), k -> new HashMap<>())
                        .put(r.get(ARTICLE_VIEWS_HOURLY.ARTICLE_ID), r.get(peak)));
        return result;
    }

    /** An article's standing: high or not, and the rate of its last alert. */
    record State(long articleId, boolean high, double rate) {}

    Map<Long, State> states() {
        Map<Long, State> result = new HashMap<>();
        dsl.selectFrom(ANALYTICS_ALERT_STATE)
                .forEach(r -> result.put(r.getArticleId(), new State(r.getArticleId(), r.getHigh(), r.getRate())));
        return result;
    }

    /** Records the states in one statement (an article at most once). */
    void saveStates(List<State> states, Instant now) {
        if (states.isEmpty()) {
            return;
        }
        Long[] articles = new Long[states.size()];
        Boolean[] high = new Boolean[states.size()];
        Double[] rates = new Double[states.size()];
        for (int i = 0; i < states.size(); i++) {
            articles[i] = states.get(i).articleId();
            high[i] = states.get(i).high();
            rates[i] = states.get(i).rate();
        }
        dsl.execute("""
                insert into analytics_alert_state (article_id, high, rate, changed_at)
                select s.article_id, s.high, s.rate, ?::timestamptz from unnest(?::bigint[], ?::boolean[], ?::float8[])
                    as s (article_id, high, rate)
                order by s.article_id
                on conflict (article_id) do update
                    set high = excluded.high, rate = excluded.rate, changed_at = excluded.changed_at
                """, DSL.val(utc(now)), DSL.val(articles), DSL.val(high), DSL.val(rates));
    }

    /** Forgets the states of articles published before {@code publishedAfter} (no longer watched). */
    void forgetStatesBefore(Instant publishedAfter) {
        dsl.deleteFrom(ANALYTICS_ALERT_STATE)
                .where(ANALYTICS_ALERT_STATE.ARTICLE_ID.in(org.jooq
                        .impl
                        .DSL
                        .select(ARTICLE.ID)
                        .from(ARTICLE)
                        .where(ARTICLE.PUBLISHED_AT.le(utc(publishedAfter)))))
                .execute();
    }

    /** Deletes the alerts raised before {@code before}. */
    void dropAlertsBefore(Instant before) {
        dsl.deleteFrom(ANALYTICS_ALERT)
                .where(ANALYTICS_ALERT.RAISED_AT.lt(utc(before)))
                .execute();
    }

    /** An alert to raise: its kind, its article (at most once per check), the article's rate and its threshold. */
    record Raising(AlertKind kind, long articleId, double rate, double threshold) {}

    /** Records the alerts in one statement; answers them with their ids, in the order given. */
    List<Alert> insert(List<Raising> raising, Instant now) {
        if (raising.isEmpty()) {
            return List.of();
        }
        Long[] articles = new Long[raising.size()];
        String[] kinds = new String[raising.size()];
        Double[] rates = new Double[raising.size()];
        Double[] thresholds = new Double[raising.size()];
        for (int i = 0; i < raising.size(); i++) {
            articles[i] = raising.get(i).articleId();
            kinds[i] = raising.get(i).kind().name();
            rates[i] = raising.get(i).rate();
            thresholds[i] = raising.get(i).threshold();
        }
        Map<Long, Long> ids = new HashMap<>();
        dsl.resultQuery("""
                        insert into analytics_alert (article_id, kind, readers_per_minute, threshold, raised_at)
                        select a.article_id, a.kind, a.rate, a.threshold, ?::timestamptz
                        from unnest(?::bigint[], ?::varchar[], ?::float8[], ?::float8[])
                            with ordinality as a (article_id, kind, rate, threshold, n)
                        order by a.n
                        returning id, article_id
                        """, DSL.val(utc(now)), DSL.val(articles), DSL.val(kinds), DSL.val(rates), DSL.val(thresholds))
                .forEach(r -> ids.put(r.get("article_id", Long.class), r.get("id", Long.class)));
        List<Alert> alerts = new ArrayList<>(raising.size());
        for (Raising r : raising) {
            alerts.add(new Alert(ids.get(r.articleId()), r.kind(), r.articleId(), r.rate(), r.threshold(), utc(now)));
        }
        return alerts;
    }

    /** The alerts with these ids that still exist, in the order of their ids. */
    List<Alert> alerts(Collection<Long> ids) {
        return dsl.selectFrom(ANALYTICS_ALERT)
                .where(ANALYTICS_ALERT.ID.in(ids))
                .orderBy(ANALYTICS_ALERT.ID)
                .fetch(AlertRepository::alert);
    }

    /** The latest alerts, newest first. */
    List<Alert> latest(int first) {
        return dsl.selectFrom(ANALYTICS_ALERT)
                .orderBy(ANALYTICS_ALERT.RAISED_AT.desc(), ANALYTICS_ALERT.ID.desc())
                .limit(first)
                .fetch(AlertRepository::alert);
    }

    private static Alert alert(Record r) {
        return new Alert(
                r.get(ANALYTICS_ALERT.ID),
                AlertKind.valueOf(r.get(ANALYTICS_ALERT.KIND)),
                r.get(ANALYTICS_ALERT.ARTICLE_ID),
                r.get(ANALYTICS_ALERT.READERS_PER_MINUTE),
                r.get(ANALYTICS_ALERT.THRESHOLD),
                r.get(ANALYTICS_ALERT.RAISED_AT).withOffsetSameInstant(ZoneOffset.UTC));
    }
}
