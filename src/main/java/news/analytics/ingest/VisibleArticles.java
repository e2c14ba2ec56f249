package news.analytics.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import news.analytics.AnalyticsProperties;
import news.content.AfterCommitStep;
import news.content.CommittedChange;
import news.content.ContentChanged;
import news.content.ContentChanges;
import news.database.DatabaseBusy;
import news.database.DatabaseUnavailable;
import org.springframework.stereotype.Component;

/**
 * Answers "is this a visible article?" for ingestion without a query per view. What is kept is when each article
 * becomes public (or that it is not published at all), so a scheduled article is counted from its publish time on
 * without anyone telling the cache. Every newsroom change of an article drops its entry: on this instance after the
 * commit, on the others when the notification arrives ({@link ContentChanges}). While this instance is not
 * listening for those notifications, every batch is checked in the database instead. {@code article-check-ttl} only
 * bounds changes made behind the newsroom's back (SQL by hand). While the database is unavailable (no newsroom write
 * can commit then), the last answer read for each article in the past hour stands in, so views go on being counted.
 */
@Component
class VisibleArticles implements AfterCommitStep {

    /** When an article becomes public (empty: not published or scheduled), and the generation it was read in. */
    private record Entry(Optional<Instant> publicFrom, long generation) {}

    private final LoadingCache<Long, Entry> entries;

    /**
     * The last answer read for each article, kept longer than {@code entries}: while the database is unavailable no
     * newsroom write can commit, so these answers are what ingestion goes on with until it returns.
     */
    private final Cache<Long, Entry> lastKnown;

    /** Counts changes; an entry read in an earlier generation than its article's last change is not used. */
    private final AtomicLong generation = new AtomicLong();

    /**
     * The generation of each article's last change, kept as long as an entry lives: an entry whose load began before
     * the change and ended after the invalidation would otherwise stay.
     */
    private final Cache<Long, Long> changedIn;

    private volatile long everythingChangedIn;

    private final VisibleArticleRepository repository;

    private final ContentChanges changes;

    VisibleArticles(VisibleArticleRepository repository, ContentChanges changes, AnalyticsProperties properties) {
        this.repository = repository;
        this.changes = changes;
        this.changedIn = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterWrite(properties.articleCheckTtl())
                .build();
        this.lastKnown = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterWrite(Duration.ofHours(1))
                .build();
        this.entries = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterWrite(properties.articleCheckTtl())
                .build(new CacheLoader<Long, Entry>() {
                    @Override
                    public Entry load(Long id) {
                        return loadAll(Set.of(id)).get(id);
                    }

                    @Override
                    public Map<Long, Entry> loadAll(Set<? extends Long> ids) {
                        return lookUp(ids);
                    }
                });
    }

    /**
     * Which of {@code ids} are visible articles, with at most one query for the ones not cached. While the database is
     * unavailable (or has no connection free), the last answers read for them are used; an id without one fails as
     * the database did.
     */
    Map<Long, Boolean> check(Collection<Long> ids) {
        Map<Long, Entry> found;
        try {
            found = read(ids);
        } catch (RuntimeException ex) {
            Map<Long, Entry> known = lastKnown.getAllPresent(ids);
            if (!DatabaseUnavailable.isCause(ex) && !DatabaseBusy.isCause(ex)
                    || known.size() < Set.copyOf(ids).size()) {
                throw ex;
            }
            found = known;
        }
        // The database's clock decides visibility in queries; the wall clock is its stand-in here (the analytics
        // clock places views in hours and may be set elsewhere in tests).
        Instant now = Instant.now();
        Map<Long, Boolean> result = new HashMap<>();
        found.forEach((id, entry) -> result.put(
                id, entry.publicFrom().isPresent() && !entry.publicFrom().get().isAfter(now)));
        return result;
    }

    private Map<Long, Entry> read(Collection<Long> ids) {
        Map<Long, Entry> found;
        if (changes.listening()) {
            found = new HashMap<>(entries.getAll(ids));
            List<Long> stale = found.entrySet().stream()
                    .filter(e -> outdated(e.getKey(), e.getValue()))
                    .map(Map.Entry::getKey)
                    .toList();
            if (!stale.isEmpty()) {
                Map<Long, Entry> fresh = lookUp(stale);
                entries.putAll(fresh);
                found.putAll(fresh);
            }
        } else {
            found = lookUp(ids);
        }
        return found;
    }

    @Override
    public Stage stage() {
        return Stage.CACHES;
    }

    @Override
    public void apply(CommittedChange change) {
        on(change.change());
    }

    void on(ContentChanged change) {
        if (change.kind() == ContentChanged.Kind.ALL) {
            everythingChangedIn = generation.incrementAndGet();
            entries.invalidateAll();
        } else if (change.kind() == ContentChanged.Kind.ARTICLE) {
            changedIn.put(change.id(), generation.incrementAndGet());
            entries.invalidate(change.id());
            lastKnown.invalidate(change.id());
        }
    }

    private boolean outdated(long id, Entry entry) {
        Long changed = changedIn.getIfPresent(id);
        return entry.generation() < everythingChangedIn || (changed != null && changed > entry.generation());
    }

    private Map<Long, Entry> lookUp(Collection<? extends Long> ids) {
        // Taken before the query: a change committed while it runs makes the answer outdated.
        long current = generation.get();
        Map<Long, OffsetDateTime> found = repository.publicFrom(ids);
        Map<Long, Entry> result = new HashMap<>();
        for (Long id : ids) {
            result.put(id, new Entry(Optional.ofNullable(found.get(id)).map(OffsetDateTime::toInstant), current));
        }
        lastKnown.putAll(result);
        return result;
    }
}
