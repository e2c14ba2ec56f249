package news.article;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import news.graphql.GlobalId;
import news.reporter.Reporter;
import news.reporter.ReporterCatalog;
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
 * The fields of {@code Article} that are not plain properties, as plain data fetchers: they run for every article of
 * every list, so they avoid the per-call argument resolution of annotated controller methods, and they are marked
 * trivial (no I/O of their own, no request context needed), so neither observations nor context propagation wrap
 * them. Body, byline and tags
 * are loaded in one batch per request level by loaders keyed by article id (a number is cheap to hash; the article
 * record with its text is not).
 */
@Component
class ArticleFields implements RuntimeWiringConfigurer {

    static final String BODY = "body";

    static final String REPORTERS = "reporters";

    static final String TAGS = "tags";

    private final SectionDirectory sections;

    ArticleFields(
            ArticleRepository repository,
            SectionDirectory sections,
            ReporterCatalog reporters,
            TagCatalog tags,
            BatchLoaderRegistry loaders) {
        this.sections = sections;
        register(loaders, BODY, repository::bodiesOf);
        register(loaders, REPORTERS, reporters::bylinesOf);
        register(loaders, TAGS, tags::tagsOf);
    }

    private static <T> void register(
            BatchLoaderRegistry loaders, String field, Function<Collection<Long>, Map<Long, List<T>>> read) {
        loaders.<Long, List<T>>forName(loaderName(field))
                .registerMappedBatchLoader((ids, env) -> Mono.fromCallable(() -> read.apply(ids)));
    }

    static String loaderName(String field) {
        return "Article." + field;
    }

    @Override
    public void configure(RuntimeWiring.Builder wiring) {
        wiring.type(
                "Article",
                type -> type.dataFetcher("id", (TrivialDataFetcher<String>)
                                env -> GlobalId.encode("Article", article(env).id()))
                        .dataFetcher("section", (TrivialDataFetcher<Section>) env -> {
                            long sectionId = article(env).sectionId();
                            return sections.treeWith(sectionId).byId(sectionId).orElseThrow();
                        })
                        .dataFetcher("url", (TrivialDataFetcher<String>) env -> {
                            Article article = article(env);
                            SectionTree tree = sections.treeWith(article.sectionId());
                            return tree.byId(article.sectionId()).map(tree::url).orElse("") + "/" + article.slug();
                        })
                        .dataFetcher(BODY, this.<BodyBlock>batched(BODY))
                        .dataFetcher(REPORTERS, this.<Reporter>batched(REPORTERS))
                        .dataFetcher(TAGS, this.<Tag>batched(TAGS)));
    }

    private <T> TrivialDataFetcher<CompletableFuture<List<T>>> batched(String field) {
        String name = loaderName(field);
        return env -> {
            DataLoader<Long, List<T>> loader = env.getDataLoader(name);
            return loader.load(article(env).id()).thenApply(list -> list == null ? List.of() : list);
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
