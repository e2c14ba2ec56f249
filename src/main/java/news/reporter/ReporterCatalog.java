package news.reporter;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Looks up reporters for other features (node resolution, article filters, bylines). */
@Service
public class ReporterCatalog {

    private final ReporterRepository repository;

    ReporterCatalog(ReporterRepository repository) {
        this.repository = repository;
    }

    public Optional<Reporter> bySlug(String slug) {
        return repository.findBySlug(slug);
    }

    public Optional<Reporter> byId(long id) {
        return repository.findById(id);
    }

    /** Bylines of the given articles, in byline order, in one statement; articles without a byline are absent. */
    public Map<Long, List<Reporter>> bylinesOf(Collection<Long> articleIds) {
        return articleIds.isEmpty() ? Map.of() : repository.findBylines(articleIds);
    }
}
