package news.tag;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Looks up tags for other features (node resolution, article filters, the tags of articles). */
@Service
public class TagCatalog {

    private final TagRepository repository;

    TagCatalog(TagRepository repository) {
        this.repository = repository;
    }

    public Optional<Tag> bySlug(String slug) {
        return repository.findBySlug(slug);
    }

    public Optional<Tag> byId(long id) {
        return repository.findById(id);
    }

    /** Tags of the given visible articles, by name, in one statement; articles without tags are absent. */
    public Map<Long, List<Tag>> tagsOf(Collection<Long> articleIds) {
        return articleIds.isEmpty() ? Map.of() : repository.findByArticles(articleIds);
    }
}
