package news.analytics.readers;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.analytics.AnalyticsProperties;
import news.analytics.RankingWindow;
import news.analytics.TimeRange;
import news.section.Section;
import news.section.SectionDirectory;
import news.section.SectionTree;
import news.site.SiteProperties;
import org.springframework.stereotype.Service;

/**
 * Unique readers of articles, sections, reporters and the site, over the ranking windows ({@link RankingWindow} names)
 * or any buckets of hours.
 * <p>
 * An article's readers over a range that starts within {@code news.analytics.readers.exact-retention} are exact: the
 * distinct visitor keys of its kept (article, slot, visitor) rows. Everything else is estimated from unions of the
 * hourly sketches ({@link ReaderSketch}: within {@value ReaderSketch#BOUND_95} of the truth 95 % of the time), which
 * lag the keys by up to {@code sketch-interval}. A visitor is a 128-bit key; an anonymous one (no client visitorId) is
 * keyed with a salt of the day, so counts once per day in a longer range.
 * <p>
 * Totals per window are cached like the rankings: for {@code news.analytics.ranking-refresh}, each list computed once
 * however many readers ask at once. The per-section and per-reporter totals keep the unions of a window's finished hours
 * in memory while those hours' sketches keep their version, so a refresh reads the sketches of the hours still being
 * written only (and those of an hour just finished). When a window's first hour moves (once an hour), its unions are
 * built again from the unions of whole UTC days and the sketches of the hours around them; {@link #prepareNextHour}
 * (run in the background by the dashboard's warm-up) builds them ahead, for the window as it will be in the next hour,
 * so the first request of that hour adds only the hours finished since. The numbers are exact for the window asked
 * whichever way they are reached: kept unions (current or prepared ahead) are used only when they start at the window's
 * first hour, end no later than its finished hours, and their sketches still have the version they were built from;
 * otherwise the request builds them itself, as before. A stale union is never served for a moved window.
 */
@Service
public class Readers {

    private final ReaderRepository repository;

    private final SectionDirectory sections;

    private final Clock clock;

    private final ZoneId zone;

    private final AnalyticsProperties.Readers settings;

    private final Cache<ArticleKey, Long> articles;

    private final Cache<TotalsKey, Map<Long, Long>> totals;

    Readers(
            ReaderRepository repository,
            SectionDirectory sections,
            Clock clock,
            SiteProperties site,
            AnalyticsProperties properties,
            MeterRegistry registry) {
        this.repository = repository;
        this.sections = sections;
        this.clock = clock;
        this.zone = site.zone();
        this.settings = properties.readers();
        this.articles = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(properties.rankingRefresh())
                .build();
        this.totals = Caffeine.newBuilder()
                .maximumSize(properties.rankingCacheSize())
                .expireAfterWrite(properties.rankingRefresh())
                .build();
        for (Scope.Kind kind : Scope.Kind.values()) {
            sketchesRead.put(
                    kind,
                    Counter.builder("news.readers.sketches.read")
                            .description("Hourly reader sketches read from PostgreSQL to estimate readers")
                            .tag("kind", kind.name())
                            .register(registry));
        }
    }

    /** Stored sketch rows read, per kind of scope. */
    private final Map<Scope.Kind, Counter> sketchesRead = new EnumMap<>(Scope.Kind.class);

    /** Streams stored sketches of a kind into {@code sink}, counting them. */
    private void sketches(
            Scope.Kind kind, Collection<Long> ids, Instant from, Instant to, ReaderRepository.SketchSink sink) {
        Counter read = sketchesRead.get(kind);
        repository.sketches(kind, ids, from, to, (id, hour, sketch) -> {
            read.increment();
            sink.accept(id, hour, sketch);
        });
    }

    private record ArticleKey(long articleId, String window) {}

    private record TotalsKey(Scope.Kind kind, String window) {}

    /**
     * The unions per scope of the hours [start, end) of a window (epoch seconds), as of {@code version} of their
     * sketches.
     */
    private record Kept(long start, long end, long version, Map<Long, ReaderSketch.Merged> unions) {}

