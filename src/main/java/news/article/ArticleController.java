package news.article;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import news.graphql.GlobalId;
import news.reporter.Reporter;
import news.reporter.ReporterCatalog;
import news.section.Section;
import news.section.SectionDirectory;
import news.section.SectionTree;
import news.tag.Tag;
import news.tag.TagCatalog;
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

    private static final String BODY = "body";

    private static final String REPORTERS = "reporters";

    private static final String TAGS = "tags";

    private final ArticleFeed feed;

    private final ArticleRepository repository;

    private final SectionDirectory sections;

    private final ReporterCatalog reporters;

    private final TagCatalog tags;

    ArticleController(
            ArticleFeed feed,
            ArticleRepository repository,
            SectionDirectory sections,
            ReporterCatalog reporters,
            TagCatalog tags,
            BatchLoaderRegistry loaders) {
        this.feed = feed;
        this.repository = repository;
        this.sections = sections;
        this.reporters = reporters;
        this.tags = tags;
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
                selection.contains(BODY), selection.contains(REPORTERS), selection.contains(TAGS));
        Optional<ArticleRead> read = ArticleCatalog.bySlugOrId(
                slug, id, s -> repository.findVisibleBySlug(s, parts), i -> repository.findVisibleById(i, parts));
        read.ifPresent(r -> {
            prime(env, BODY, r.article(), r.body());
            prime(env, REPORTERS, r.article(), r.reporters());
            prime(env, TAGS, r.article(), r.tags());
        });
        return read.map(ArticleRead::article).orElse(null);
    }

    /** Stores a part already read in the request's loader of that field, which then does not query it again. */
    private static <T> void prime(DataFetchingEnvironment env, String field, Article article, List<T> loaded) {
        DataLoader<Article, List<T>> loader = env.getDataLoader("Article." + field);
        if (loaded != null && loader != null) {
            loader.prime(article, loaded);
        }
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

    @SchemaMapping
    String id(Article article) {
        return GlobalId.encode("Article", article.id());
    }

    @SchemaMapping
    Section section(Article article) {
        return sections.treeWith(article.sectionId()).byId(article.sectionId()).orElseThrow();
    }

    @SchemaMapping
    String url(Article article) {
        SectionTree tree = sections.treeWith(article.sectionId());
        return tree.byId(article.sectionId()).map(tree::url).orElse("") + "/" + article.slug();
    }

    @BatchMapping
    Map<Article, List<Reporter>> reporters(List<Article> articles) {
        return byArticle(articles, reporters.bylinesOf(ids(articles)));
    }

    @BatchMapping
    Map<Article, List<Tag>> tags(List<Article> articles) {
        return byArticle(articles, tags.tagsOf(ids(articles)));
    }

    @BatchMapping
    Map<Article, List<BodyBlock>> body(List<Article> articles) {
        return byArticle(articles, repository.bodiesOf(ids(articles)));
    }

    private static List<Long> ids(List<Article> articles) {
        return articles.stream().map(Article::id).distinct().toList();
    }

    private static <T> Map<Article, List<T>> byArticle(List<Article> articles, Map<Long, List<T>> byId) {
        return articles.stream()
                .distinct()
                .collect(Collectors.toMap(Function.identity(), a -> byId.getOrDefault(a.id(), List.of())));
    }
}
