package news.search;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import news.article.Article;
import news.database.DatabaseUnavailable;
import news.graphql.ClassifiedError;
import news.graphql.FieldLoaders;
import org.dataloader.DataLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** Resolves {@code Query.search} and {@code Article.related}; the related lists of a page load in one batch. */
@Controller
class SearchController implements FieldLoaders {

    private static final Logger log = LoggerFactory.getLogger(SearchController.class);

    private static final String RELATED = "relatedArticles";

    /** Under a burst of costly searches many time out; one warning per this many nanoseconds is enough. */
    private static final long TIMEOUT_LOG_INTERVAL = 10_000_000_000L;

    private final AtomicLong lastTimeoutLog = new AtomicLong(System.nanoTime() - TIMEOUT_LOG_INTERVAL);

    private final ArticleSearch search;

    private final long timeoutMillis;

    SearchController(ArticleSearch search, SearchLimits limits) {
        this.search = search;
        this.timeoutMillis = limits.statementTimeout().toMillis();
    }

    @Override
    public void register(BatchLoaderRegistry registry) {
        registry.<ArticleSearch.RelatedKey, List<Article>>forName(RELATED)
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

    /**
     * The search statement ran past {@code news.search.statement-timeout}: that {@code search} field is answered
     * SEARCH_TIMEOUT, retryable (the other fields of the request keep their data), with no SQL or database text.
     */
    @GraphQlExceptionHandler
    GraphQLError timedOut(SearchTimeout ex, DataFetchingEnvironment env) {
        long now = System.nanoTime();
        long last = lastTimeoutLog.get();
        String line = "Search statement cancelled after its timeout of {} ms at {}";
        if (now - last >= TIMEOUT_LOG_INTERVAL && lastTimeoutLog.compareAndSet(last, now)) {
            log.warn(line, timeoutMillis, env.getExecutionStepInfo().getPath());
        } else {
            log.debug(line, timeoutMillis, env.getExecutionStepInfo().getPath());
        }
        return ClassifiedError.of(
                env,
                Timeout.SEARCH_TIMEOUT,
                ex.getMessage(),
                Map.of("retryable", true, "retryAfterSeconds", DatabaseUnavailable.RETRY_AFTER_SECONDS));
    }

    /** In {@code extensions.classification} (and {@code code}). */
    private enum Timeout implements ErrorClassification {
        SEARCH_TIMEOUT
    }
}