    /** A UTC day's sketches of a kind as of their version. */
    private record DayKey(Scope.Kind kind, long day, long version) {}

    /** Per kind and UTC day, the union per scope of the day's sketches, in their stored form. */
    private final Cache<DayKey, Map<Long, byte[]>> days = Caffeine.newBuilder()
            .maximumWeight(64L << 20)
            .weigher((DayKey k, Map<Long, byte[]> v) ->
                    v.values().stream().mapToInt(b -> b.length + 64).sum())
            .build();

    /** Per kind and window, the unions of its finished hours; changed only inside the computation of its totals. */
    private final Map<TotalsKey, Kept> kept = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Per kind and window, the unions of the finished hours of the window as it will be in the next hour, built by
     * {@link #prepareNextHour}; taken into {@link #kept} by the first computation of the window's totals in that hour.
     */
    private final Map<TotalsKey, Kept> ahead = new java.util.concurrent.ConcurrentHashMap<>();

    /** The hours a ranking window covers now. */
    private TimeRange range(String window) {
        return range(window, clock.instant());
    }

    /** The hours a ranking window covers at {@code at}. */
    private TimeRange range(String window, Instant at) {
        return RankingWindow.at(at, zone).stream()
                .filter(w -> w.name().equals(window))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No ranking window " + window))
                .range();
    }

    private static Instant instant(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond);
    }

    /** Whether an article's readers from {@code start} on are still counted from the kept keys. */
    private boolean exactFrom(Instant start) {
        return !start.isBefore(clock.instant().minus(settings.exactRetention()));
    }

    /** Readers of each article in a window (0 for none); the missing ones read in one statement. */
    public Map<Long, Long> ofArticles(Collection<Long> ids, String window) {
        Map<Long, Long> result = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (Long id : ids) {
            Long cached = articles.getIfPresent(new ArticleKey(id, window));
            if (cached == null) {
                missing.add(id);
            } else {
                result.put(id, cached);
            }
        }
        if (!missing.isEmpty()) {
            TimeRange range = range(window);
            Map<Long, Long> read = articles(missing, range);
            for (Long id : missing) {
                long readers = read.getOrDefault(id, 0L);
                articles.put(new ArticleKey(id, window), readers);
                result.put(id, readers);
            }
        }
        return result;
    }

    private Map<Long, Long> articles(Collection<Long> ids, TimeRange range) {
        Instant from = instant(range.start());
        Instant to = instant(range.end());
        if (exactFrom(from)) {
            return repository.exact(ids, from, to);
        }
        return estimates(Scope.Kind.ARTICLE, ids, from, to);
    }

    /** Estimated readers of each scope of a kind with sketches in [from, to). */
    private Map<Long, Long> estimates(Scope.Kind kind, Collection<Long> ids, Instant from, Instant to) {
        Map<Long, ReaderSketch.Merged> merged = merged(kind, ids, from, to);
        Map<Long, Long> result = new HashMap<>();
        merged.forEach((id, m) -> result.put(id, m.estimate()));
        return result;
    }

    private Map<Long, ReaderSketch.Merged> merged(Scope.Kind kind, Collection<Long> ids, Instant from, Instant to) {
        Map<Long, ReaderSketch.Merged> merged = new HashMap<>();
        sketches(
                kind,
                ids,
                from,
                to,
                (id, hour, sketch) -> merged.computeIfAbsent(id, k -> new ReaderSketch.Merged())
                        .add(sketch));
        return merged;
    }

    private static final long DAY = 86400;

