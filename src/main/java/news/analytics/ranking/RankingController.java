package news.analytics.ranking;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import news.analytics.PopularityWindow;
import news.article.Article;
import news.graphql.FieldLoaders;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** Public rankings: the popular and trending lists, and an article's view count. */
@Controller
class RankingController implements FieldLoaders {

    private final Rankings rankings;

    RankingController(Rankings rankings) {
        this.rankings = rankings;
    }

    /** {@code articleViews}: the view counts of a response's articles, by window. */
    @Override
    public void register(BatchLoaderRegistry registry) {
        registry.<Rankings.ArticleViewsKey, Long>forName("articleViews")
                .registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> rankings.viewsOf(keys)));
    }

    @QueryMapping
    CompletableFuture<List<RankedArticle>> popular(
            @Argument PopularityWindow window, @Argument String section, @Argument Integer first) {
        return rankings.popular(window, section, first);
    }

    @QueryMapping
    CompletableFuture<List<RankedArticle>> trending(@Argument String section, @Argument Integer first) {
        return rankings.trending(section, first);
    }

    @SchemaMapping(typeName = "Article", field = "views")
    CompletableFuture<Long> views(
            Article article,
            @Argument PopularityWindow window,
            DataLoader<Rankings.ArticleViewsKey, Long> articleViews) {
        return articleViews.load(new Rankings.ArticleViewsKey(article.id(), window));
    }
}
