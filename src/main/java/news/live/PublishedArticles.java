package news.live;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import news.article.Article;
import news.article.ArticleCatalog;
import news.content.AfterCommitStep;
import news.content.CommittedChange;
import news.content.ContentChanged;
import news.section.SectionDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 */
@Component
class PublishedArticles implements AfterCommitStep {

    private static final Logger log = LoggerFactory.getLogger(PublishedArticles.class);

    static final Duration RECENT = Duration.ofMinutes(10);

    private final ArticleCatalog articles;

    private final SectionDirectory sections;

    /** Slow subscribers miss announcements rather than hold up the others. */
    private final Sinks.Many<Article> announcements = Sinks.many().multicast().directBestEffort();

    /** Articles already announced, with the publish time announced; an article is announced once per publish time. */
    private final Cache<Long, OffsetDateTime> announced = Caffeine.newBuilder()
            .expireAfterWrite(RECENT.multipliedBy(2))
            .maximumSize(100_000)
            .build();

    /** The application clock, from which the newsroom stamps publish times. */
    private final Clock clock;

    PublishedArticles(ArticleCatalog articles, SectionDirectory sections, Clock clock) {
        this.articles = articles;
        this.sections = sections;
        this.clock = clock;
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
        synchronized (announcements) {
            announcements.tryEmitNext(article);
        }
    }
}
