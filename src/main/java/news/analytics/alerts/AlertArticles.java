package news.analytics.alerts;

import news.article.Article;
import news.article.ArticleCatalog;
import news.graphql.FieldLoaders;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code alertArticles}: the articles of a response's alerts whatever their status, in one statement (registered at
 * startup, outside the editors-only controller).
 */
@Component
class AlertArticles implements FieldLoaders {

    private final ArticleCatalog articles;

    AlertArticles(ArticleCatalog articles) {
        this.articles = articles;
    }

    @Override
    public void register(BatchLoaderRegistry registry) {
        registry.<Long, Article>forName("alertArticles")
                .registerMappedBatchLoader((ids, env) -> Mono.fromCallable(() -> articles.anyByIds(ids)));
    }
}
