package news.analytics.report;

import static news.db.Tables.ARTICLE;
import static news.db.Tables.ARTICLE_ENGAGED_HOURLY;
import static news.db.Tables.ARTICLE_REFERRERS_HOURLY;
import static news.db.Tables.ARTICLE_REPORTER;
import static news.db.Tables.ARTICLE_SOURCES_HOURLY;
import static news.db.Tables.ARTICLE_VIEWS_HOURLY;
import static news.db.Tables.READER_PRESENCE;
import static news.db.Tables.REPORTER;
import static news.db.Tables.REPORTER_HOURLY;
import static news.db.Tables.SECTION_HOURLY;
import static news.db.Tables.SECTION_SOURCES_HOURLY;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import news.analytics.TimeRange;
import news.reporter.Reporter;
import news.reporter.ReporterRepository;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Repository;

/**
 * Editors' aggregates: series over the hourly buckets, totals over the windows' ranges. They include every article,
 * whatever its status now. Site- and section-wide series, sources and engaged time take the hours the section rollups
 * cover ({@link SectionRollups}) from them, one row per section and hour, and every other hour from the per-article
 * tables.
 */
@Repository
class ReadershipRepository {

    private final DSLContext dsl;

    private final RollupRepository rollups;

    ReadershipRepository(DSLContext dsl, RollupRepository rollups) {
        this.dsl = dsl;
        this.rollups = rollups;
    }

    /** A range of hours split into the part the rollups cover (empty when none) and the parts they do not. */
    private record Split(Optional<TimeRange> rolled, List<TimeRange> perArticle) {}

    /** Splits {@code range} when the rollups can answer for {@code scope} (the site or sections), else does not. */
    private Split split(TimeRange range, Scope scope) {
        if (scope.articleId() != null || scope.reporterId() != null) {
            return new Split(Optional.empty(), List.of(range));
        }
        Optional<TimeRange> covered = rollups.covered();
        if (covered.isEmpty()) {
            return new Split(Optional.empty(), List.of(range));
        }
        TimeRange c = covered.get();
        long start = Math.max(range.start(), c.start());
        long end = Math.min(range.end(), c.end());
        if (start >= end) {
            return new Split(Optional.empty(), List.of(range));
        }
        return new Split(Optional.of(new TimeRange(start, end)), range.minus(c));
    }

    /** The rollup rows of a range of hours, and of some sections when the scope names them. */
    private static Condition rolled(TimeRange range, Scope scope, Field<OffsetDateTime> hour, Field<Long> section) {
        Condition c = hour.ge(range.startTime()).and(hour.lt(range.endTime()));
        return scope.sectionIds() == null ? c : c.and(section.in(scope.sectionIds()));
    }

    private static <K> void add(Map<K, Long> into, Map<K, Long> more) {
        more.forEach((k, v) -> into.merge(k, v, Long::sum));
    }

    /** A sum over split ranges: {@code rolledPart} for the covered hours, {@code perArticle} for each other part. */
    private <K> Map<K, Long> over(
            TimeRange range,
            Scope scope,
            Function<TimeRange, Map<K, Long>> rolledPart,
            Function<TimeRange, Map<K, Long>> perArticle) {
        Split split = split(range, scope);
        Map<K, Long> result = new HashMap<>();
        split.rolled().ifPresent(r -> add(result, rolledPart.apply(r)));
        for (TimeRange part : split.perArticle()) {
            add(result, perArticle.apply(part));
        }
        return result;
    }

    private static Condition inRange(TimeRange range) {
        return ARTICLE_VIEWS_HOURLY.HOUR.ge(range.startTime()).and(ARTICLE_VIEWS_HOURLY.HOUR.lt(range.endTime()));
    }

    /** Which articles a series covers: one article, the articles of some sections, of a reporter, or all. */
    record Scope(Long articleId, List<Long> sectionIds, Long reporterId) {

        static final Scope SITE = new Scope(null, null, null);

        static Scope article(long id) {
            return new Scope(id, null, null);
        }

        static Scope sections(List<Long> ids) {
            return new Scope(null, List.copyOf(ids), null);
        }

        static Scope reporter(long id) {
            return new Scope(null, null, id);
        }
    }

    /** A scope as a condition on the buckets. */
    private static Condition condition(Scope scope) {
        return condition(scope, ARTICLE_VIEWS_HOURLY.ARTICLE_ID);
    }

