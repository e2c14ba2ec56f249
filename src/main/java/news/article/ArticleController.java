package news.article;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import news.reporter.Reporter;
import news.section.Section;
import news.tag.Tag;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * Resolves articles and article lists, including the lists hanging off sections, reporters and tags. Every field
 * under a list is loaded in one batch per request level.
 */
@Controller
class ArticleController {

    private static final String PAGES = "articlePages";

    private final ArticleFeed feed;

    private final ArticleRepository repository;

    ArticleController(ArticleFeed feed, ArticleRepository repository, BatchLoaderRegistry loaders) {
        this.feed = feed;
        this.repository = repository;
        loaders.<PageKey, List<Article>>forName(PAGES)
                .registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> feed.pages(List.copyOf(keys))));
    }

    /**
     * One article, read with the body, byline and tags the query asks for in the same statement; those are handed
     * to the field loaders below as already loaded, so an article page costs one statement.
     */
    @QueryMapping
    Article article(@Argument String slug, DataFetchingEnvironment env) {
        return page(slug, null, env);
    }

    @QueryMapping
    Article articleById(@Argument String id, DataFetchingEnvironment env) {
        return page(null, id, env);
    }

    private Article page(String slug, String id, DataFetchingEnvironment env) {
        DataFetchingFieldSelectionSet selection = env.getSelectionSet();
        ArticleRead.Parts parts = new ArticleRead.Parts(
                selection.contains(ArticleFields.BODY),
                selection.contains(ArticleFields.REPORTERS),
                selection.contains(ArticleFields.TAGS));
        Optional<ArticleRead> read = ArticleCatalog.bySlugOrId(
                slug, id, s -> repository.findVisibleBySlug(s, parts), i -> repository.findVisibleById(i, parts));
        read.ifPresent(r -> {
            ArticleFields.prime(env, ArticleFields.BODY, r.article(), r.body());
            ArticleFields.prime(env, ArticleFields.REPORTERS, r.article(), r.reporters());
            ArticleFields.prime(env, ArticleFields.TAGS, r.article(), r.tags());
        });
        return read.map(ArticleRead::article).orElse(null);
    }

    @QueryMapping
    ArticleConnection articles(@Argument ArticleFilterInput filter, @Argument Integer first, @Argument String after) {
        return feed.page(feed.key(feed.query(filter), first, after));
    }

    @QueryMapping
    ArticleConnection latest(@Argument String section, @Argument Integer first, @Argument String after) {
        return feed.page(feed.key(feed.inSection(section), first, after));
    }

    @SchemaMapping(typeName = "Section", field = "articles")
    CompletableFuture<ArticleConnection> sectionArticles(
            Section section,
            @Argument Integer first,
            @Argument String after,
            DataLoader<PageKey, List<Article>> articlePages) {
        return load(articlePages, feed.key(feed.inSubtreeOf(section.id()), first, after));
    }

    @SchemaMapping(typeName = "Reporter", field = "articles")
    CompletableFuture<ArticleConnection> reporterArticles(
            Reporter reporter,
            @Argument Integer first,
            @Argument String after,
            DataLoader<PageKey, List<Article>> articlePages) {
        return load(articlePages, feed.key(ArticleQuery.byReporter(reporter.id()), first, after));
    }

    @SchemaMapping(typeName = "Tag", field = "articles")
    CompletableFuture<ArticleConnection> tagArticles(
            Tag tag, @Argument Integer first, @Argument String after, DataLoader<PageKey, List<Article>> articlePages) {
        return load(articlePages, feed.key(ArticleQuery.byTag(tag.id()), first, after));
    }

    private static CompletableFuture<ArticleConnection> load(DataLoader<PageKey, List<Article>> loader, PageKey key) {
        return loader.load(key).thenApply(fetched -> ArticleFeed.connection(key, fetched));
    }

    @BatchMapping(typeName = "ArticleConnection")
    List<Integer> totalCount(List<ArticleConnection> connections) {
        Map<ArticleQuery, Integer> counts = repository.counts(
                connections.stream().map(ArticleConnection::query).toList());
        return connections.stream().map(c -> counts.get(c.query())).toList();
    }
}
