package news.database;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Streaming replicas of the primary PostgreSQL that take public reads (see docs/operations.md, "Read replicas"). With
 * none configured, every statement goes to {@code spring.datasource.*} as before and nothing of this runs.
 *
 * @param servers the replicas, each with its JDBC URL ({@code url}) and optionally its own {@code username} and
 *        {@code password} (else {@code spring.datasource.username} and {@code password}); public reads are spread
 *        over those that are up and not lagging, in turn
 * @param poolSize pooled connections per replica and instance for public reads (each instance also keeps one more
 *        per replica for the polls); a read that finds every one in use goes to another replica or the primary
 * @param maxLag a replica further behind the primary than this is skipped until it catches up, and public reads go
 *        to another replica or the primary; behind means WAL received and not yet replayed (for as long as the polls
 *        every {@code poll-interval} have seen it so, at most the age of the last transaction it replayed), or not
 *        streaming from the primary (since it stopped)
 * @param readYourWritesWait how long a public read waits for a replica to replay this instance's latest commit
 *        before it goes to the primary instead
 * @param pollInterval how often each instance asks the primary for its WAL position and each replica for how far it
 *        has replayed (and whether it answers at all)
 * @param connectionTimeout the longest wait for a connection to a replica (Hikari's minimum is 250 ms); a replica
 *        that cannot give one is marked down and the read goes elsewhere
 */
@ConfigurationProperties("news.datasource.replica")
public record ReplicaProperties(
        @DefaultValue List<Server> servers,
        @DefaultValue("10") int poolSize,
        @DefaultValue("5s") Duration maxLag,
        @DefaultValue("200ms") Duration readYourWritesWait,
        @DefaultValue("100ms") Duration pollInterval,
        @DefaultValue("250ms") Duration connectionTimeout) {

    public ReplicaProperties {
        servers = servers == null ? List.of() : List.copyOf(servers);
        for (Server server : servers) {
            if (server.url() == null || server.url().isBlank()) {
                throw new IllegalArgumentException("news.datasource.replica.servers[].url must be set");
            }
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("news.datasource.replica.pool-size must be at least 1, was " + poolSize);
        }
        if (maxLag.isNegative() || readYourWritesWait.isNegative()) {
            throw new IllegalArgumentException(
                    "news.datasource.replica.max-lag and read-your-writes-wait must not be negative");
        }
        if (pollInterval.toMillis() < 10) {
            throw new IllegalArgumentException("news.datasource.replica.poll-interval must be at least 10ms");
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("news.datasource.replica.connection-timeout must be at least 250ms");
        }
    }

    /** Whether any replica is configured. */
    public boolean enabled() {
        return !servers.isEmpty();
    }

    /**
     * One replica.
     *
     * @param url its JDBC URL, {@code jdbc:postgresql://host:port/database}
     * @param username the user to log in as; {@code spring.datasource.username} when unset
     * @param password that user's password; {@code spring.datasource.password} when unset
     */
    public record Server(String url, String username, String password) {}
}
