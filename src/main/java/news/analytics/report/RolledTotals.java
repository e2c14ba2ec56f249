package news.analytics.report;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import news.analytics.TimeRange;
import news.reporter.Reporter;
import org.springframework.stereotype.Service;

/**
 * Totals per section and per reporter over the ranking windows, from the rollups: a window's total is the sum of its
 * rolled-up hours ({@code section_hourly}, {@code reporter_hourly}) plus its other hours (the current and previous
 * hour, those before the first round) from the per-article tables, so it equals the sum of the articles' window totals
 * that it replaces. The sums of rolled-up hours are kept in memory per range of hours and version of the rollups (a new
 * version at every change of their contents, see V21), so a read costs one statement for the ranges and one per part
 * not rolled up; a new hour or round computes them once again. The site's and a section's sources are summed the same
 * way.
 */
@Service
class RolledTotals {

    private final ReadershipRepository repository;

    private final Cache<Key, Map<Long, ReadershipRepository.SectionSums>> sections;

    private final Cache<Key, Map<Long, Long>> reporters;

    private final Cache<Key, Map<String, Long>> sources;

    RolledTotals(ReadershipRepository repository) {
        this.repository = repository;
        this.sections = Caffeine.newBuilder()
                .maximumSize(32)
                .expireAfterAccess(Duration.ofHours(2))
                .build();
        this.reporters = Caffeine.newBuilder()
                .maximumSize(32)
                .expireAfterAccess(Duration.ofHours(2))
                .build();
        this.sources = Caffeine.newBuilder()
                .maximumSize(256)
                .expireAfterAccess(Duration.ofHours(2))
                .build();
    }

    /** A range of rolled-up hours as of a version of the rollups, and which figures of which scope. */
    private record Key(TimeRange range, long version, Object what) {}

    /** Per section filed in directly: views in two windows' totals, and engaged seconds over {@code engaged}. */
    record SectionTotals(Map<Long, Long> views, Map<Long, Long> previousViews, Map<Long, Long> engagedSeconds) {}

    /** Per reporter id: views in two windows' totals, reporters with views in neither absent. */
    record ReporterTotals(Map<Long, Long> views, Map<Long, Long> previousViews) {}

    SectionTotals sections(String window, String previous, TimeRange engaged) {
        ReadershipRepository.Coverage coverage = repository.coverage(List.of(window, previous));
        Map<TimeRange, Map<Long, ReadershipRepository.SectionSums>> sums = new HashMap<>();
        Function<TimeRange, Map<Long, ReadershipRepository.SectionSums>> over = range -> sums.computeIfAbsent(
                range,
                r -> sum(
                        r,
                        coverage,
                        "sections",
                        sections,
                        repository::sectionsRolled,
                        repository::sectionsPerArticle,
                        ReadershipRepository.SectionSums::plus));
        return new SectionTotals(
                views(coverage, window, over), views(coverage, previous, over), seconds(over.apply(engaged)));
    }

    ReporterTotals reporters(String window, String previous) {
        ReadershipRepository.Coverage coverage = repository.coverage(List.of(window, previous));
        Function<String, Map<Long, Long>> views = w -> {
            TimeRange range = coverage.windows().get(w);
            return range == null
                    ? Map.of()
                    : sum(
                            range,
                            coverage,
                            "reporters",
                            reporters,
                            repository::reportersRolled,
                            repository::reportersPerArticle,
                            Long::sum);
        };
        Map<Long, Long> current = views.apply(window);
        Map<Long, Long> before = views.apply(previous);
        current.values().removeIf(v -> v == 0);
        before.values().removeIf(v -> v == 0);
        return new ReporterTotals(current, before);
    }

    /** The reporters of some ids (those since deleted absent). */
    Map<Long, Reporter> reporters(java.util.Collection<Long> ids) {
        return ids.isEmpty() ? Map.of() : repository.reporters(ids);
    }

    /**
     * Counted views per source category over a range of hours, of the site or some sections (absent categories had
     * none); other scopes are read from the per-article tables alone.
     */
    Map<String, Long> sources(TimeRange range, ReadershipRepository.Scope scope) {
        if (scope.articleId() != null || scope.reporterId() != null) {
            return repository.sources(range, scope);
        }
        ReadershipRepository.Coverage coverage = repository.coverage(List.of());
        return sum(
                range,
                coverage,
                scope,
                sources,
                part -> repository.sourcesRolled(part, scope),
                part -> repository.sourcesPerArticle(part, scope),
                Long::sum);
    }

    private static Map<Long, Long> views(
            ReadershipRepository.Coverage coverage,
            String window,
            Function<TimeRange, Map<Long, ReadershipRepository.SectionSums>> over) {
        TimeRange range = coverage.windows().get(window);
        Map<Long, Long> result = new HashMap<>();
        if (range != null) {
            over.apply(range).forEach((id, s) -> result.put(id, s.views()));
        }
        return result;
    }

    private static Map<Long, Long> seconds(Map<Long, ReadershipRepository.SectionSums> sums) {
        Map<Long, Long> result = new HashMap<>();
        sums.forEach((id, s) -> result.put(id, s.engagedSeconds()));
        return result;
    }

    /**
     * A sum over {@code range}: the hours the rollups cover from {@code rolled} (kept in {@code cache} for this version
     * of the rollups), every other hour from {@code perArticle}.
     */
    private static <K, V> Map<K, V> sum(
            TimeRange range,
            ReadershipRepository.Coverage coverage,
            Object what,
            Cache<Key, Map<K, V>> cache,
            Function<TimeRange, Map<K, V>> rolled,
            Function<TimeRange, Map<K, V>> perArticle,
            java.util.function.BinaryOperator<V> plus) {
        Map<K, V> result = new HashMap<>();
        List<TimeRange> rest = List.of(range);
        if (coverage.rolled().isPresent()) {
            TimeRange covered = coverage.rolled().get();
            long start = Math.max(range.start(), covered.start());
            long end = Math.min(range.end(), covered.end());
            if (start < end) {
                TimeRange part = new TimeRange(start, end);
                result.putAll(cache.get(new Key(part, coverage.version(), what), k -> Map.copyOf(rolled.apply(part))));
                rest = range.minus(covered);
            }
        }
        for (TimeRange part : rest) {
            perArticle.apply(part).forEach((id, v) -> result.merge(id, v, plus));
        }
        return result;
    }
}
