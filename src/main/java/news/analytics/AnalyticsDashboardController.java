package news.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.Condition;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

import news.graphql.BadInputException;
import news.graphql.GlobalId;
import news.graphql.PageSize;
import news.reporter.Reporter;
import news.reporter.ReporterCatalog;
import news.section.Section;
import news.section.SectionDirectory;
import news.section.SectionTree;
import news.site.SiteProperties;

/**
 * The editors' analytics ({@code Query.analytics}): views over time, totals per section and per reporter with the
 * change against the previous window, and the ingestion accounting. Every editor-only resolver lives here, so that
 * access to all of them is granted in one place: editors only.
 */
@Controller
@PreAuthorize("hasRole('EDITOR')")
class AnalyticsDashboardController {

    static final int MAX_POINTS = 2000;

    private final DashboardRepository repository;

    private final SectionDirectory sections;

    private final ReporterCatalog reporters;

    private final ViewRecorder recorder;

    private final ViewFlusher flusher;

    private final WindowTotals windows;

    private final ZoneId zone;

    AnalyticsDashboardController(DashboardRepository repository, SectionDirectory sections, ReporterCatalog reporters,
            ViewRecorder recorder, ViewFlusher flusher, WindowTotals windows, SiteProperties newsroom) {
        this.repository = repository;
        this.sections = sections;
        this.reporters = reporters;
        this.recorder = recorder;
        this.flusher = flusher;
        this.windows = windows;
        this.zone = newsroom.zone();
    }

    @QueryMapping
    Analytics analytics() {
        return Analytics.INSTANCE;
    }

    @SchemaMapping(typeName = "Analytics")
    List<DashboardStats.ViewsPoint> viewsOverTime(Analytics analytics, @Argument AnalyticsScope scope,
            @Argument TimeBucket bucket, @Argument OffsetDateTime from, @Argument OffsetDateTime to) {
        if (!from.isBefore(to)) {
            throw new BadInputException("to", "'to' must be after 'from'.");
        }
        long buckets = bucketCount(bucket, from.toInstant(), to.toInstant());
        if (buckets > MAX_POINTS) {
            throw new BadInputException("to", "At most " + MAX_POINTS + " buckets per series, this asks for "
                    + buckets + ".");
        }
        List<Instant> starts = bucketStarts(bucket, from.toInstant(), to.toInstant());
        Condition condition = scopeCondition(scope);
        if (condition == null) {
            return starts.stream().map(s -> new DashboardStats.ViewsPoint(s.atOffset(ZoneOffset.UTC), 0)).toList();
        }
        Instant end = bucket == TimeBucket.HOUR ? starts.get(starts.size() - 1).plus(Duration.ofHours(1))
                : LocalDate.ofInstant(starts.get(starts.size() - 1), zone).plusDays(1).atStartOfDay(zone).toInstant();
        Map<Instant, Long> views = repository.series(TimeRange.covering(starts.get(0), end), condition, bucket, zone);
        return starts.stream()
            .map(s -> new DashboardStats.ViewsPoint(s.atOffset(ZoneOffset.UTC), views.getOrDefault(s, 0L)))
            .toList();
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
        return ChronoUnit.DAYS.between(first, last) + (last.atStartOfDay(zone).toInstant().isBefore(to) ? 1 : 0);
    }

    private List<Instant> bucketStarts(TimeBucket bucket, Instant from, Instant to) {
        List<Instant> starts = new ArrayList<>();
        if (bucket == TimeBucket.HOUR) {
            // An hour starting within the last second before `to` (to = hh:00:00.5) is a bucket too.
            for (long h = TimeRange.hourOf(from);
                    h < to.getEpochSecond() || h == to.getEpochSecond() && to.getNano() > 0; h += TimeRange.HOUR) {
                starts.add(Instant.ofEpochSecond(h));
            }
        }
        else {
            for (LocalDate day = LocalDate.ofInstant(from, zone); day.atStartOfDay(zone).toInstant().isBefore(to);
                    day = day.plusDays(1)) {
                starts.add(day.atStartOfDay(zone).toInstant());
            }
        }
        return starts;
    }

