package news.article;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

import news.graphql.GlobalId;
import news.reporter.Reporter;
import news.section.Section;
import news.section.SectionDirectory;
import news.section.SectionTree;
import news.tag.Tag;

/**
 * Resolves articles and article lists, including the lists hanging off sections, reporters and tags. Every field
 * under a list is loaded in one batch per request level.
 */
@Controller
class ArticleController {

    private static final String PAGES = "articlePages";

    private final ArticleFeed feed;

    private final ArticleRepository repository;

    private final SectionDirectory sections;

    ArticleController(ArticleFeed feed, ArticleRepository repository, SectionDirectory sections,
            BatchLoaderRegistry loaders) {
        this.feed = feed;
        this.repository = repository;
        this.sections = sections;
        loaders.<PageKey, List<Article>>forName(PAGES)
            .registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> feed.pages(List.copyOf(keys))));
    }

    @QueryMapping
    Article article(@Argument String slug, @Argument String id) {
        return ArticleCatalog.bySlugOrId(slug, id, repository::findVisibleBySlug, repository::findVisibleById)
            .orElse(null);
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
    CompletableFuture<ArticleConnection> sectionArticles(Section section, @Argument Integer first,
            @Argument String after, DataLoader<PageKey, List<Article>> articlePages) {
        return load(articlePages, feed.key(feed.inSubtreeOf(section.id()), first, after));
    }

    @SchemaMapping(typeName = "Reporter", field = "articles")
    CompletableFuture<ArticleConnection> reporterArticles(Reporter reporter, @Argument Integer first,
            @Argument String after, DataLoader<PageKey, List<Article>> articlePages) {
        return load(articlePages, feed.key(ArticleQuery.byReporter(reporter.id()), first, after));
    }

    @SchemaMapping(typeName = "Tag", field = "articles")
    CompletableFuture<ArticleConnection> tagArticles(Tag tag, @Argument Integer first, @Argument String after,
            DataLoader<PageKey, List<Article>> articlePages) {
        return load(articlePages, feed.key(ArticleQuery.byTag(tag.id()), first, after));
    }

    private static CompletableFuture<ArticleConnection> load(DataLoader<PageKey, List<Article>> loader, PageKey key) {
        return loader.load(key).thenApply(fetched -> ArticleFeed.connection(key, fetched));
    }

    @BatchMapping(typeName = "ArticleConnection")
    List<Integer> totalCount(List<ArticleConnection> connections) {
        Map<ArticleQuery, Integer> counts = repository.counts(connections.stream().map(ArticleConnection::query).toList());
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
        return byArticle(articles, repository.reportersOf(ids(articles)));
    }

    @BatchMapping
    Map<Article, List<Tag>> tags(List<Article> articles) {
        return byArticle(articles, repository.tagsOf(ids(articles)));
    }

    @BatchMapping
    Map<Article, List<BodyBlock>> body(List<Article> articles) {
        return byArticle(articles, repository.bodiesOf(ids(articles)));
    }

    private static List<Long> ids(List<Article> articles) {
        return articles.stream().map(Article::id).distinct().toList();
    }

    private static <T> Map<Article, List<T>> byArticle(List<Article> articles, Map<Long, List<T>> byId) {
        return articles.stream().distinct().collect(Collectors.toMap(Function.identity(),
                a -> byId.getOrDefault(a.id(), List.of())));
    }
}
