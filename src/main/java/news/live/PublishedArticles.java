package news.live;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import news.article.Article;
import news.article.ArticleCatalog;
import news.content.ContentChanged;
import news.section.SectionDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Announces each article once, when it becomes public: at once for one published now, at its time for one scheduled
 * (no event marks that instant, so scheduled articles are remembered and checked every {@link #CHECK_EVERY}). Every
 * announcement is confirmed by reading the article as the public reads it, so a draft, an article scheduled for later
 * or a withdrawn one is never announced. One read per newsroom change serves every subscriber; subscribers only filter
 * by section.
 * <p>
 * "Newly" public means its publish time is at most {@link #RECENT} ago: an edit of an older article, or one put back
 * online with its first publish time, is not news again. Schedules are remembered in memory from the change that
 * set them; after a restart an article scheduled before it is not announced (it still appears in {@code latest}).
 */
@Component
class PublishedArticles implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PublishedArticles.class);

    static final Duration CHECK_EVERY = Duration.ofMillis(500);

    static final Duration RECENT = Duration.ofMinutes(10);

    private final ArticleCatalog articles;

    private final SectionDirectory sections;

    /** Slow subscribers miss announcements rather than hold up the others. */
    private final Sinks.Many<Article> announcements = Sinks.many().multicast().directBestEffort();

    /** Articles scheduled to become public, by id, with that instant. */
    private final Map<Long, Instant> scheduled = new ConcurrentHashMap<>();

    /** Articles already announced, with the publish time announced; an article is announced once per publish time. */
    private final Cache<Long, OffsetDateTime> announced = Caffeine.newBuilder()
            .expireAfterWrite(RECENT.multipliedBy(2))
            .maximumSize(100_000)
            .build();

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "published-articles");
        t.setDaemon(true);
        return t;
    });

    /** The application clock, from which the newsroom stamps publish times. */
    private final Clock clock;

    PublishedArticles(ArticleCatalog articles, SectionDirectory sections, Clock clock) {
        this.articles = articles;
        this.sections = sections;
        this.clock = clock;
        timer.scheduleWithFixedDelay(
                this::announceDue, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Articles becoming public from now on, in the section {@code slug} and its subsections (every section if null). */
    Flux<Article> published(String slug) {
        Flux<Article> all = announcements.asFlux();
        if (slug == null) {
            return all;
        }
        // The subtree is looked up per article, so a section moved or renamed meanwhile is followed.
        return all.filter(article -> sections.tree()
                .bySlug(slug)
                .map(section -> sections.tree().subtreeIds(section).contains(article.sectionId()))
                .orElse(false));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ContentChanged change) {
        if (change.kind() != ContentChanged.Kind.ARTICLE) {
            return;
        }
        try {
            OffsetDateTime from = articles.publicFrom(List.of(change.id())).get(change.id());
            if (from == null) {
                scheduled.remove(change.id());
            } else if (from.toInstant().isAfter(clock.instant())) {
                scheduled.put(change.id(), from.toInstant());
            } else {
                scheduled.remove(change.id());
                articles.visibleById(change.id()).ifPresent(this::announce);
            }
        } catch (RuntimeException ex) {
            log.warn("Could not check article {} for the live UPDATE list: {}", change.id(), ex.toString());
        }
    }

    private void announceDue() {
        try {
            Instant now = clock.instant();
            List<Long> due = scheduled.entrySet().stream()
                    .filter(e -> !e.getValue().isAfter(now))
                    .map(Map.Entry::getKey)
                    .toList();
            if (due.isEmpty()) {
                return;
            }
            for (Article article : articles.visibleByIds(due)) {
                scheduled.remove(article.id());
                announce(article);
            }
            // Due but not yet visible (the database's clock a moment behind): checked again on the next round, until
            // it is clearly stale.
            due.forEach(id -> scheduled.computeIfPresent(id, (k, at) -> at.isBefore(now.minus(RECENT)) ? null : at));
        } catch (RuntimeException ex) {
            log.warn("Could not check scheduled articles for the live UPDATE list: {}", ex.toString());
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
        synchronized (announcements) {
            announcements.tryEmitNext(article);
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
