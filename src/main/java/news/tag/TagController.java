package news.tag;

import graphql.TrivialDataFetcher;
import news.graphql.GlobalId;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
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

    /** Its global id, as a plain (trivial) data fetcher: every article of a list asks for it. */
    @Bean
    static RuntimeWiringConfigurer tagId() {
        return wiring -> wiring.type(
                "Tag",
                type -> type.dataFetcher("id", (TrivialDataFetcher<String>)
                        env -> GlobalId.encode("Tag", env.<Tag>getSource().id())));
    }
}
