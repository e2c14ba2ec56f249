package news.tag;

import java.util.Optional;

import org.springframework.stereotype.Service;

/** Looks up tags for other features (node resolution, article filters). */
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
}
