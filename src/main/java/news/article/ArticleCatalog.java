package news.article;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jooq.Condition;
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

    public Optional<Article> anyBySlug(String slug) {
        return repository.findBySlug(slug);
    }

    /** Drafts and not yet due scheduled articles, newest first, below {@code beforeId} when given. */
    public List<Article> unpublished(int limit, Long beforeId) {
        return repository.findUnpublished(limit, beforeId);
    }

    public int countUnpublished() {
        return repository.countUnpublished();
    }

    /** The visible articles among {@code ids}, in the order of {@code ids}; invisible or unknown ids are skipped. */
    public List<Article> visibleByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Article> found = repository.findVisibleByIds(ids).stream()
            .collect(Collectors.toMap(Article::id, Function.identity()));
        return ids.stream().distinct().map(found::get).filter(a -> a != null).toList();
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

    /** The public visibility rule as a condition on {@code ARTICLE}, for queries that join articles. */
    public static Condition visibleCondition() {
        return ArticleRepository.visible();
    }
}
