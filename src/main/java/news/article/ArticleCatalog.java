package news.article;

import java.util.Optional;

import org.springframework.stereotype.Service;

/** Looks up single visible articles, for other features such as node resolution. */
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
}
