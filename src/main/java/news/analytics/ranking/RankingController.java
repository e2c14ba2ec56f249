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

/** Public rankings: the popular and trending lists, and an article's view and reader counts. */
@Controller
class RankingController implements FieldLoaders {

    private final Rankings rankings;

    RankingController(Rankings rankings) {
        this.rankings = rankings;
    }

    /**
     * {@code articleViews} and {@code articleReaders}: the view and unique reader counts of a response's articles, by
     * window, each read in one statement per window for the whole response.
     */
    @Override
    public void register(BatchLoaderRegistry registry) {
        registry.<Rankings.ArticleViewsKey, Long>forName("articleViews")
                .registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> rankings.viewsOf(keys)));
        registry.<Rankings.ArticleViewsKey, Long>forName("articleReaders")
                .registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> rankings.readersOf(keys)));
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

    @SchemaMapping(typeName = "Article", field = "readers")
    CompletableFuture<Long> readers(
            Article article,
            @Argument PopularityWindow window,
            DataLoader<Rankings.ArticleViewsKey, Long> articleReaders) {
        return articleReaders.load(new Rankings.ArticleViewsKey(article.id(), window));
    }

    /** Asked only when selected, so a list without {@code readers} costs what it did. */
    @SchemaMapping(typeName = "RankedArticle", field = "readers")
    CompletableFuture<Long> rankedReaders(
            RankedArticle ranked, DataLoader<Rankings.ArticleViewsKey, Long> articleReaders) {
        return articleReaders.load(new Rankings.ArticleViewsKey(ranked.article().id(), ranked.window()));
    }
}
