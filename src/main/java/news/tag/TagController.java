package news.tag;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Resolves tags; their articles are resolved by the article feature. */
@Controller
class TagController {

    private final TagCatalog catalog;

    TagController(TagCatalog catalog) {
        this.catalog = catalog;
    }

    @QueryMapping
    Tag tag(@Argument String slug) {
        return catalog.bySlug(slug).orElse(null);
    }
}
