package news.reporter;

import graphql.TrivialDataFetcher;
import news.graphql.GlobalId;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
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

    /** Its global id, as a plain (trivial) data fetcher: every article of a list asks for it. */
    @Bean
    static RuntimeWiringConfigurer reporterId() {
        return wiring -> wiring.type(
                "Reporter",
                type -> type.dataFetcher("id", (TrivialDataFetcher<String>) env ->
                        GlobalId.encode("Reporter", env.<Reporter>getSource().id())));
    }
}
