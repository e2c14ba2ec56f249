package news.article;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import news.graphql.BadInputException;
import news.graphql.GlobalId;
import news.graphql.PageSize;
import org.springframework.stereotype.Service;

/**
 * Looks up visible articles for other features (node resolution, rankings), and (the {@code any}/unpublished
 * methods) articles in any status, for the newsroom's editors only.
 */
@Service
public class ArticleCatalog {

    private final ArticleRepository repository;

    ArticleCatalog(ArticleRepository repository) {
        this.repository = repository;
    }

    public Optional<Article> visibleById(long id) {
        return repository.findVisibleById(id);
    }

    public Optional<Article> visibleBySlug(String slug) {
        return repository.findVisibleBySlug(slug);
    }

    public Optional<Article> anyById(long id) {
        return repository.findById(id);
    }

    /** The articles among {@code ids} whatever their status, by id; unknown ids are absent. For editors. */
    public Map<Long, Article> anyByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return repository.findByIds(ids).stream().collect(Collectors.toMap(Article::id, Function.identity()));
    }

    /** The article in any status named by exactly one of {@code slug} and {@code id} (a global id). */
    public Optional<Article> anyBySlugOrId(String slug, String id) {
        return bySlugOrId(slug, id, repository::findBySlug, repository::findById);
    }

    /**
     * Looks an article up by exactly one of {@code slug} and {@code id}, the two arguments of every query for one
     * article; a BAD_REQUEST naming the argument when both or neither are given.
     */
    static <T> Optional<T> bySlugOrId(
            String slug, String id, Function<String, Optional<T>> bySlug, LongFunction<Optional<T>> byId) {
        if ((slug == null) == (id == null)) {
            throw new BadInputException(slug == null ? "slug" : "id", "Give exactly one of 'slug' or 'id'.");
        }
        return slug != null ? bySlug.apply(slug) : byId.apply(GlobalId.decode(id, "Article", "id"));
    }

    /** Drafts and not yet due scheduled articles: a page of {@code first} after the cursor {@code after}. */
    public DraftConnection drafts(Integer first, String after) {
        int size = PageSize.check(first);
        ArticleCursor position = ArticleCursor.decodeDraft(after, "after");
        List<Article> fetched = repository.findUnpublished(size + 1, position == null ? null : position.id());
        ArticleConnection.Page page = ArticleConnection.Page.of(fetched, size, after != null, ArticleCursor::ofDraft);
        return new DraftConnection(page.edges(), page.pageInfo(), repository.countUnpublished());
    }

    /** The visible articles among {@code ids}, in the order of {@code ids}; invisible or unknown ids are skipped. */
    public List<Article> visibleByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Article> found =
                repository.findVisibleByIds(ids).stream().collect(Collectors.toMap(Article::id, Function.identity()));
        return ids.stream().distinct().map(found::get).filter(a -> a != null).toList();
    }

    /**
     * Every slug by which {@code article(slug:)} may find the article (its current slug and those it had while
     * public), whatever its status; empty for an unknown id. Caches keyed by slug purge these.
     */
    public List<String> slugsOf(long id) {
        return repository.findSlugs(id);
    }

    /** The ids among {@code ids} that name visible articles. */
    public Set<Long> visibleIds(Collection<Long> ids) {
        return ids.isEmpty() ? Set.of() : new HashSet<>(repository.findVisibleIds(ids));
    }

    /**
     * When each of {@code ids} becomes (or became) public, for caches that must follow a scheduled article to its
     * time without being told; articles that are not published or scheduled are absent.
     */
    public Map<Long, OffsetDateTime> publicFrom(Collection<Long> ids) {
        return ids.isEmpty() ? Map.of() : repository.findPublicFrom(ids);
    }
}
