package news.analytics.ranking;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import news.analytics.AnalyticsProperties;
import news.analytics.PopularityWindow;
import news.analytics.RankingWindow;
import news.analytics.TimeRange;
import news.analytics.readers.Readers;
import news.article.Article;
import news.article.ArticleCatalog;
import news.content.AfterCommitStep;
import news.content.CommittedChange;
import news.content.ContentChanged;
import news.database.DatabaseBusy;
import news.database.DatabaseUnavailable;
import news.graphql.PageSize;
import news.section.SectionDirectory;
import news.section.SectionTree;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The popular and trending lists, served from a Caffeine cache. An entry older than {@code ranking-refresh} is
 * recomputed in the background on its next read while readers keep getting the previous list, and concurrent first
 * reads of a key share one computation, so a burst of readers costs one set of queries. Entries unread for ten
 * refresh intervals are dropped.
 * <p>
 * A cached list holds article ids and view counts only. Each read takes the listed articles as they are now, visible
 * ones only: from {@link #current}, the articles read since no change named them, and the others in one query by
 * primary key. A change to an article drops it there on every instance (this one after the commit, the others when
 * the notification arrives; everything after notifications may have been missed), so an article that was withdrawn
 * or moved out of the list's section is never served, and headline and status are current; an article changed by
 * hand in the database, which announces nothing, is read again within {@link #CURRENT_FOR}. When a read finds such a gap, or a
 * visible change (a publication, say) was announced since the list was computed, the list is recomputed in the
 * background; the reader gets the remaining articles, ranked 1, 2, ... without gaps. Each list replaced or dropped
 * is announced as {@link RankingsChanged}.
 */
@Service
class Rankings implements AfterCommitStep {

    private final RankingRepository repository;

    private final Readers readers;

    private final ArticleCatalog articles;

    private final SectionDirectory sections;

    private final Clock clock;

    private final AnalyticsProperties properties;

    private final AsyncLoadingCache<Key, Ranking> cache;

    /** Counts visible content changes; a list computed in an earlier generation is recomputed on its next read. */
    private final AtomicLong generation = new AtomicLong();

    private final MeterRegistry registry;

    /** Articles last read for the lists, by id: what the lists show while the database is unavailable. */
    private final Cache<Long, Article> lastRead =
            Caffeine.newBuilder().maximumSize(20_000).build();

    /** Longest time an article stays in {@link #current} without being read again. */
    static final Duration CURRENT_FOR = Duration.ofMinutes(1);

    /**
     * Visible articles of the lists as read since no content change named them, by id: the lists take their articles
     * from here and read only the others. Unlike {@link #lastRead}, a change drops its article at once.
     */
    private final Cache<Long, Article> current = Caffeine.newBuilder()
            .maximumSize(20_000)
            .expireAfterWrite(CURRENT_FOR)
            .build();

    /**
     * Counts the changes that dropped articles from {@link #current}: articles read by a statement that began before
     * one are not kept there, since they may be as they were before that change.
     */
    private final AtomicLong articleChanges = new AtomicLong();

    private final Timer lookups;

    Rankings(
            RankingRepository repository,
            Readers readers,
            ArticleCatalog articles,
            SectionDirectory sections,
            Clock clock,
            AnalyticsProperties properties,
            MeterRegistry registry,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.readers = readers;
        this.articles = articles;
        this.sections = sections;
        this.clock = clock;
        this.properties = properties;
        this.registry = registry;
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.rankingCacheSize())
                .refreshAfterWrite(properties.rankingRefresh())
                .expireAfterWrite(properties.rankingRefresh().multipliedBy(10))
                .recordStats()
                // After a recomputed list has replaced the old one (or a list was dropped): answers kept elsewhere
                // that show it are outdated.
                .removalListener((Key key, Ranking ranking, RemovalCause cause) -> {
                    if (key != null) {
                        events.publishEvent(
                                new RankingsChanged(key.kind().name().toLowerCase(java.util.Locale.ROOT)));
                    }
                })
                .buildAsync(this::compute);
        CaffeineCacheMetrics.monitor(registry, cache, "popular");
        this.lookups = Timer.builder("news.rankings.lookup")
                .description("Reading a ranking from the cache; a miss only starts the computation")
                .register(registry);
    }

    /** What a ranking answers; everything that changes the answer is in it. */
    record Key(Kind kind, PopularityWindow window, List<Long> sectionIds, int first) {}

    enum Kind {
        POPULAR,
        TRENDING
    }

    /** A computed list: ids in rank order, and the generation of content changes it was computed in. */
    private record Ranking(List<Entry> entries, long generation) {}

    private record Entry(long articleId, long views, Integer previousRank) {}

    CompletableFuture<List<RankedArticle>> popular(PopularityWindow window, String section, Integer first) {
        return lookup(Kind.POPULAR, window, section, first);
    }

    CompletableFuture<List<RankedArticle>> trending(String section, Integer first) {
        return lookup(Kind.TRENDING, null, section, first);
    }

    /**
     * The popular list computed now rather than read from the cache, for live subscribers; the result replaces the
     * cached list, so readers of {@code popular} get it too.
     */
    CompletableFuture<List<RankedArticle>> popularNow(PopularityWindow window, List<Long> sectionIds, int first) {
        Key key = new Key(Kind.POPULAR, window, sectionIds, first);
        return cache.synchronous().refresh(key).thenApply(ranking -> current(key, ranking));
    }

    private CompletableFuture<List<RankedArticle>> lookup(
            Kind kind, PopularityWindow window, String section, Integer first) {
        int size = PageSize.check(first);
        List<Long> sectionIds = null;
        if (section != null) {
            SectionTree tree = sections.tree();
            var found = tree.bySlug(section);
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(List.of());
            }
            sectionIds = List.copyOf(tree.subtreeIds(found.get()));
        }
        long started = System.nanoTime();
        Key key = new Key(kind, window, sectionIds, size);
        CompletableFuture<Ranking> result = cache.get(key);
        lookups.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return result.thenApply(ranking -> current(key, ranking));
    }

    /** The cached list with the articles as they are now; schedules a recomputation when it is outdated. */
    private List<RankedArticle> current(Key key, Ranking ranking) {
        Map<Long, Article> byId =
                load(ranking.entries().stream().map(Entry::articleId).toList());
        List<RankedArticle> result = new ArrayList<>(ranking.entries().size());
        for (Entry entry : ranking.entries()) {
            Article article = byId.get(entry.articleId());
            if (article != null && (key.sectionIds() == null || key.sectionIds().contains(article.sectionId()))) {
                result.add(new RankedArticle(
                        result.size() + 1,
                        article,
                        entry.views(),
                        entry.previousRank(),
                        key.window() == null ? PopularityWindow.LAST_HOUR : key.window()));
            }
        }
        if (result.size() < ranking.entries().size() || ranking.generation() < generation.get()) {
            // In the background; concurrent refreshes of one key are one computation.
            cache.synchronous().refresh(key);
        }
        return List.copyOf(result);
    }

    /**
     * The listed articles as they are now. While the database is unavailable (no newsroom write can commit then) or
     * has no connection free, the articles last read for rankings stand in, so the lists go on answering; an article
     * changed since is left out.
     */
    private Map<Long, Article> load(List<Long> ids) {
        Map<Long, Article> known = current.getAllPresent(ids);
        if (known.size() == ids.size()) {
            return known;
        }
        List<Long> missing = ids.stream().filter(id -> !known.containsKey(id)).toList();
        Map<Long, Article> byId = new HashMap<>(known);
        long changes = articleChanges.get();
        try {
            Map<Long, Article> read =
                    articles.visibleByIds(missing).stream().collect(Collectors.toMap(Article::id, Function.identity()));
            lastRead.putAll(read);
            current.putAll(read);
            // A change may have been applied while the statement ran (its counting comes before its dropping, so
            // if the articles were put after it dropped them, the count shows it here).
            if (articleChanges.get() != changes) {
                current.invalidateAll(read.keySet());
            }
            byId.putAll(read);
        } catch (RuntimeException ex) {
            if (!DatabaseUnavailable.isCause(ex) && !DatabaseBusy.isCause(ex)) {
                throw ex;
            }
            byId.putAll(lastRead.getAllPresent(missing));
        }
        return byId;
    }

    /**
     * A change readers can see (an article published, withdrawn or edited, a section renamed or moved; on this
     * instance after the commit, from others by notification) marks every list for recomputation on its next read.
     */
    @Override
    public Stage stage() {
        return Stage.CACHES;
    }

    @Override
    public void apply(CommittedChange change) {
        on(change.change());
    }

    void on(ContentChanged change) {
        if (change.kind() == ContentChanged.Kind.ARTICLE) {
            articleChanges.incrementAndGet();
            current.invalidate(change.id());
            lastRead.invalidate(change.id());
        } else if (change.kind() == ContentChanged.Kind.ALL) {
            articleChanges.incrementAndGet();
            current.invalidateAll();
        }
        if (change.visible() && change.kind() != ContentChanged.Kind.REPORTER) {
            generation.incrementAndGet();
        }
    }

    private Ranking compute(Key key) {
        // Taken before the queries: a change committed while they run leaves the result outdated.
        long computedIn = generation.get();
        Timer.Sample sample = Timer.start(registry);
        try {
            return new Ranking(key.kind() == Kind.POPULAR ? computePopular(key) : computeTrending(key), computedIn);
        } finally {
            sample.stop(Timer.builder("news.rankings.compute")
                    .description("Computing a ranking from the hourly buckets (a cache miss or refresh)")
                    .tag("kind", key.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .tag("window", key.window() == null ? "none" : key.window().name())
                    .register(registry));
        }
    }

    private List<Entry> computePopular(Key key) {
        List<RankingRepository.Ranked> top =
                repository.top(RankingWindow.current(key.window()), key.sectionIds(), key.first());
        List<Long> ids = top.stream().map(RankingRepository.Ranked::articleId).toList();
        Map<Long, Integer> previous = repository.ranksOf(ids, RankingWindow.previous(key.window()), key.sectionIds());
        return assemble(top, previous);
    }

    private List<Entry> computeTrending(Key key) {
        Instant now = clock.instant();
        long currentHour = TimeRange.hourOf(now);
        double elapsed = 1 + (now.getEpochSecond() - currentHour) / 3600.0;
        List<RankingRepository.Ranked> top =
                repository.trending(elapsed, key.sectionIds(), properties.trendingMinViews(), key.first());
        return assemble(top, Map.of());
    }

    private static List<Entry> assemble(List<RankingRepository.Ranked> top, Map<Long, Integer> previous) {
        return top.stream()
                .map(r -> new Entry(r.articleId(), r.views(), previous.get(r.articleId())))
                .toList();
    }

    /** Views of each article in {@code window}, as of the last flush; one query per window. */
    Map<ArticleViewsKey, Long> viewsOf(Collection<ArticleViewsKey> keys) {
        Map<ArticleViewsKey, Long> result = new HashMap<>();
        keys.stream().collect(Collectors.groupingBy(ArticleViewsKey::window)).forEach((window, group) -> {
            Map<Long, Long> views = repository.viewsOf(
                    group.stream().map(ArticleViewsKey::articleId).toList(), RankingWindow.current(window));
            group.forEach(k -> result.put(k, views.getOrDefault(k.articleId(), 0L)));
        });
        return result;
    }

    /**
     * Unique readers of each article in {@code window}: exact from the kept keys, one statement per window for the
     * counts not cached (see {@link Readers}).
     */
    Map<ArticleViewsKey, Long> readersOf(Collection<ArticleViewsKey> keys) {
        Map<ArticleViewsKey, Long> result = new HashMap<>();
        keys.stream().collect(Collectors.groupingBy(ArticleViewsKey::window)).forEach((window, group) -> {
            Map<Long, Long> counts = readers.ofArticles(
                    group.stream().map(ArticleViewsKey::articleId).toList(), RankingWindow.current(window));
            group.forEach(k -> result.put(k, counts.getOrDefault(k.articleId(), 0L)));
        });
        return result;
    }

    /** Drops every cached ranking and the lists' articles kept in memory (tests, and after bulk corrections). */
    void invalidateAll() {
        articleChanges.incrementAndGet();
        current.invalidateAll();
        cache.synchronous().invalidateAll();
    }

    /** An article and a window, the key of {@code Article.views} and {@code Article.readers}. */
    record ArticleViewsKey(long articleId, PopularityWindow window) {}
}
