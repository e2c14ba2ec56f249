package news.analytics.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import news.analytics.PopularityWindow;
import news.analytics.RankingWindow;
import news.analytics.TimeRange;
import news.analytics.ingest.IngestionAccounting;
import news.analytics.ingest.IngestionStats;
import news.analytics.readers.Readers;
import news.analytics.readers.Scope;
import news.graphql.BadInputException;
import news.graphql.GlobalId;
import news.graphql.PageSize;
import news.reporter.Reporter;
import news.reporter.ReporterCatalog;
import news.section.Section;
import news.section.SectionDirectory;
import news.section.SectionTree;
import news.site.SiteProperties;
import org.springframework.stereotype.Service;

/**
 * The editors' figures: series in hour or calendar-day buckets of the newsroom zone, totals per section (with its
 * subsections) and per reporter against the previous window ({@link RolledTotals}: the rolled-up hours of the windows'
 * ranges and the per-article rows of the others), and the ingestion accounting of a period (all instances). It only
 * reads; the window ranges it sums over are moved by the flusher, the rollups by {@link SectionRollups}.
 */
@Service
class ReadershipReport {

    static final int MAX_POINTS = 2000;

    /** The longest period {@code ingestion(from, to)} sums. */
    static final Duration MAX_INGESTION_RANGE = Duration.ofDays(366);

    private final ReadershipRepository repository;

    private final RolledTotals rolledTotals;

    private final SectionDirectory sections;

    private final ReporterCatalog reporters;

    private final IngestionAccounting ingestion;

    private final Readers readers;

    private final ZoneId zone;

    private final Clock clock;

    ReadershipReport(
            ReadershipRepository repository,
            RolledTotals rolledTotals,
            SectionDirectory sections,
            ReporterCatalog reporters,
            IngestionAccounting ingestion,
            Readers readers,
            SiteProperties newsroom,
            Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.rolledTotals = rolledTotals;
        this.sections = sections;
        this.reporters = reporters;
        this.ingestion = ingestion;
        this.readers = readers;
        this.zone = newsroom.zone();
    }

