package news.article;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * Looks up single visible articles, for other features such as node resolution, and (the {@code any}/unpublished
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
}
