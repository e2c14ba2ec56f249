package news.article;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import news.graphql.FieldLoaders;
import news.graphql.GlobalId;
import news.graphql.PlainFields;
import news.graphql.Selections;
import news.reporter.Reporter;
import news.reporter.ReporterCatalog;
import news.reporter.ReporterDirectory;
import news.section.Section;
import news.section.SectionDirectory;
import news.section.SectionTree;
import news.tag.Tag;
import news.tag.TagCatalog;
import org.dataloader.DataLoader;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The article feature's fields listed in {@link PlainFields}, as plain data fetchers.
 *
 * <p>The roots of the pages read most ({@code article}, {@code articleById}, {@code latest}): an annotated method
 * costs a handler object, argument binding and a context snapshot on every call, more than the rest of such a
 * field's own work.
 *
 * <p>The fields of {@code Article} that are not plain properties: they run for every article of every list, so they
 * avoid the per-call argument resolution of annotated controller methods, and they are marked trivial (no I/O of
 * their own, no request context needed), so neither observations nor context propagation wrap them. Body, byline and
 * tags are loaded in one batch per request level by loaders keyed by article id (a number is cheap to hash; the
 * article record with its text is not).
 */
@Component
class ArticleFields implements RuntimeWiringConfigurer, FieldLoaders {

    static final String BODY = "body";

    static final String REPORTERS = "reporters";

    static final String TAGS = "tags";

    private final ArticleFeed feed;

    private final ArticleRepository repository;

    private final ReporterDirectory directory;

    private final SectionDirectory sections;

    private final ReporterCatalog reporters;

    private final TagCatalog tags;

    ArticleFields(
            ArticleFeed feed,
            ArticleRepository repository,
            ReporterDirectory directory,
            SectionDirectory sections,
            ReporterCatalog reporters,
            TagCatalog tags) {
        this.feed = feed;
        this.repository = repository;
        this.directory = directory;
        this.sections = sections;
        this.reporters = reporters;
        this.tags = tags;
    }

    @Override
    public void register(BatchLoaderRegistry registry) {
        register(registry, BODY, repository::bodiesOf);
        register(registry, REPORTERS, reporters::bylinesOf);
        register(registry, TAGS, tags::tagsOf);
    }

    private static <T> void register(
            BatchLoaderRegistry registry, String field, Function<Collection<Long>, Map<Long, List<T>>> read) {
        registry.<Long, List<T>>forName(loaderName(field))
                .registerMappedBatchLoader((ids, env) -> Mono.fromCallable(() -> read.apply(ids)));
    }

    static String loaderName(String field) {
        return "Article." + field;
    }

    @Override
    public void configure(RuntimeWiring.Builder wiring) {
        PlainFields.wire(
                wiring,
                "Query",
                Map.of(
                        "article",
                        (DataFetcher<Article>) env -> page(env.<String>getArgument("slug"), null, env),
                        "articleById",
                        (DataFetcher<Article>) env -> page(null, env.<String>getArgument("id"), env),
                        "latest",
                        (DataFetcher<ArticleConnection>) env -> latest(
                                env.getArgument("section"), env.getArgument("first"), env.getArgument("after"), env)));
        PlainFields.wire(
                wiring,
                "Article",
                Map.of(
                        "id",
                        (TrivialDataFetcher<String>)
                                env -> GlobalId.encode("Article", article(env).id()),
                        "section",
                        (TrivialDataFetcher<Section>) env -> {
                            long sectionId = article(env).sectionId();
                            return sections.treeWith(sectionId).byId(sectionId).orElseThrow();
                        },
                        "url",
                        (TrivialDataFetcher<String>) env -> {
                            Article article = article(env);
                            SectionTree tree = sections.treeWith(article.sectionId());
                            return tree.byId(article.sectionId()).map(tree::url).orElse("") + "/" + article.slug();
                        },
                        BODY,
                        this.<BodyBlock>batched(BODY),
                        REPORTERS,
                        this.<Reporter>batched(REPORTERS),
                        TAGS,
                        this.<Tag>batched(TAGS)));
    }

    /**
     * One article, read with the body, byline and tags the query asks for in the same statement; those are handed
     * to the field loaders as already loaded, so an article page costs one statement.
     */
    private Article page(String slug, String id, DataFetchingEnvironment env) {
        ArticleRead.Parts parts = new ArticleRead.Parts(
                Selections.contains(env, BODY), Selections.contains(env, REPORTERS), Selections.contains(env, TAGS));
        Optional<ArticleRead> read = ArticleCatalog.bySlugOrId(
                slug, id, s -> repository.findVisibleBySlug(s, parts), i -> repository.findVisibleById(i, parts));
        read.ifPresent(r -> {
            prime(env, BODY, r.article(), r.body());
            if (r.reporterIds() != null) {
                prime(env, REPORTERS, r.article(), directory.byline(r.reporterIds()));
            }
            prime(env, TAGS, r.article(), r.tags());
        });
        return read.map(ArticleRead::article).orElse(null);
    }

    private ArticleConnection latest(String section, Integer first, String after, DataFetchingEnvironment env) {
        PageKey key = feed.key(feed.inSection(section), first, after);
        ArticlePage page = feed.page(key, asksForBylines(env));
        primeBylines(env, directory, page);
        return ArticleFeed.connection(key, page);
    }

    /** Whether the list's articles show their reporters: then the page's statement reads the bylines too. */
    static boolean asksForBylines(DataFetchingEnvironment env) {
        return Selections.contains(env, "edges", "node", REPORTERS);
    }

    /** Hands the bylines a page's statement read to the reporters' loader. */
    static void primeBylines(DataFetchingEnvironment env, ReporterDirectory directory, ArticlePage page) {
        if (page.bylines() != null) {
            Map<Long, List<Reporter>> bylines = directory.bylines(page.bylines());
            for (Article article : page.articles()) {
                prime(env, REPORTERS, article, bylines.get(article.id()));
            }
        }
    }

    /**
     * The field's value from its loader: a part already read with the article or the page (primed) is answered at
     * once as a value, which graphql-java completes without a future, a load or a dispatch; any other is loaded in the
     * level's batch.
     */
    private <T> TrivialDataFetcher<Object> batched(String field) {
        String name = loaderName(field);
        return env -> {
            DataLoader<Long, List<T>> loader = env.getDataLoader(name);
            long id = article(env).id();
            CompletableFuture<List<T>> primed = loader.getIfCompleted(id).orElse(null);
            if (primed != null && !primed.isCompletedExceptionally()) {
                List<T> list = primed.join();
                return list == null ? List.of() : list;
            }
            return loader.load(id).thenApply(list -> list == null ? List.of() : list);
        };
    }

    private static Article article(DataFetchingEnvironment env) {
        return env.getSource();
    }

    /** Stores a part already read in the request's loader of that field, which then does not query it again. */
    static <T> void prime(DataFetchingEnvironment env, String field, Article article, List<T> loaded) {
        DataLoader<Long, List<T>> loader = env.getDataLoader(loaderName(field));
        if (loaded != null && loader != null) {
            loader.prime(article.id(), loaded);
        }
    }
}
