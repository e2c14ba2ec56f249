package news.analytics;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import news.article.Article;
import news.graphql.BadInputException;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** Public analytics: recording views, the popular and trending lists, and an article's view count. */
@Controller
class AnalyticsController {

    private final ViewRecorder recorder;

    private final Rankings rankings;

    AnalyticsController(ViewRecorder recorder, Rankings rankings, BatchLoaderRegistry loaders) {
        this.recorder = recorder;
        this.rankings = rankings;
        loaders.<Rankings.ArticleViewsKey, Long>forName("articleViews")
                .registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> rankings.viewsOf(keys)));
    }

    @MutationMapping
    RecordViewPayload recordView(@Argument ViewReport input, DataFetchingEnvironment env) {
        ViewDecision decision = recorder.ingest(input, origin(env));
        if (decision.outcome() == ViewOutcome.REJECTED) {
            throw new BadInputException("input.articleId", decision.message());
        }
        return RecordViewPayload.of(decision.outcome());
    }

    /** The number of views is checked for the whole request before it runs, see {@link ViewsPerRequest}. */
    @MutationMapping
    RecordViewsPayload recordViews(@Argument List<ViewReport> input, DataFetchingEnvironment env) {
        return RecordViewsPayload.of(input, recorder.ingest(input, origin(env)));
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

    private static ClientOrigin origin(DataFetchingEnvironment env) {
        ClientOrigin origin = env.getGraphQlContext().get(ClientOrigin.CONTEXT_KEY);
        return origin == null ? new ClientOrigin("", null) : origin;
    }
}