    /** A scope as a condition on a table's article id. */
    private static Condition condition(Scope scope, Field<Long> articleId) {
        if (scope.articleId() != null) {
            return articleId.eq(scope.articleId());
        }
        if (scope.sectionIds() != null) {
            return articleId.in(select(ARTICLE.ID).from(ARTICLE).where(ARTICLE.SECTION_ID.in(scope.sectionIds())));
        }
        if (scope.reporterId() != null) {
            return articleId.in(select(ARTICLE_REPORTER.ARTICLE_ID)
                    .from(ARTICLE_REPORTER)
                    .where(ARTICLE_REPORTER.REPORTER_ID.eq(scope.reporterId())));
        }
        return noCondition();
    }

    /** The start of the bucket an hour column falls in: the hour itself, or its calendar day in {@code zone}. */
    private static Field<OffsetDateTime> bucketStart(Field<OffsetDateTime> hour, TimeBucket bucket, ZoneId zone) {
        return bucket == TimeBucket.HOUR
                ? hour
                : field("date_trunc('day', {0}, {1})", OffsetDateTime.class, hour, inline(zone.getId()));
    }

    /** Views per bucket start; buckets without views are absent. Days are calendar days in {@code zone}. */
    Map<Instant, Long> series(TimeRange range, Scope scope, TimeBucket bucket, ZoneId zone) {
        Map<Instant, Long> summed = over(
                range,
                scope,
                rolled -> {
                    Field<OffsetDateTime> start = bucketStart(SECTION_HOURLY.HOUR, bucket, zone);
                    Field<BigDecimal> views = sum(SECTION_HOURLY.VIEWS);
                    Map<Instant, Long> result = new HashMap<>();
                    dsl.select(start, views)
                            .from(SECTION_HOURLY)
                            .where(rolled(rolled, scope, SECTION_HOURLY.HOUR, SECTION_HOURLY.SECTION_ID))
                            .groupBy(start)
                            .forEach(r -> result.put(
                                    r.get(start).toInstant(), r.get(views).longValue()));
                    return result;
                },
                part -> seriesPerArticle(part, scope, bucket, zone));
        Map<Instant, Long> ordered = new LinkedHashMap<>();
        summed.entrySet().stream()
                .filter(e -> e.getValue() != 0)
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    private Map<Instant, Long> seriesPerArticle(TimeRange range, Scope scope, TimeBucket bucket, ZoneId zone) {
        Field<OffsetDateTime> start = bucketStart(ARTICLE_VIEWS_HOURLY.HOUR, bucket, zone);
        Map<Instant, Long> result = new LinkedHashMap<>();
        Field<BigDecimal> views = sum(ARTICLE_VIEWS_HOURLY.VIEWS);
        dsl.select(start, views)
                .from(ARTICLE_VIEWS_HOURLY)
                .where(inRange(range).and(condition(scope)))
                .groupBy(start)
                .forEach(r -> result.put(r.get(start).toInstant(), r.get(views).longValue()));
        return result;
    }

    /**
     * The hours the window totals of some ranking windows cover now (a window without totals yet is absent), and the
     * hours the rollups cover (empty before the first round) with the version of their contents.
     */
    record Coverage(Map<String, TimeRange> windows, Optional<TimeRange> rolled, long version) {}

    /** The coverage of the window totals of {@code windows} and of the rollups, in one statement. */
    Coverage coverage(List<String> windows) {
        Map<String, TimeRange> ranges = new HashMap<>();
        TimeRange[] rolled = new TimeRange[1];
        long[] version = new long[1];
        dsl.fetch("""
                        select window_name, start_hour, end_hour, null::bigint as version
                        from article_views_window_range where window_name = any(?::varchar[])
                        union all
                        select null, first_hour, end_hour, version from section_rollup_range where id = 1
                        """, (Object) windows.toArray(String[]::new)).forEach(r -> {
            TimeRange range = new TimeRange(
                    r.get("start_hour", OffsetDateTime.class).toEpochSecond(),
                    r.get("end_hour", OffsetDateTime.class).toEpochSecond());
            String window = r.get("window_name", String.class);
            if (window == null) {
                rolled[0] = range;
                version[0] = r.get("version", Long.class);
            } else {
                ranges.put(window, range);
            }
        });
        return new Coverage(ranges, Optional.ofNullable(rolled[0]), version[0]);
    }

    /** Views and engaged seconds of a section (its articles filed directly in it) over some hours. */
    record SectionSums(long views, long engagedSeconds) {

        static final SectionSums NONE = new SectionSums(0, 0);

        SectionSums plus(SectionSums other) {
            return new SectionSums(views + other.views, engagedSeconds + other.engagedSeconds);
        }
    }

    /** Views and engaged seconds per section over hours the rollups cover, from the rollups. */
    Map<Long, SectionSums> sectionsRolled(TimeRange range) {
        Map<Long, SectionSums> result = new HashMap<>();
        Field<BigDecimal> views = sum(SECTION_HOURLY.VIEWS);
        Field<BigDecimal> seconds = sum(SECTION_HOURLY.ENGAGED_SECONDS);
        dsl.select(SECTION_HOURLY.SECTION_ID, views, seconds)
                .from(SECTION_HOURLY)
                .where(rolled(range, Scope.SITE, SECTION_HOURLY.HOUR, SECTION_HOURLY.SECTION_ID))
                .groupBy(SECTION_HOURLY.SECTION_ID)
                .forEach(r -> result.put(
                        r.get(SECTION_HOURLY.SECTION_ID),
                        new SectionSums(r.get(views).longValue(), r.get(seconds).longValue())));
        return result;
    }

    /** Views and engaged seconds per section over some hours, from the per-article tables (articles' sections now). */
    Map<Long, SectionSums> sectionsPerArticle(TimeRange range) {
        Map<Long, SectionSums> result = new HashMap<>();
        dsl.fetch("""
                        select a.section_id, sum(x.views) as views, sum(x.seconds) as seconds
                        from (select article_id, views, 0::bigint as seconds from article_views_hourly
                              where hour >= ?::timestamptz and hour < ?::timestamptz
                              union all
                              select article_id, 0::bigint, seconds from article_engaged_hourly
                              where hour >= ?::timestamptz and hour < ?::timestamptz) x
                        join article a on a.id = x.article_id
                        group by a.section_id
                        """, range.startTime(), range.endTime(), range.startTime(), range.endTime())
                .forEach(r -> result.put(
                        r.get("section_id", Long.class),
                        new SectionSums(r.get("views", Long.class), r.get("seconds", Long.class))));
        return result;
    }

    /** Views per reporter over hours the rollups cover, from the rollups (reporters without views absent). */
    Map<Long, Long> reportersRolled(TimeRange range) {
        Map<Long, Long> result = new HashMap<>();
        Field<BigDecimal> views = sum(REPORTER_HOURLY.VIEWS);
        dsl.select(REPORTER_HOURLY.REPORTER_ID, views)
                .from(REPORTER_HOURLY)
                .where(REPORTER_HOURLY.HOUR.ge(range.startTime()).and(REPORTER_HOURLY.HOUR.lt(range.endTime())))
                .groupBy(REPORTER_HOURLY.REPORTER_ID)
                .forEach(r -> result.put(
                        r.get(REPORTER_HOURLY.REPORTER_ID), r.get(views).longValue()));
        return result;
    }

    /** Views per reporter over some hours from the per-article tables, each article counting for each credit. */
    Map<Long, Long> reportersPerArticle(TimeRange range) {
        Map<Long, Long> result = new HashMap<>();
        Field<BigDecimal> views = sum(ARTICLE_VIEWS_HOURLY.VIEWS);
        dsl.select(ARTICLE_REPORTER.REPORTER_ID, views)
                .from(ARTICLE_VIEWS_HOURLY)
                .join(ARTICLE_REPORTER)
                .on(ARTICLE_REPORTER.ARTICLE_ID.eq(ARTICLE_VIEWS_HOURLY.ARTICLE_ID))
                .where(inRange(range))
                .groupBy(ARTICLE_REPORTER.REPORTER_ID)
                .forEach(r -> result.put(
                        r.get(ARTICLE_REPORTER.REPORTER_ID), r.get(views).longValue()));
        return result;
    }

    /** The reporters of some ids (ids of reporters since deleted are absent). */
    Map<Long, Reporter> reporters(java.util.Collection<Long> ids) {
        Map<Long, Reporter> result = new HashMap<>();
        Field<Reporter> reporter = ReporterRepository.columns(REPORTER);
        dsl.select(REPORTER.ID, reporter)
                .from(REPORTER)
                .where(REPORTER.ID.in(ids))
                .forEach(r -> result.put(r.get(REPORTER.ID), r.get(reporter)));
        return result;
    }

    /** Counted views per source category in a range of hours, of the articles of a scope; absent categories had none. */
    Map<String, Long> sources(TimeRange range, Scope scope) {
        return over(range, scope, rolled -> sourcesRolled(rolled, scope), part -> sourcesPerArticle(part, scope));
    }

    /** Counted views per source category over hours the rollups cover, of the site or some sections. */
    Map<String, Long> sourcesRolled(TimeRange range, Scope scope) {
        Map<String, Long> result = new HashMap<>();
        Field<BigDecimal> views = sum(SECTION_SOURCES_HOURLY.VIEWS);
        dsl.select(SECTION_SOURCES_HOURLY.CATEGORY, views)
                .from(SECTION_SOURCES_HOURLY)
                .where(rolled(range, scope, SECTION_SOURCES_HOURLY.HOUR, SECTION_SOURCES_HOURLY.SECTION_ID))
                .groupBy(SECTION_SOURCES_HOURLY.CATEGORY)
                .forEach(r -> result.put(
                        r.get(SECTION_SOURCES_HOURLY.CATEGORY), r.get(views).longValue()));
        return result;
    }

    /** Counted views per source category over some hours from the per-article tables, of a scope's articles. */
    Map<String, Long> sourcesPerArticle(TimeRange range, Scope scope) {
        Map<String, Long> result = new HashMap<>();
        Field<BigDecimal> views = sum(ARTICLE_SOURCES_HOURLY.VIEWS);
        dsl.select(ARTICLE_SOURCES_HOURLY.CATEGORY, views)
                .from(ARTICLE_SOURCES_HOURLY)
                .where(ARTICLE_SOURCES_HOURLY
                        .HOUR
                        .ge(range.startTime())
                        .and(ARTICLE_SOURCES_HOURLY.HOUR.lt(range.endTime()))
                        .and(condition(scope, ARTICLE_SOURCES_HOURLY.ARTICLE_ID)))
                .groupBy(ARTICLE_SOURCES_HOURLY.CATEGORY)
                .forEach(r -> result.put(
                        r.get(ARTICLE_SOURCES_HOURLY.CATEGORY), r.get(views).longValue()));
        return result;
    }

    /** A referring host and its counted views. */
    record HostViews(String host, long views) {}

    /** The most frequent referring hosts of an article, and the views of all its referring hosts. */
    record Referrers(List<HostViews> hosts, long total) {}

    /**
     * The {@code first} referring hosts of an article in a range of hours, most views first, then by host; with the
     * views of all of them, in one statement.
     */
    Referrers referrers(TimeRange range, long articleId, int first) {
        Field<BigDecimal> views = sum(ARTICLE_REFERRERS_HOURLY.VIEWS);
        Field<BigDecimal> total = field("sum({0}) over ()", BigDecimal.class, views);
        long[] all = new long[1];
        List<HostViews> hosts = dsl.select(ARTICLE_REFERRERS_HOURLY.HOST, views, total.as("total"))
                .from(ARTICLE_REFERRERS_HOURLY)
                .where(ARTICLE_REFERRERS_HOURLY
                        .ARTICLE_ID
                        .eq(articleId)
                        .and(ARTICLE_REFERRERS_HOURLY.HOUR.ge(range.startTime()))
                        .and(ARTICLE_REFERRERS_HOURLY.HOUR.lt(range.endTime())))
                .groupBy(ARTICLE_REFERRERS_HOURLY.HOST)
                .orderBy(views.desc(), ARTICLE_REFERRERS_HOURLY.HOST)
                .limit(first)
                .fetch(r -> {
                    all[0] = r.get("total", BigDecimal.class).longValue();
                    return new HostViews(
                            r.get(ARTICLE_REFERRERS_HOURLY.HOST), r.get(views).longValue());
                });
        return new Referrers(hosts, all[0]);
    }

    /** Engaged seconds in a range of hours per article, of the given articles (absent: none). */
    Map<Long, Long> engagedByArticle(TimeRange range, java.util.Collection<Long> articleIds) {
        Map<Long, Long> result = new HashMap<>();
        Field<BigDecimal> seconds = sum(ARTICLE_ENGAGED_HOURLY.SECONDS);
        dsl.select(ARTICLE_ENGAGED_HOURLY.ARTICLE_ID, seconds)
                .from(ARTICLE_ENGAGED_HOURLY)
                .where(ARTICLE_ENGAGED_HOURLY
                        .ARTICLE_ID
                        .in(articleIds)
                        .and(ARTICLE_ENGAGED_HOURLY.HOUR.ge(range.startTime()))
                        .and(ARTICLE_ENGAGED_HOURLY.HOUR.lt(range.endTime())))
                .groupBy(ARTICLE_ENGAGED_HOURLY.ARTICLE_ID)
                .forEach(r -> result.put(
                        r.get(ARTICLE_ENGAGED_HOURLY.ARTICLE_ID), r.get(seconds).longValue()));
        return result;
    }

    /** An article's figures per bucket start: views, engaged seconds and views per source category (absent: none). */
    record ArticleSeries(
            Map<Instant, Long> views, Map<Instant, Long> engagedSeconds, Map<Instant, Map<String, Long>> sources) {}

    /** An article's views, engaged seconds and views per source, per bucket of a range of hours, in one statement. */
    ArticleSeries articleSeries(TimeRange range, long articleId, TimeBucket bucket, ZoneId zone) {
        Field<OffsetDateTime> viewsStart = bucketStart(ARTICLE_VIEWS_HOURLY.HOUR, bucket, zone);
        Field<OffsetDateTime> engagedStart = bucketStart(ARTICLE_ENGAGED_HOURLY.HOUR, bucket, zone);
        Field<OffsetDateTime> sourcesStart = bucketStart(ARTICLE_SOURCES_HOURLY.HOUR, bucket, zone);
        Field<String> noCategory = inline((String) null, String.class);
        var views = dsl.select(
                        viewsStart.as("start"),
                        inline("views").as("kind"),
                        noCategory.as("category"),
                        sum(ARTICLE_VIEWS_HOURLY.VIEWS).as("n"))
                .from(ARTICLE_VIEWS_HOURLY)
                .where(ARTICLE_VIEWS_HOURLY.ARTICLE_ID.eq(articleId).and(inRange(range)))
                .groupBy(viewsStart);
        var engaged = dsl.select(
                        engagedStart.as("start"),
                        inline("engaged").as("kind"),
                        noCategory.as("category"),
                        sum(ARTICLE_ENGAGED_HOURLY.SECONDS).as("n"))
                .from(ARTICLE_ENGAGED_HOURLY)
                .where(ARTICLE_ENGAGED_HOURLY
                        .ARTICLE_ID
                        .eq(articleId)
                        .and(ARTICLE_ENGAGED_HOURLY.HOUR.ge(range.startTime()))
                        .and(ARTICLE_ENGAGED_HOURLY.HOUR.lt(range.endTime())))
                .groupBy(engagedStart);
        var sources = dsl.select(
                        sourcesStart.as("start"),
                        inline("source").as("kind"),
                        ARTICLE_SOURCES_HOURLY.CATEGORY.as("category"),
                        sum(ARTICLE_SOURCES_HOURLY.VIEWS).as("n"))
                .from(ARTICLE_SOURCES_HOURLY)
                .where(ARTICLE_SOURCES_HOURLY
                        .ARTICLE_ID
                        .eq(articleId)
                        .and(ARTICLE_SOURCES_HOURLY.HOUR.ge(range.startTime()))
                        .and(ARTICLE_SOURCES_HOURLY.HOUR.lt(range.endTime())))
                .groupBy(sourcesStart, ARTICLE_SOURCES_HOURLY.CATEGORY);
        ArticleSeries result = new ArticleSeries(new HashMap<>(), new HashMap<>(), new HashMap<>());
        views.unionAll(engaged).unionAll(sources).forEach(r -> {
            Instant start = r.get("start", OffsetDateTime.class).toInstant();
            long n = r.get("n", Long.class);
            switch (r.get("kind", String.class)) {
                case "views" -> {
                    if (n != 0) {
                        result.views().put(start, n);
                    }
                }
                case "engaged" -> result.engagedSeconds().put(start, n);
                default ->
                    result.sources()
                            .computeIfAbsent(start, k -> new HashMap<>())
                            .put(r.get("category", String.class), n);
            }
        });
        return result;
    }

    /** Distinct visitors seen (a view or a heartbeat) on the articles of a scope from {@code since} on. */
    long readersSince(Instant since, Scope scope) {
        Field<Integer> readers =
                org.jooq.impl.DSL.countDistinct(READER_PRESENCE.VISITOR_HI, READER_PRESENCE.VISITOR_LO);
        Integer n = dsl.select(readers)
                .from(READER_PRESENCE)
                .where(READER_PRESENCE
                        .MINUTE
                        .ge(since.atOffset(java.time.ZoneOffset.UTC))
                        .and(condition(scope, READER_PRESENCE.ARTICLE_ID)))
                .fetchOne(readers);
        return n == null ? 0 : n;
    }
}
