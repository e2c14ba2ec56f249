package news.analytics.alerts;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import news.article.Article;
import news.graphql.GlobalId;
import news.graphql.PageSize;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/**
 * The alerts for editors: {@code Subscription.analyticsAlerts} (each alert as it is raised, on every instance) and
 * {@code Analytics.alerts} (the latest). Editors only, like the rest of the analytics.
 */
@Controller
@PreAuthorize("hasRole('EDITOR')")
class AlertController {

    private final AlertFeed feed;

    private final AlertRepository repository;

    AlertController(AlertFeed feed, AlertRepository repository) {
        this.feed = feed;
        this.repository = repository;
    }

    @SubscriptionMapping
    Flux<Alert> analyticsAlerts() {
        return feed.alerts();
    }

    @SchemaMapping(typeName = "Analytics", field = "alerts")
    List<Alert> alerts(@Argument Integer first) {
        return repository.latest(PageSize.check(first));
    }

    @SchemaMapping(typeName = "AnalyticsAlert", field = "articleId")
    String articleId(Alert alert) {
        return GlobalId.encode("Article", alert.articleId());
    }

    @SchemaMapping(typeName = "AnalyticsAlert", field = "article")
    CompletableFuture<Article> article(Alert alert, DataLoader<Long, Article> alertArticles) {
        return alertArticles.load(alert.articleId());
    }
}
