package news.reporter;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Resolves reporters; their articles are resolved by the article feature. */
@Controller
class ReporterController {

    private final ReporterCatalog catalog;

    ReporterController(ReporterCatalog catalog) {
        this.catalog = catalog;
    }

    @QueryMapping
    Reporter reporter(@Argument String slug) {
        return catalog.bySlug(slug).orElse(null);
    }
}
