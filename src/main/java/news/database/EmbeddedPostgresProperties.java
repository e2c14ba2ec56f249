package news.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is configured.
 *
 * @param enabled whether to start an embedded PostgreSQL when no {@code spring.datasource.url} is set
 * @param dataDirectory where the embedded PostgreSQL keeps its data; relative paths resolve against the working directory, and the data
 *        survives restarts. Empty means a temporary database that is removed on shutdown.
 * @param port the embedded PostgreSQL's port; 0 picks a free one
 */
@ConfigurationProperties("news.embedded-postgres")
public record EmbeddedPostgresProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("data/postgres") String dataDirectory,
        @DefaultValue("0") int port) {}
