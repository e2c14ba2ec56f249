package news.search;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import news.article.Article;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** Resolves {@code Query.search} and {@code Article.related}; the related lists of a page load in one batch. */
@Controller
class SearchController {

    private static final String RELATED = "relatedArticles";

    private final ArticleSearch search;

    SearchController(ArticleSearch search, BatchLoaderRegistry loaders) {
        this.search = search;
        loaders.<ArticleSearch.RelatedKey, List<Article>>forName(RELATED)
                .registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> search.related(List.copyOf(keys))));
    }

    @QueryMapping
    SearchConnection search(
            @Argument String query,
            @Argument String section,
            @Argument OffsetDateTime publishedAfter,
            @Argument OffsetDateTime publishedBefore,
            @Argument Integer first,
            @Argument String after) {
        return search.search(query, section, publishedAfter, publishedBefore, first, after);
    }

    @SchemaMapping(typeName = "Article", field = "related")
    CompletableFuture<List<Article>> related(
            Article article,
            @Argument Integer first,
            DataLoader<ArticleSearch.RelatedKey, List<Article>> relatedArticles) {
        return relatedArticles.load(ArticleSearch.RelatedKey.of(article, first));
    }
}