    /**
     * The unions per scope of all the sketches of a kind in [from, to) (epoch seconds of hour starts): whole UTC days
     * from the unions of days kept in memory per version of the day's sketches, the hours before and after them from
     * the stored sketches.
     */
    private Map<Long, ReaderSketch.Merged> mergedByDays(Scope.Kind kind, long from, long to) {
        long firstDay = Math.floorDiv(from + DAY - 1, DAY) * DAY;
        long endDay = Math.floorDiv(to, DAY) * DAY;
        if (firstDay >= endDay) {
            return merged(kind, null, instant(from), instant(to));
        }
        Map<Long, ReaderSketch.Merged> result = new HashMap<>();
        Map<Long, Long> versions = repository.dayVersions(instant(firstDay), instant(endDay));
        for (long day = firstDay; day < endDay; day += DAY) {
            long d = day;
            Map<Long, byte[]> unions = days.get(
                    new DayKey(kind, day, versions.getOrDefault(day, versions.get(ReaderRepository.TRUNCATED))), k -> {
                        Map<Long, byte[]> bytes = new HashMap<>();
                        merged(kind, null, instant(d), instant(d + DAY)).forEach((id, m) -> bytes.put(id, m.toBytes()));
                        return Map.copyOf(bytes);
                    });
            unions.forEach((id, bytes) ->
                    result.computeIfAbsent(id, k -> new ReaderSketch.Merged()).add(bytes));
        }
        for (long[] part : new long[][] {{from, firstDay}, {endDay, to}}) {
            if (part[0] < part[1]) {
                sketches(
                        kind,
                        null,
                        instant(part[0]),
                        instant(part[1]),
                        (id, hour, sketch) -> result.computeIfAbsent(id, k -> new ReaderSketch.Merged())
                                .add(sketch));
            }
        }
        return result;
    }

    /** The start of the hours over by two sketch intervals: every instance has written what it folded of them. */
    private long finishedHours() {
        return TimeRange.hourOf(clock.instant().minus(settings.sketchInterval().multipliedBy(2)));
    }

    /**
     * The unions of the finished hours [start, finished) of a kind: {@code before} when it covers them, still has its
     * sketches' version and starts at {@code start}; grown by the hours finished since it was built when it ends
     * earlier; built again from the unions of whole days otherwise (or when {@code before} is null).
     */
    private Kept keep(Scope.Kind kind, Kept before, long start, long finished) {
        Instant from = instant(start);
        Instant middle = instant(finished);
        if (before != null
                && before.start() == start
                && before.end() <= finished
                && repository.version(from, instant(before.end())) == before.version()) {
            if (before.end() == finished) {
                return before;
            }
            long version = repository.version(from, middle);
            Map<Long, ReaderSketch.Merged> grown = new HashMap<>();
            before.unions()
                    .forEach((id, m) -> grown.computeIfAbsent(id, k -> new ReaderSketch.Merged())
                            .add(m));
            sketches(
                    kind,
                    null,
                    instant(before.end()),
                    middle,
                    (id, hour, sketch) -> grown.computeIfAbsent(id, k -> new ReaderSketch.Merged())
                            .add(sketch));
            return new Kept(start, finished, version, grown);
        }
        long version = repository.version(from, middle);
        return new Kept(start, finished, version, mergedByDays(kind, start, finished));
    }

    /**
     * The unions of a window's sketches per scope of a kind: those of its finished hours kept in memory while their
     * sketches do not change (the version of each hour's sketches, V22) and the window starts at the same hour, grown
     * as hours finish; those of the hours still being written read again. When the window's first hour has moved, the
     * unions {@link #prepareNextHour} built ahead for it are taken if they start at its new first hour (and pass the
     * same checks of version and end); only without them are the unions built again here, on the request's path.
     */
    private Map<Long, ReaderSketch.Merged> windowUnions(TotalsKey key, TimeRange range) {
        Instant end = instant(range.end());
        long finished = Math.min(range.end(), finishedHours());
        if (finished <= range.start()) {
            kept.remove(key);
            return merged(key.kind(), null, instant(range.start()), end);
        }
        Kept before = kept.get(key);
        Kept prepared = ahead.get(key);
        if ((before == null || before.start() != range.start())
                && prepared != null
                && prepared.start() == range.start()) {
            before = prepared;
        }
        Kept now = keep(key.kind(), before, range.start(), finished);
        kept.put(key, now);
        if (prepared != null && prepared.start() <= range.start()) {
            ahead.remove(key, prepared);
        }
        Map<Long, ReaderSketch.Merged> result = new HashMap<>();
        now.unions()
                .forEach((id, m) -> result.computeIfAbsent(id, k -> new ReaderSketch.Merged())
                        .add(m));
        if (finished < range.end()) {
            sketches(
                    key.kind(),
                    null,
                    instant(finished),
                    end,
                    (id, hour, sketch) -> result.computeIfAbsent(id, k -> new ReaderSketch.Merged())
                            .add(sketch));
        }
        return result;
    }

