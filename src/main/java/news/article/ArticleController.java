package news.article;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import news.graphql.FieldLoaders;
import news.reporter.Reporter;
import news.reporter.ReporterDirectory;
import news.section.Section;
import news.tag.Tag;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * Resolves article lists: {@code articles}, the lists hanging off sections, reporters and tags, and their counts.
 * Every field under a list is loaded in one batch per request level. The roots read most ({@code article},
 * {@code articleById}, {@code latest}) are plain data fetchers in {@link ArticleFields}.
 */
@Controller
class ArticleController implements FieldLoaders {

    private final ArticleFeed feed;

    private final ArticleRepository repository;

    private final ReporterDirectory reporters;

    ArticleController(ArticleFeed feed, ArticleRepository repository, ReporterDirectory reporters) {
        this.feed = feed;
        this.repository = repository;
        this.reporters = reporters;
    }

    /**
     * {@code articlePages}: pages of several lists in one statement; {@code articleCounts}: their totals in one
     * statement.
     */
    @Override
    public void register(BatchLoaderRegistry registry) {
        registry.<PageKey, ArticlePage>forName("articlePages")
                .registerMappedBatchLoader((keys, env) -> Mono.fromCallable(
                        () -> feed.pages(List.copyOf(keys), env.getKeyContexts().containsValue(Boolean.TRUE))));
        registry.<ArticleQuery, Integer>forName("articleCounts")
                .registerMappedBatchLoader((queries, env) -> Mono.fromCallable(() -> repository.counts(queries)));
    }

    @QueryMapping
    ArticleConnection articles(
            @Argument ArticleFilterInput filter,
            @Argument Integer first,
            @Argument String after,
            DataFetchingEnvironment env) {
        PageKey key = feed.key(feed.query(filter), first, after);
        ArticlePage page = feed.page(key, ArticleFields.asksForBylines(env));
        ArticleFields.primeBylines(env, reporters, page);
        return ArticleFeed.connection(key, page);
    }

    @SchemaMapping(typeName = "Section", field = "articles")
    CompletableFuture<ArticleConnection> sectionArticles(
            Section section,
            @Argument Integer first,
            @Argument String after,
            DataLoader<PageKey, ArticlePage> articlePages,
            DataFetchingEnvironment env) {
        return load(articlePages, feed.key(feed.inSubtreeOf(section.id()), first, after), env);
    }

    @SchemaMapping(typeName = "Reporter", field = "articles")
    CompletableFuture<ArticleConnection> reporterArticles(
            Reporter reporter,
            @Argument Integer first,
            @Argument String after,
            DataLoader<PageKey, ArticlePage> articlePages,
            DataFetchingEnvironment env) {
        return load(articlePages, feed.key(ArticleQuery.byReporter(reporter.id()), first, after), env);
    }

    @SchemaMapping(typeName = "Tag", field = "articles")
    CompletableFuture<ArticleConnection> tagArticles(
            Tag tag,
            @Argument Integer first,
            @Argument String after,
            DataLoader<PageKey, ArticlePage> articlePages,
            DataFetchingEnvironment env) {
        return load(articlePages, feed.key(ArticleQuery.byTag(tag.id()), first, after), env);
    }

    /** The page's batch reads bylines when any of the lists batched with it shows them. */
    private CompletableFuture<ArticleConnection> load(
            DataLoader<PageKey, ArticlePage> loader, PageKey key, DataFetchingEnvironment env) {
        return loader.load(key, ArticleFields.asksForBylines(env)).thenApply(page -> {
            ArticleFields.primeBylines(env, reporters, page);
            return ArticleFeed.connection(key, page);
        });
    }

    /** The totals of all lists of a response in one statement. */
    @SchemaMapping(typeName = "ArticleConnection", field = "totalCount")
    CompletableFuture<Integer> totalCount(
            ArticleConnection connection, DataLoader<ArticleQuery, Integer> articleCounts) {
        return articleCounts.load(connection.query());
    }
}
