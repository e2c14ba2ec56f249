package news.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much search may run at once. A search of common words ranks thousands of articles; many at once would hold
 * every pooled connection and starve the other reads (which then fail their short wait for a connection), so
 * searches beyond {@code maxConcurrent} queue here instead.
 *
 * @param maxConcurrent searches whose statements run at the same time on one instance (at least 1)
 * @param queueTimeout how long a search waits for its turn; after that it is answered UNAVAILABLE (retryable)
 */
@ConfigurationProperties("news.search")
record SearchLimits(
        @DefaultValue("3") int maxConcurrent,
        @DefaultValue("2s") Duration queueTimeout) {

    SearchLimits {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("news.search.max-concurrent must be at least 1, was " + maxConcurrent);
        }
    }
}
