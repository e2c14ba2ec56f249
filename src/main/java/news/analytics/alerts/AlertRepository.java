package news.analytics.alerts;

import static news.db.Tables.ANALYTICS_ALERT;
import static news.db.Tables.ANALYTICS_ALERT_STATE;
import static news.db.Tables.ARTICLE;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/**
 * The alerts' SQL: the check's lock, the readers per minute and thresholds of the recent articles with readers, the
 * articles' states, and the raised alerts. It only reads {@code reader_presence}, {@code article_views_hourly} and
 * {@code article}.
 */
@Repository
class AlertRepository {

    /** The lock of the checks: one instance at a time checks. */
    static final long CHECK_LOCK = 7243917013L;

    /**
     * Per recent visible article with readers in the measured minutes: its readers per minute (the higher of the
     * average of the whole minutes and the current minute so far) and its threshold (the percentile of the peak hourly
     * views of its section's other articles in the history, over 60, at least the floor). Binds: {0} the first whole
     * minute, {1} the current minute, {2} the number of whole minutes, {3} now (the service clock), {4} the oldest
     * publication watched, {5} the start of the history, {6} the percentile, {7} the floor.
     */
    static final String MEASURE = """
            with seen as (
              select p.article_id,
                     count(*) filter (where p.minute < {1}) as whole,
                     count(*) filter (where p.minute = {1}) as current
              from reader_presence p
              where p.minute >= {0} and p.minute <= {1}
              group by p.article_id
            ), measured as (
              select s.article_id, a.section_id,
                     greatest(cast(s.whole as float8) / {2}, cast(s.current as float8)) as rate
              from seen s join article a on a.id = s.article_id
              where a.status in ('PUBLISHED', 'SCHEDULED') and a.published_at <= {3} and a.published_at > {4}
            ), peaks as (
              select a.section_id, h.article_id, max(h.views) as peak
              from article_views_hourly h join article a on a.id = h.article_id
              where h.hour >= {5} and h.hour <= {3} and a.section_id in (select section_id from measured)
              group by a.section_id, h.article_id
            )
            select m.article_id, m.rate,
                   greatest({7}, coalesce((select percentile_cont({6}) within group (order by p.peak)
                                           from peaks p
                                           where p.section_id = m.section_id and p.article_id <> m.article_id), 0)
                                 / 60.0) as threshold
            from measured m
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

    /** An article's readers per minute now and its threshold. */
    record Measured(long articleId, double readersPerMinute, double threshold) {}

    /**
     * The recent visible articles with readers in the measured minutes (see {@link #MEASURE}); {@code current} is the
     * start of the current minute.
     */
    List<Measured> measure(
            Instant current,
            int minutes,
            Instant now,
            Instant publishedAfter,
            Instant historyFrom,
            double percentile,
            double floor) {
        return dsl.resultQuery(
                        MEASURE,
                        org.jooq.impl.DSL.val(utc(current.minusSeconds(60L * minutes))),
                        org.jooq.impl.DSL.val(utc(current)),
                        org.jooq.impl.DSL.val((double) minutes),
                        org.jooq.impl.DSL.val(utc(now)),
                        org.jooq.impl.DSL.val(utc(publishedAfter)),
                        org.jooq.impl.DSL.val(utc(historyFrom)),
                        org.jooq.impl.DSL.val(percentile),
                        org.jooq.impl.DSL.val(floor))
                .fetch(r -> new Measured(
                        r.get("article_id", Long.class),
                        r.get("rate", Double.class),
                        r.get("threshold", Double.class)));
    }

    /** An article's standing: high or not, and the rate of its last alert. */
    record State(long articleId, boolean high, double rate) {}

    Map<Long, State> states() {
        Map<Long, State> result = new HashMap<>();
        dsl.selectFrom(ANALYTICS_ALERT_STATE)
                .forEach(r -> result.put(r.getArticleId(), new State(r.getArticleId(), r.getHigh(), r.getRate())));
        return result;
    }

    void saveState(State state, Instant now) {
        dsl.insertInto(ANALYTICS_ALERT_STATE)
                .set(ANALYTICS_ALERT_STATE.ARTICLE_ID, state.articleId())
                .set(ANALYTICS_ALERT_STATE.HIGH, state.high())
                .set(ANALYTICS_ALERT_STATE.RATE, state.rate())
                .set(ANALYTICS_ALERT_STATE.CHANGED_AT, utc(now))
                .onConflict(ANALYTICS_ALERT_STATE.ARTICLE_ID)
                .doUpdate()
                .set(ANALYTICS_ALERT_STATE.HIGH, state.high())
                .set(ANALYTICS_ALERT_STATE.RATE, state.rate())
                .set(ANALYTICS_ALERT_STATE.CHANGED_AT, utc(now))
                .execute();
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

    Alert insert(AlertKind kind, long articleId, double rate, double threshold, Instant now) {
        long id = dsl.insertInto(ANALYTICS_ALERT)
                .set(ANALYTICS_ALERT.ARTICLE_ID, articleId)
                .set(ANALYTICS_ALERT.KIND, kind.name())
                .set(ANALYTICS_ALERT.READERS_PER_MINUTE, rate)
                .set(ANALYTICS_ALERT.THRESHOLD, threshold)
                .set(ANALYTICS_ALERT.RAISED_AT, utc(now))
                .returning(ANALYTICS_ALERT.ID)
                .fetchOne(ANALYTICS_ALERT.ID);
        return new Alert(id, kind, articleId, rate, threshold, utc(now));
    }

    Optional<Alert> alert(long id) {
        return dsl.selectFrom(ANALYTICS_ALERT).where(ANALYTICS_ALERT.ID.eq(id)).fetchOptional(AlertRepository::alert);
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
