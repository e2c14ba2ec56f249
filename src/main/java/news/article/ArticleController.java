package news.article;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import news.graphql.Selections;
import news.reporter.Reporter;
import news.reporter.ReporterDirectory;
import news.section.Section;
import news.tag.Tag;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * Resolves articles and article lists, including the lists hanging off sections, reporters and tags. Every field
 * under a list is loaded in one batch per request level.
 *
 * <p>The root fields of the public pages that are read most ({@code article}, {@code articleById}, {@code latest})
 * are wired as plain data fetchers in {@link #configure}: an annotated method costs a handler object, argument
 * binding and a context snapshot on every call, more than the rest of such a field's own work.
 */
@Controller
class ArticleController implements RuntimeWiringConfigurer {

    private static final String PAGES = "articlePages";

    private final ArticleFeed feed;

    private final ArticleRepository repository;

    private final ReporterDirectory reporters;

    ArticleController(
            ArticleFeed feed, ArticleRepository repository, ReporterDirectory reporters, BatchLoaderRegistry loaders) {
        this.feed = feed;
        this.repository = repository;
        this.reporters = reporters;
        loaders.<PageKey, ArticlePage>forName(PAGES)
                .registerMappedBatchLoader((keys, env) -> Mono.fromCallable(
                        () -> feed.pages(List.copyOf(keys), env.getKeyContexts().containsValue(Boolean.TRUE))));
    }

    @Override
    public void configure(RuntimeWiring.Builder wiring) {
        wiring.type(
                "Query",
                type -> type.dataFetcher("article", env -> page(env.<String>getArgument("slug"), null, env))
                        .dataFetcher("articleById", env -> page(null, env.<String>getArgument("id"), env))
                        .dataFetcher(
                                "latest",
                                env -> latest(
                                        env.getArgument("section"),
                                        env.getArgument("first"),
                                        env.getArgument("after"),
                                        env)));
    }

    /**
     * One article, read with the body, byline and tags the query asks for in the same statement; those are handed
     * to the field loaders below as already loaded, so an article page costs one statement.
     */
    private Article page(String slug, String id, DataFetchingEnvironment env) {
        ArticleRead.Parts parts = new ArticleRead.Parts(
                Selections.contains(env, ArticleFields.BODY),
                Selections.contains(env, ArticleFields.REPORTERS),
                Selections.contains(env, ArticleFields.TAGS));
        Optional<ArticleRead> read = ArticleCatalog.bySlugOrId(
                slug, id, s -> repository.findVisibleBySlug(s, parts), i -> repository.findVisibleById(i, parts));
        read.ifPresent(r -> {
            ArticleFields.prime(env, ArticleFields.BODY, r.article(), r.body());
            if (r.reporterIds() != null) {
                ArticleFields.prime(env, ArticleFields.REPORTERS, r.article(), reporters.byline(r.reporterIds()));
            }
            ArticleFields.prime(env, ArticleFields.TAGS, r.article(), r.tags());
        });
        return read.map(ArticleRead::article).orElse(null);
    }

    @QueryMapping
    ArticleConnection articles(
            @Argument ArticleFilterInput filter,
            @Argument Integer first,
            @Argument String after,
            DataFetchingEnvironment env) {
        return page(feed.key(feed.query(filter), first, after), env);
    }

    private ArticleConnection latest(String section, Integer first, String after, DataFetchingEnvironment env) {
        return page(feed.key(feed.inSection(section), first, after), env);
    }

    private ArticleConnection page(PageKey key, DataFetchingEnvironment env) {
        ArticlePage page = feed.page(key, asksForBylines(env));
        primeBylines(env, page);
        return ArticleFeed.connection(key, page);
    }

    /** Whether the list's articles show their reporters: then the page's statement reads the bylines too. */
    private static boolean asksForBylines(DataFetchingEnvironment env) {
        return Selections.contains(env, "edges", "node", ArticleFields.REPORTERS);
    }

    private void primeBylines(DataFetchingEnvironment env, ArticlePage page) {
        if (page.bylines() != null) {
            Map<Long, List<Reporter>> bylines = reporters.bylines(page.bylines());
            for (Article article : page.articles()) {
                ArticleFields.prime(env, ArticleFields.REPORTERS, article, bylines.get(article.id()));
            }
        }
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
        return loader.load(key, asksForBylines(env)).thenApply(page -> {
            primeBylines(env, page);
            return ArticleFeed.connection(key, page);
        });
    }

    @BatchMapping(typeName = "ArticleConnection")
    List<Integer> totalCount(List<ArticleConnection> connections) {
        Map<ArticleQuery, Integer> counts = repository.counts(
                connections.stream().map(ArticleConnection::query).toList());
        return connections.stream().map(c -> counts.get(c.query())).toList();
    }
}
