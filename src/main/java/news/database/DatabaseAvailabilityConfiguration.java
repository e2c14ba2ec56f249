package news.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.ExecuteContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * How the service behaves while PostgreSQL is unavailable, overloaded or not yet started: fail fast during an outage
 * and log it in one line, not per statement; answer overload as busy without taking it for an outage; keep a share of
 * the pool for cheap reads; wait for PostgreSQL at start before migrating.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseAvailabilityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseAvailabilityConfiguration.class);

    /** Hikari's own default, for a pool whose size cannot be read. */
    private static final int DEFAULT_POOL_SIZE = 10;

    /**
     * The primary's pool in its fail-fast wrapper; with read replicas configured ({@code news.datasource.replica}),
     * that in turn in {@link ReplicaRouting}, which sends public reads to them.
     */
    @Bean
    static BeanPostProcessor failFastDataSource(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof DataSource dataSource)
                        || bean instanceof FailFastDataSource
                        || bean instanceof ReplicaRouting) {
                    return bean;
                }
                FailFastDataSource primary = new FailFastDataSource(dataSource);
                ReplicaProperties replicas =
                        Binder.get(environment).bindOrCreate("news.datasource.replica", ReplicaProperties.class);
                return replicas.enabled()
                        ? new ReplicaRouting(
                                primary,
                                replicas,
                                environment.getProperty("spring.datasource.username"),
                                environment.getProperty("spring.datasource.password"))
                        : primary;
            }
        };
    }

    /** Turns for heavy reads: the pool's size less the connections reserved for everything else. */
    @Bean
    HeavyReads heavyReads(DataSource dataSource, DatabaseProperties settings) throws SQLException {
        int poolSize = dataSource.isWrapperFor(HikariDataSource.class)
                ? dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize()
                : DEFAULT_POOL_SIZE;
        HeavyReads heavyReads =
                new HeavyReads(poolSize - settings.reservedConnections(), settings.heavyReadQueueTimeout());
        log.info(
                "Heavy reads (GraphQL complexity >= {}) hold at most {} of the pool's {} connections at once",
                settings.heavyReadComplexity(),
                heavyReads.size(),
                poolSize);
        return heavyReads;
    }

    /** Migrations run once PostgreSQL accepts connections (see {@link DatabaseStartup}). */
    @Bean
    FlywayMigrationStrategy waitForDatabaseThenMigrate(DataSource dataSource, DatabaseProperties settings) {
        DatabaseStartup startup =
                new DatabaseStartup(dataSource, settings.startupTimeout(), settings.startupConnectionTimeout());
        return flyway -> {
            startup.await();
            flyway.migrate();
        };
    }

    /**
     * The {@code db} health check, as Spring Boot's, except that a pool with every connection in use answers UP (with
     * {@code busy} in its details): PostgreSQL is up, and an instance reported DOWN under load would be taken out of
     * its load balancer and push the load onto the others. A database that cannot be reached is DOWN as before.
     */
    @Bean(name = "dbHealthIndicator")
    DataSourceHealthIndicator dbHealthIndicator(DataSource dataSource) {
        return new DataSourceHealthIndicator(dataSource) {
            @Override
            protected void doHealthCheck(Health.Builder builder) throws Exception {
                try {
                    super.doHealthCheck(builder);
                } catch (Exception ex) {
                    if (!DatabaseBusy.isCause(ex)) {
                        throw ex;
                    }
                    builder.up().withDetail("busy", "every pooled connection is in use");
                }
            }
        };
    }

    /**
     * Boot's translator logs every failed statement with its stack trace; during an outage that is one trace per
     * request. Failures of availability (and overload) are translated the same way but left to the callers, which log
     * them briefly.
     */
    @Bean
    ExceptionTranslatorExecuteListener quietJooqExceptionTranslator() {
        SQLStateSQLExceptionTranslator quiet = new SQLStateSQLExceptionTranslator();
        return new ExceptionTranslatorExecuteListener() {
            @Override
            public void exception(ExecuteContext context) {
                if (context.sqlException() != null
                        && (DatabaseUnavailable.isCause(context.sqlException())
                                || DatabaseBusy.isCause(context.sqlException()))) {
                    RuntimeException translated = quiet.translate("jOOQ", context.sql(), context.sqlException());
                    if (translated != null) {
                        context.exception(translated);
                        return;
                    }
                }
                ExceptionTranslatorExecuteListener.DEFAULT.exception(context);
            }
        };
    }
}