    /**
     * Views (and unique readers when {@code withReaders}) per bucket from the bucket of {@code from} up to {@code to},
     * every bucket present (zero if none).
     */
    List<ReadershipStats.ViewsPoint> viewsOverTime(
            AnalyticsScope scope, TimeBucket bucket, OffsetDateTime from, OffsetDateTime to, boolean withReaders) {
        List<Instant> starts = checkedStarts(bucket, from, to);
        Instant end = end(bucket, starts);
        Instant now = clock.instant();
        Optional<ReadershipRepository.Scope> covered = covered(scope);
        if (covered.isEmpty()) {
            List<ReadershipStats.ViewsPoint> zeros = new ArrayList<>(starts.size());
            for (int i = 0; i < starts.size(); i++) {
                zeros.add(new ReadershipStats.ViewsPoint(
                        starts.get(i).atOffset(ZoneOffset.UTC), 0, 0, partial(starts, i, end, now)));
            }
            return zeros;
        }
        Map<Instant, Long> views =
                repository.series(TimeRange.covering(starts.get(0), end), covered.get(), bucket, zone);
        long[] readers = new long[starts.size()];
        if (withReaders) {
            List<Instant> boundaries = new ArrayList<>(starts);
            boundaries.add(end);
            readers = this.readers.series(readerScope(covered.get()), boundaries);
        }
        List<ReadershipStats.ViewsPoint> points = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            Instant s = starts.get(i);
            points.add(new ReadershipStats.ViewsPoint(
                    s.atOffset(ZoneOffset.UTC), views.getOrDefault(s, 0L), readers[i], partial(starts, i, end, now)));
        }
        return points;
    }

    /** The bucket starts from the bucket of {@code from} up to {@code to}; BAD_REQUEST when too many or none. */
    private List<Instant> checkedStarts(TimeBucket bucket, OffsetDateTime from, OffsetDateTime to) {
        if (!from.isBefore(to)) {
            throw new BadInputException("to", "'to' must be after 'from'.");
        }
        long buckets = bucketCount(bucket, from.toInstant(), to.toInstant());
        if (buckets > MAX_POINTS) {
            throw new BadInputException(
                    "to", "At most " + MAX_POINTS + " buckets per series, this asks for " + buckets + ".");
        }
        return bucketStarts(bucket, from.toInstant(), to.toInstant());
    }

    /** Whether the i-th bucket has not ended by {@code now}. */
    private static boolean partial(List<Instant> starts, int i, Instant end, Instant now) {
        return (i + 1 < starts.size() ? starts.get(i + 1) : end).isAfter(now);
    }

    /** The end of the last bucket. */
    private Instant end(TimeBucket bucket, List<Instant> starts) {
        Instant last = starts.get(starts.size() - 1);
        return bucket == TimeBucket.HOUR
                ? last.plus(Duration.ofHours(1))
                : LocalDate.ofInstant(last, zone).plusDays(1).atStartOfDay(zone).toInstant();
    }

    /**
     * One article from the bucket of {@code from} up to {@code to}: per bucket its counted views and exact readers (as
     * {@link #viewsOverTime}), engaged seconds and views per source; and the same for the whole period, readers each
     * once in it.
     */
    ReadershipStats.ArticleOverTime articleOverTime(
            String article, TimeBucket bucket, OffsetDateTime from, OffsetDateTime to) {
        long id = GlobalId.decode(article, "Article", "article");
        List<Instant> starts = checkedStarts(bucket, from, to);
        Instant end = end(bucket, starts);
        Instant now = clock.instant();
        TimeRange range = TimeRange.covering(starts.get(0), end);
        ReadershipRepository.ArticleSeries series = repository.articleSeries(range, id, bucket, zone);
        List<Instant> boundaries = new ArrayList<>(starts);
        boundaries.add(end);
        long[] readers = this.readers.seriesWithTotal(Scope.article(id), boundaries);
        List<ReadershipStats.ArticlePoint> points = new ArrayList<>(starts.size());
        Map<String, Long> allSources = new HashMap<>();
        long allViews = 0;
        long allEngaged = 0;
        for (int i = 0; i < starts.size(); i++) {
            Instant s = starts.get(i);
            Map<String, Long> here = series.sources().getOrDefault(s, Map.of());
            here.forEach((k, v) -> allSources.merge(k, v, Long::sum));
            long views = series.views().getOrDefault(s, 0L);
            long seconds = series.engagedSeconds().getOrDefault(s, 0L);
            allViews += views;
            allEngaged += seconds;
            points.add(new ReadershipStats.ArticlePoint(
                    s.atOffset(ZoneOffset.UTC),
                    views,
                    readers[i],
                    seconds,
                    sourceViews(here, false),
                    partial(starts, i, end, now)));
        }
        long allReaders = readers[starts.size()];
        return new ReadershipStats.ArticleOverTime(
                id,
                starts.get(0).atOffset(ZoneOffset.UTC),
                end.atOffset(ZoneOffset.UTC),
                allViews,
                allReaders,
                allEngaged,
                ReadershipStats.average(allEngaged, allReaders),
                sourceViews(allSources, true),
                points);
    }

    /** Every category with its views and share; most views first when {@code byViews}, else in the order of ties. */
    private static List<ReadershipStats.SourceViews> sourceViews(Map<String, Long> views, boolean byViews) {
        long total = views.values().stream().mapToLong(Long::longValue).sum();
        List<ReadershipStats.SourceViews> result = new ArrayList<>();
        for (String category : CATEGORIES) {
            long n = views.getOrDefault(category, 0L);
            result.add(new ReadershipStats.SourceViews(
                    category.toUpperCase(java.util.Locale.ROOT), n, total == 0 ? 0 : (double) n / total));
        }
        if (byViews) {
            result.sort(
                    Comparator.comparingLong(ReadershipStats.SourceViews::views).reversed());
        }
        return result;
    }

    private static Scope readerScope(ReadershipRepository.Scope scope) {
        if (scope.articleId() != null) {
            return Scope.article(scope.articleId());
        }
        if (scope.sectionIds() != null) {
            return Scope.sections(scope.sectionIds());
        }
        if (scope.reporterId() != null) {
            return Scope.reporter(scope.reporterId());
        }
        return Scope.SITE;
    }

    /** How many buckets start in [the bucket of {@code from}, {@code to}), counted without listing them. */
    private long bucketCount(TimeBucket bucket, Instant from, Instant to) {
        if (bucket == TimeBucket.HOUR) {
            long span = to.getEpochSecond() - TimeRange.hourOf(from);
            return span / TimeRange.HOUR + (span % TimeRange.HOUR != 0 || to.getNano() != 0 ? 1 : 0);
        }
        LocalDate first = LocalDate.ofInstant(from, zone);
        LocalDate last = LocalDate.ofInstant(to, zone);
        // The day of `to` has a bucket only when `to` is after its midnight.
        return ChronoUnit.DAYS.between(first, last)
                + (last.atStartOfDay(zone).toInstant().isBefore(to) ? 1 : 0);
    }

    private List<Instant> bucketStarts(TimeBucket bucket, Instant from, Instant to) {
        List<Instant> starts = new ArrayList<>();
        if (bucket == TimeBucket.HOUR) {
            // An hour starting within the last second before `to` (to = hh:00:00.5) is a bucket too.
            for (long h = TimeRange.hourOf(from);
                    h < to.getEpochSecond() || h == to.getEpochSecond() && to.getNano() > 0;
                    h += TimeRange.HOUR) {
                starts.add(Instant.ofEpochSecond(h));
            }
        } else {
            for (LocalDate day = LocalDate.ofInstant(from, zone);
                    day.atStartOfDay(zone).toInstant().isBefore(to);
                    day = day.plusDays(1)) {
                starts.add(day.atStartOfDay(zone).toInstant());
            }
        }
        return starts;
    }

    /** The articles a scope covers; empty when the scope names nothing (the series is all zeros). */
    Optional<ReadershipRepository.Scope> covered(AnalyticsScope scope) {
        if (scope == null) {
            return Optional.of(ReadershipRepository.Scope.SITE);
        }
        int given = (scope.section() == null ? 0 : 1)
                + (scope.reporter() == null ? 0 : 1)
                + (scope.article() == null ? 0 : 1);
        if (given > 1) {
            throw new BadInputException("scope", "Give at most one of 'section', 'reporter' or 'article'.");
        }
        if (scope.article() != null) {
            return Optional.of(
                    ReadershipRepository.Scope.article(GlobalId.decode(scope.article(), "Article", "scope.article")));
        }
        if (scope.section() != null) {
            SectionTree tree = sections.tree();
            return tree.bySlug(scope.section()).map(s -> ReadershipRepository.Scope.sections(tree.subtreeIds(s)));
        }
        if (scope.reporter() != null) {
            return reporters.bySlug(scope.reporter()).map(r -> ReadershipRepository.Scope.reporter(r.id()));
        }
        return Optional.of(ReadershipRepository.Scope.SITE);
    }

    /**
     * Every section, most viewed first, each counting the views (and, when {@code withReaders}, the estimated unique
     * readers) of its subsections too.
     */
    List<ReadershipStats.SectionViews> sectionTotals(PopularityWindow window, boolean withReaders) {
        RolledTotals.SectionTotals totals = rolledTotals.sections(
                RankingWindow.current(window), RankingWindow.previous(window), window.at(clock.instant(), zone));
        Map<Long, Long> current = totals.views();
        Map<Long, Long> previous = totals.previousViews();
        Map<Long, Long> readersNow = withReaders ? readers.ofSections(RankingWindow.current(window)) : Map.of();
        Map<Long, Long> readersBefore = withReaders ? readers.ofSections(RankingWindow.previous(window)) : Map.of();
        Map<Long, Long> engaged = totals.engagedSeconds();
        SectionTree tree = sections.tree();
        List<ReadershipStats.SectionViews> result = new ArrayList<>();
        List<Section> queue = new ArrayList<>(tree.roots());
        while (!queue.isEmpty()) {
            Section section = queue.remove(0);
            List<Long> subtree = tree.subtreeIds(section);
            long engagedSeconds = sum(engaged, subtree);
            long sectionReaders = readersNow.getOrDefault(section.id(), 0L);
            result.add(new ReadershipStats.SectionViews(
                    section,
                    sum(current, subtree),
                    sum(previous, subtree),
                    sectionReaders,
                    readersBefore.getOrDefault(section.id(), 0L),
                    engagedSeconds,
                    withReaders ? ReadershipStats.average(engagedSeconds, sectionReaders) : null));
            queue.addAll(tree.children(section));
        }
        result.sort(
                Comparator.comparingLong(ReadershipStats.SectionViews::views).reversed());
        return result;
    }

    /**
     * Counted views per source category in a window (TODAY when null), of the articles of a scope (the whole site
     * when null): every category, most views first, then in the order of {@code TrafficSources}.
     */
    List<ReadershipStats.SourceViews> sources(AnalyticsScope scope, PopularityWindow window) {
        TimeRange range = (window == null ? PopularityWindow.TODAY : window).at(clock.instant(), zone);
        Optional<ReadershipRepository.Scope> covered = covered(scope);
        Map<String, Long> views = covered.isEmpty() ? Map.of() : rolledTotals.sources(range, covered.get());
        return sourceViews(views, true);
    }

    /** The source categories, in the order of ties. */
    static final List<String> CATEGORIES =
            List.of("internal", "search", "social", "newsletter", "campaign", "direct", "other");

    /** The most frequent referring hosts of an article in a window (TODAY when null), {@code first} 1 to 100. */
    List<ReadershipStats.ReferrerViews> referrers(String article, PopularityWindow window, Integer first) {
        int n = first == null ? 10 : first;
        if (n < 1 || n > 100) {
            throw new BadInputException("first", "'first' must be between 1 and 100.");
        }
        long id = GlobalId.decode(article, "Article", "article");
        TimeRange range = (window == null ? PopularityWindow.TODAY : window).at(clock.instant(), zone);
        ReadershipRepository.Referrers referrers = repository.referrers(range, id, n);
        long total = referrers.total();
        return referrers.hosts().stream()
                .map(h -> new ReadershipStats.ReferrerViews(
                        h.host(), h.views(), total == 0 ? 0 : (double) h.views() / total))
                .toList();
    }

    /** How far back readers now looks: the current minute and the four before it. */
    static final int NOW_MINUTES = 5;

    /**
     * Readers now: distinct visitors with a view or a heartbeat of the scope's articles (the whole site when null) in
     * the current minute and the four before, all instances, as of their last writes.
     */
    long readersNow(AnalyticsScope scope) {
        return covered(scope).map(this::readersNow).orElse(0L);
    }

    /** Readers now of the articles a scope covers. */
    long readersNow(ReadershipRepository.Scope covered) {
        long now = clock.instant().getEpochSecond();
        Instant since = Instant.ofEpochSecond(now - Math.floorMod(now, 60L) - 60L * (NOW_MINUTES - 1));
        return repository.readersSince(since, covered);
    }

    /** An article's engaged seconds in a window (LAST_7_DAYS when null). */
    long engagedSeconds(long articleId, PopularityWindow window) {
        TimeRange range = (window == null ? PopularityWindow.LAST_7_DAYS : window).at(clock.instant(), zone);
        return repository.engagedByArticle(range, List.of(articleId)).getOrDefault(articleId, 0L);
    }

    /**
     * An article's engaged seconds per reader in a window (LAST_7_DAYS when null): its engaged seconds over its
     * exact unique readers in that window; null when it had no readers.
     */
    Double averageEngagedSeconds(long articleId, PopularityWindow window) {
        PopularityWindow w = window == null ? PopularityWindow.LAST_7_DAYS : window;
        long n =
                readers.ofArticles(List.of(articleId), RankingWindow.current(w)).getOrDefault(articleId, 0L);
        return ReadershipStats.average(engagedSeconds(articleId, w), n);
    }

    private static long sum(Map<Long, Long> bySection, List<Long> ids) {
        return ids.stream().mapToLong(id -> bySection.getOrDefault(id, 0L)).sum();
    }

    /**
     * The {@code first} most viewed reporters of a window, then by views in the window before, then by name; with
     * their estimated unique readers when {@code withReaders}.
     */
    List<ReadershipStats.ReporterViews> reporterTotals(PopularityWindow window, Integer first, boolean withReaders) {
        int size = PageSize.check(first);
        RolledTotals.ReporterTotals totals =
                rolledTotals.reporters(RankingWindow.current(window), RankingWindow.previous(window));
        Map<Long, Long> current = totals.views();
        Map<Long, Long> previous = totals.previousViews();
        Map<Long, Long> readersNow = withReaders ? readers.ofReporters(RankingWindow.current(window)) : Map.of();
        Map<Long, Long> readersBefore = withReaders ? readers.ofReporters(RankingWindow.previous(window)) : Map.of();
        Set<Long> all = new HashSet<>(current.keySet());
        all.addAll(previous.keySet());
        // Only the first `size` by views and previous views, and those tied with the last of them (their names
        // decide), need their reporter read.
        Comparator<Long> byViews = Comparator.<Long>comparingLong(id -> current.getOrDefault(id, 0L))
                .thenComparingLong(id -> previous.getOrDefault(id, 0L))
                .reversed();
        List<Long> ordered = all.stream().sorted(byViews).toList();
        List<Long> candidates = new ArrayList<>();
        for (Long id : ordered) {
            if (candidates.size() >= size && byViews.compare(id, candidates.get(size - 1)) != 0) {
                break;
            }
            candidates.add(id);
        }
        Map<Long, Reporter> reporters = rolledTotals.reporters(candidates);
        if (reporters.size() < candidates.size()) {
            // A reporter deleted meanwhile: read them all.
            reporters = rolledTotals.reporters(all);
            candidates = ordered;
        }
        Map<Long, Reporter> found = reporters;
        return candidates.stream()
                .filter(found::containsKey)
                .map(id -> new ReadershipStats.ReporterViews(
                        found.get(id),
                        current.getOrDefault(id, 0L),
                        previous.getOrDefault(id, 0L),
                        readersNow.getOrDefault(id, 0L),
                        readersBefore.getOrDefault(id, 0L)))
                .sorted(Comparator.comparingLong(ReadershipStats.ReporterViews::views)
                        .reversed()
                        .thenComparing(Comparator.comparingLong(ReadershipStats.ReporterViews::previousViews)
                                .reversed())
                        .thenComparing(v -> v.reporter().name()))
                .limit(size)
                .toList();
    }

    /**
     * The ingestion accounting of {@code [from, to)} rounded out to whole hours when both are given, else of the
     * window (ending now); all instances.
     */
    IngestionStats ingestion(PopularityWindow window, OffsetDateTime from, OffsetDateTime to) {
        if (from == null && to == null) {
            return ingestion.stats((window == null ? PopularityWindow.TODAY : window).at(clock.instant(), zone));
        }
        if (from == null || to == null) {
            throw new BadInputException(from == null ? "from" : "to", "Give both 'from' and 'to', or neither.");
        }
        if (!from.isBefore(to)) {
            throw new BadInputException("to", "'to' must be after 'from'.");
        }
        if (Duration.between(from, to).compareTo(MAX_INGESTION_RANGE) > 0) {
            throw new BadInputException(
                    "to", "At most " + MAX_INGESTION_RANGE.toDays() + " days between 'from' and 'to'.");
        }
        return ingestion.stats(TimeRange.covering(from.toInstant(), to.toInstant()));
    }
}