    /** The condition for a scope; null when the scope names nothing (the series is all zeros). */
    private Condition scopeCondition(AnalyticsScope scope) {
        if (scope == null) {
            return DashboardRepository.scope(null, null, null);
        }
        int given = (scope.section() == null ? 0 : 1) + (scope.reporter() == null ? 0 : 1)
                + (scope.article() == null ? 0 : 1);
        if (given > 1) {
            throw new BadInputException("scope", "Give at most one of 'section', 'reporter' or 'article'.");
        }
        if (scope.article() != null) {
            return DashboardRepository.scope(GlobalId.decode(scope.article(), "Article", "scope.article"), null, null);
        }
        if (scope.section() != null) {
            SectionTree tree = sections.tree();
            return tree.bySlug(scope.section())
                .map(s -> DashboardRepository.scope(null, tree.subtreeIds(s), null))
                .orElse(null);
        }
        if (scope.reporter() != null) {
            return reporters.bySlug(scope.reporter())
                .map(r -> DashboardRepository.scope(null, null, r.id()))
                .orElse(null);
        }
        return DashboardRepository.scope(null, null, null);
    }

    @SchemaMapping(typeName = "Analytics")
    List<DashboardStats.SectionViews> sectionTotals(Analytics analytics, @Argument PopularityWindow window) {
        windows.ensureCurrent();
        Map<Long, Long> current = repository.bySection(RankingWindow.current(window));
        Map<Long, Long> previous = repository.bySection(RankingWindow.previous(window));
        SectionTree tree = sections.tree();
        List<DashboardStats.SectionViews> result = new ArrayList<>();
        List<Section> queue = new ArrayList<>(tree.roots());
        while (!queue.isEmpty()) {
            Section section = queue.remove(0);
            List<Long> subtree = tree.subtreeIds(section);
            result.add(new DashboardStats.SectionViews(section, sum(current, subtree), sum(previous, subtree)));
            queue.addAll(tree.children(section));
        }
        result.sort(Comparator.comparingLong(DashboardStats.SectionViews::views).reversed());
        return result;
    }

    private static long sum(Map<Long, Long> bySection, List<Long> ids) {
        return ids.stream().mapToLong(id -> bySection.getOrDefault(id, 0L)).sum();
    }

    @SchemaMapping(typeName = "Analytics")
    List<DashboardStats.ReporterViews> reporterTotals(Analytics analytics, @Argument PopularityWindow window,
            @Argument Integer first) {
        int size = PageSize.check(first);
        windows.ensureCurrent();
        Map<Reporter, Long> current = repository.byReporter(RankingWindow.current(window));
        Map<Reporter, Long> previous = repository.byReporter(RankingWindow.previous(window));
        Set<Reporter> all = new HashSet<>(current.keySet());
        all.addAll(previous.keySet());
        return all.stream()
            .map(r -> new DashboardStats.ReporterViews(r, current.getOrDefault(r, 0L), previous.getOrDefault(r, 0L)))
            .sorted(Comparator.comparingLong(DashboardStats.ReporterViews::views).reversed()
                .thenComparing(Comparator.comparingLong(DashboardStats.ReporterViews::previousViews).reversed())
                .thenComparing(v -> v.reporter().name()))
            .limit(size)
            .toList();
    }

    @SchemaMapping(typeName = "Analytics")
    DashboardStats.IngestionStats ingestion(Analytics analytics) {
        Instant last = flusher.lastFlush();
        return new DashboardStats.IngestionStats(recorder.count(ViewOutcome.ACCEPTED),
                recorder.count(ViewOutcome.DUPLICATE), recorder.count(ViewOutcome.BOT),
                recorder.count(ViewOutcome.REJECTED), recorder.count(ViewOutcome.RATE_LIMITED), flusher.pendingKeys(),
                flusher.flushes(), flusher.failedFlushes(), last == null ? null : last.atOffset(ZoneOffset.UTC));
    }
}
