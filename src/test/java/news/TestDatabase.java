package news;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Decides which real PostgreSQL the tests use: a Testcontainers PostgreSQL 17 where a Docker engine answers, else an
 * embedded PostgreSQL 17 (the one the application embeds) in a throw-away data directory. Logs the choice once.
 *
 * <p>Without Docker, one embedded server serves the whole test JVM, started when the first context needs it and
 * stopped when the JVM exits, and each context gets a database of its own on it ({@code test_1}, {@code test_2}, ...):
 * a context costs a {@code create database}, not an {@code initdb} and a server start. The databases are as separate
 * as servers are for what the tests use (their tables, {@code LISTEN}/{@code NOTIFY} channels and advisory locks
 * belong to one database).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

    static final boolean DOCKER = detectDocker();

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static EmbeddedPostgres server;

    @Bean
    @ServiceConnection
    @Conditional(DockerAvailable.class)
    PostgreSQLContainer postgresContainer() {
        return new PostgreSQLContainer("postgres:17-alpine");
    }

    /** A new database on the JVM's embedded server, for this context alone. */
    @Bean
    @Conditional(NoDocker.class)
    JdbcConnectionDetails embeddedTestDatabase() {
        EmbeddedPostgres postgres = server();
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException ex) {
            throw new IllegalStateException("Could not create the test database " + name, ex);
        }
        String url = postgres.getJdbcUrl("postgres", name);
        return new JdbcConnectionDetails() {

            @Override
            public String getUsername() {
                return "postgres";
            }

            @Override
            public String getPassword() {
                return "postgres";
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }

    /** The JVM's embedded server, started on first use; zonky's shutdown hook stops it when the JVM exits. */
    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("timezone", "UTC")
                        // Every context of a test JVM keeps its pool open while it is cached.
                        .setServerConfig("max_connections", "200")
                        .setCleanDataDirectory(true)
                        .start();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            log.info("Tests use one embedded PostgreSQL 17 on port {}, a database per context.", server.getPort());
        }
        return server;
    }

    private static boolean detectDocker() {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError ex) {
            available = false;
        }
        if (available) {
            log.info("Tests use PostgreSQL 17 in a Testcontainers container (a Docker engine answered).");
        } else {
            log.info("Tests use the embedded PostgreSQL 17 (no Docker engine answered).");
        }
        return available;
    }

    static class DockerAvailable implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return DOCKER;
        }
    }

    static class NoDocker implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !DOCKER;
        }
    }
}
