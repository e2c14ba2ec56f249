package news.live;

import news.article.Article;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** Readers' live subscriptions ({@code Subscription.articlePublished}); public. */
@Controller
class LiveController {

    private final PublishedArticles published;

    LiveController(PublishedArticles published) {
        this.published = published;
    }

    /** A reader's subscription shared with others ({@link SharedSubscriptions}) names the shard it reads. */
    @SubscriptionMapping
    Flux<Article> articlePublished(
            @Argument String section, @ContextValue(name = SharedSubscriptions.SHARD, required = false) Integer shard) {
        return published.published(section, shard);
    }
}
