package news.live;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import news.article.Article;
import news.article.ArticleCatalog;
import news.content.AfterCommitStep;
import news.content.CommittedChange;
import news.content.ContentChanged;
import news.section.SectionDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Announces each article once, when it becomes public: at once for one published now, and for one scheduled when the
 * newsroom notices it falling due (its check publishes the same change as a publish, see
 * {@code news.newsroom.DueArticles}; on every instance, also after a restart). Every announcement is confirmed by
 * reading the article as the public reads it, so a draft, an article scheduled for later or a withdrawn one is never
 * announced. One read per newsroom change serves every subscriber; subscribers only filter by section.
 * <p>
 * "Newly" public means its publish time is at most {@link #RECENT} ago: an edit of an older article, or one put back
 * online with its first publish time, is not news again.
 * <p>
 * Subscribers are spread over {@link Shard shards}, one per processor, each announcing on a thread of its own: a
 * subscriber's answer is made and queued for sending on the thread that announces to it (the GraphQL execution of
 * its selection, the JSON, the WebSocket frame), so with ten thousand subscribers one thread would take every core's
 * share of that work in turn, and the committing thread (an editor's {@code publishArticle}) would wait for it.
 * Readers asking the same thing share one execution per shard ({@link SharedSubscriptions}), which names its shard.
 */
@Component
class PublishedArticles implements AfterCommitStep, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PublishedArticles.class);

    static final Duration RECENT = Duration.ofMinutes(10);

    private final ArticleCatalog articles;

    private final SectionDirectory sections;

    private final List<Shard> shards;

    /** The shard the next subscriber joins: subscribers are dealt to the shards in turn. */
    private final AtomicInteger nextShard = new AtomicInteger();

    /** Articles already announced, with the publish time announced; an article is announced once per publish time. */
    private final Cache<Long, OffsetDateTime> announced = Caffeine.newBuilder()
            .expireAfterWrite(RECENT.multipliedBy(2))
            .maximumSize(100_000)
            .build();

    /** The application clock, from which the newsroom stamps publish times. */
    private final Clock clock;

    /** How many shards announce: one per processor. */
    static int shards() {
        return Runtime.getRuntime().availableProcessors();
    }

    PublishedArticles(ArticleCatalog articles, SectionDirectory sections, Clock clock) {
        this.articles = articles;
        this.sections = sections;
        this.clock = clock;
        AtomicInteger number = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "live-announce-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.shards = IntStream.range(0, shards())
                .mapToObj(i -> new Shard(
                        Sinks.many().multicast().directBestEffort(), Executors.newSingleThreadExecutor(threads)))
                .toList();
    }

    /** Articles becoming public from now on, in the section {@code slug} and its subsections (every section if null). */
    Flux<Article> published(String slug) {
        return published(slug, null);
    }

    /**
     * As {@link #published(String)}, announced by the shard numbered {@code shard} (modulo their number), or by the
     * next shard in turn if null.
     */
    Flux<Article> published(String slug, Integer shard) {
        Flux<Article> all = Flux.defer(
                () -> shards.get(Math.floorMod(shard != null ? shard : nextShard.getAndIncrement(), shards.size()))
                        .announcements
                        .asFlux());
        if (slug == null) {
            return all;
        }
        // The subtree is looked up per article, so a section moved or renamed meanwhile is followed.
        return all.filter(article -> sections.tree()
                .bySlug(slug)
                .map(section -> sections.tree().subtreeIds(section).contains(article.sectionId()))
                .orElse(false));
    }

    @Override
    public Stage stage() {
        return Stage.ANNOUNCE;
    }

    @Override
    public void apply(CommittedChange change) {
        on(change.change());
    }

    void on(ContentChanged change) {
        // A change readers cannot notice (a draft edited, an article scheduled for later) announces nothing; the
        // change that makes it public follows.
        if (change.kind() != ContentChanged.Kind.ARTICLE || !change.visible()) {
            return;
        }
        try {
            articles.visibleById(change.id()).ifPresent(this::announce);
        } catch (RuntimeException ex) {
            log.warn("Could not check article {} for the live UPDATE list: {}", change.id(), ex.toString());
        }
    }

    private void announce(Article article) {
        if (article.publishedAt() == null
                || article.publishedAt().toInstant().isBefore(clock.instant().minus(RECENT))) {
            return;
        }
        OffsetDateTime before = announced.asMap().put(article.id(), article.publishedAt());
        if (article.publishedAt().equals(before)) {
            return;
        }
        for (Shard shard : shards) {
            try {
                shard.thread.execute(() -> emit(shard, article));
            } catch (RejectedExecutionException ex) {
                // The application is stopping.
            }
        }
    }

    private static void emit(Shard shard, Article article) {
        try {
            shard.announcements.tryEmitNext(article);
        } catch (RuntimeException ex) {
            log.warn("Could not announce article {} to some live subscribers: {}", article.id(), ex.toString());
        }
    }

    @Override
    public void destroy() {
        shards.forEach(shard -> shard.thread.shutdownNow());
    }

    /**
     * Some of the subscribers and the one thread that announces to them, in the order of the announcements; a
     * subscriber too slow to take one misses it rather than hold up the others of its shard.
     */
    private record Shard(Sinks.Many<Article> announcements, ExecutorService thread) {}
}
