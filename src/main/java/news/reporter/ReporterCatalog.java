package news.reporter;

import java.util.Optional;

import org.springframework.stereotype.Service;

/** Looks up reporters for other features (node resolution, article filters). */
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
}
