package news.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service shares its connections to PostgreSQL under load, and how long it waits for PostgreSQL at start.
 *
 * @param reservedConnections pooled connections that heavy reads never hold: at most
 *        {@code spring.datasource.hikari.maximum-pool-size} minus this many heavy reads run at once (at least one),
 *        so cheap reads (an article page) keep this many connections while heavy ones fill the rest; see
 *        {@link HeavyReads}
 * @param heavyReadComplexity a GraphQL query whose complexity (the measure {@code news.graphql.max-complexity}
 *        limits) is at least this is a heavy read; {@code latest(first: 100)} with a headline, {@code views} and
 *        {@code related(first: 5)} per article costs about 1,600, a front page of 20 articles with their section and
 *        reporters about 360, an article page under 100
 * @param heavyReadQueueTimeout how long a heavy read waits for its turn; after that the fields of it that need the
 *        database answer BUSY (retryable)
 * @param startupTimeout how long the service waits at start for PostgreSQL to accept a connection before it gives up
 *        (and exits with a message saying so); migrations run after it answered
 * @param startupConnectionTimeout how long one attempt to connect at start may take (connect and log in); the pool's
 *        own short wait for a connection ({@code spring.datasource.hikari.connection-timeout}) applies to requests
 */
@ConfigurationProperties("news.database")
public record DatabaseProperties(
        @DefaultValue("3") int reservedConnections,
        @DefaultValue("500") int heavyReadComplexity,
        @DefaultValue("2s") Duration heavyReadQueueTimeout,
        @DefaultValue("60s") Duration startupTimeout,
        @DefaultValue("5s") Duration startupConnectionTimeout) {

    public DatabaseProperties {
        if (reservedConnections < 0) {
            throw new IllegalArgumentException(
                    "news.database.reserved-connections must be at least 0, was " + reservedConnections);
        }
        if (heavyReadComplexity < 1) {
            throw new IllegalArgumentException(
                    "news.database.heavy-read-complexity must be at least 1, was " + heavyReadComplexity);
        }
        if (heavyReadQueueTimeout.isNegative()) {
            throw new IllegalArgumentException("news.database.heavy-read-queue-timeout must not be negative");
        }
        if (startupTimeout.isNegative()) {
            throw new IllegalArgumentException("news.database.startup-timeout must not be negative");
        }
        if (startupConnectionTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("news.database.startup-connection-timeout must be at least 1s");
        }
    }
}