    /**
     * Builds ahead, off the request path, the unions of the finished hours of every window whose unions are kept (those
     * asked for since the start, the dashboard's warm-up among them) as the window will be in the next hour, when its
     * first hour moves then; unions built earlier in this hour are grown by the hours finished since. The first request
     * of the next hour takes them instead of building them (see {@link #windowUnions}): it checks their first hour and
     * their sketches' version as it checks the kept ones, so the figures are the same as built at once. Returns how many
     * windows have unions ready for the next hour.
     */
    public int prepareNextHour() {
        Instant now = clock.instant();
        // Any instant inside the next hour but its first gives the window's range for the whole hour.
        Instant next = Instant.ofEpochSecond(TimeRange.hourOf(now) + TimeRange.HOUR + TimeRange.HOUR / 2);
        long finished = finishedHours();
        int ready = 0;
        for (TotalsKey key : List.copyOf(kept.keySet())) {
            TimeRange current = range(key.window(), now);
            TimeRange coming = range(key.window(), next);
            long end = Math.min(coming.end(), finished);
            if (coming.start() == current.start() || end <= coming.start()) {
                ahead.remove(key);
                continue;
            }
            Kept before = ahead.get(key);
            Kept built = keep(key.kind(), before, coming.start(), end);
            ahead.put(key, built);
            ready++;
        }
        return ready;
    }

    /** Estimated readers of each section in a window, its subsections' readers included; sections without are absent. */
    public Map<Long, Long> ofSections(String window) {
        return totals.get(new TotalsKey(Scope.Kind.SECTION, window), k -> {
            TimeRange range = range(window);
            Map<Long, ReaderSketch.Merged> direct = windowUnions(k, range);
            SectionTree tree = sections.tree();
            Map<Long, Long> result = new HashMap<>();
            List<Section> queue = new ArrayList<>(tree.roots());
            while (!queue.isEmpty()) {
                Section section = queue.remove(0);
                ReaderSketch.Merged subtree = new ReaderSketch.Merged();
                for (Long id : tree.subtreeIds(section)) {
                    ReaderSketch.Merged m = direct.get(id);
                    if (m != null) {
                        subtree.add(m);
                    }
                }
                result.put(section.id(), subtree.estimate());
                queue.addAll(tree.children(section));
            }
            return Collections.unmodifiableMap(result);
        });
    }

    /** Estimated readers of each reporter in a window (of the articles crediting them); reporters without are absent. */
    public Map<Long, Long> ofReporters(String window) {
        return totals.get(new TotalsKey(Scope.Kind.REPORTER, window), k -> {
            Map<Long, Long> result = new HashMap<>();
            windowUnions(k, range(window)).forEach((id, m) -> result.put(id, m.estimate()));
            return Collections.unmodifiableMap(result);
        });
    }

    /**
     * Readers of a scope per bucket, the buckets given by their boundaries ({@code n + 1} ascending hour starts for
     * {@code n} buckets): exact for an article's buckets that start within the retention, estimated otherwise.
     */
    public long[] series(Scope scope, List<Instant> boundaries) {
        int n = boundaries.size() - 1;
        long[] result = new long[n];
        int firstExact = n;
        if (scope.kind() == Scope.Kind.ARTICLE) {
            firstExact = 0;
            while (firstExact < n && !exactFrom(boundaries.get(firstExact))) {
                firstExact++;
            }
            if (firstExact < n) {
                long[] exact = repository.exactSeries(scope.ids().get(0), boundaries.subList(firstExact, n + 1));
                System.arraycopy(exact, 0, result, firstExact, exact.length);
            }
        }
        if (firstExact > 0) {
            long[] estimated = estimatedSeries(scope, boundaries.subList(0, firstExact + 1));
            System.arraycopy(estimated, 0, result, 0, firstExact);
        }
        return result;
    }

    /** A bucket of a series, as of the version of its hours' sketches. */
    private record BucketKey(Scope scope, long start, long end, long version) {}

    /** Estimates of finished buckets of series, per version of their sketches. */
    private final Cache<BucketKey, Long> buckets =
            Caffeine.newBuilder().maximumSize(100_000).build();

    /**
     * Estimated readers of a scope per bucket: a finished bucket (over by two sketch intervals) from the estimates kept
     * per version of its hours' sketches, the others from the stored sketches.
     */
    private long[] estimatedSeries(Scope scope, List<Instant> bounds) {
        int n = bounds.size() - 1;
        long[] result = new long[n];
        long finished =
                TimeRange.hourOf(clock.instant().minus(settings.sketchInterval().multipliedBy(2)));
        long[] versions = null;
        BucketKey[] keys = new BucketKey[n];
        boolean[] found = new boolean[n];
        int firstMissing = n;
        int lastMissing = -1;
        for (int i = 0; i < n; i++) {
            long start = bounds.get(i).getEpochSecond();
            long end = bounds.get(i + 1).getEpochSecond();
            Long cached = null;
            if (end <= finished) {
                if (versions == null) {
                    versions = repository.bucketVersions(bounds);
                }
                keys[i] = new BucketKey(scope, start, end, versions[i]);
                cached = buckets.getIfPresent(keys[i]);
            }
            if (cached == null) {
                firstMissing = Math.min(firstMissing, i);
                lastMissing = i;
            } else {
                result[i] = cached;
                found[i] = true;
            }
        }
        if (lastMissing < 0) {
            return result;
        }
        ReaderSketch.Merged[] unions = new ReaderSketch.Merged[n];
        for (int i = firstMissing; i <= lastMissing; i++) {
            unions[i] = new ReaderSketch.Merged();
        }
        int from = firstMissing;
        int to = lastMissing;
        sketches(
                scope.kind(),
                scope.ids(),
                bounds.get(firstMissing),
                bounds.get(lastMissing + 1),
                (id, hour, sketch) -> {
                    int i = Collections.binarySearch(bounds, hour);
                    int bucket = i >= 0 ? i : -i - 2;
                    if (bucket >= from && bucket <= to) {
                        unions[bucket].add(sketch);
                    }
                });
        for (int i = firstMissing; i <= lastMissing; i++) {
            if (found[i]) {
                continue;
            }
            result[i] = unions[i].estimate();
            if (keys[i] != null) {
                buckets.put(keys[i], result[i]);
            }
        }
        return result;
    }

    /**
     * As {@link #series}, with one more count at the end: the readers of all the buckets together (each reader once);
     * one statement for an article whose buckets are all exact.
     */
    public long[] seriesWithTotal(Scope scope, List<Instant> boundaries) {
        int n = boundaries.size() - 1;
        if (scope.kind() == Scope.Kind.ARTICLE && exactFrom(boundaries.get(0))) {
            return repository.exactSeriesWithTotal(scope.ids().get(0), boundaries);
        }
        long[] result = java.util.Arrays.copyOf(series(scope, boundaries), n + 1);
        result[n] = series(scope, List.of(boundaries.get(0), boundaries.get(n)))[0];
        return result;
    }

    /** Drops the cached totals as their expiry does, keeping the unions of finished hours (tests). */
    void expireTotals() {
        totals.invalidateAll();
    }

    /** Drops every cached count (tests, and after bulk corrections of reader data). */
    public void invalidateAll() {
        articles.invalidateAll();
        totals.invalidateAll();
        kept.clear();
        ahead.clear();
        days.invalidateAll();
        buckets.invalidateAll();
    }
}
