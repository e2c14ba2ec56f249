package news.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits at start, before migrations, until PostgreSQL accepts a connection: a service started together with its
 * database (or right after a crash, while PostgreSQL recovers) comes up when the database does, instead of exiting
 * because its first connection failed within the pool's short request timeout. Each attempt connects with the
 * driver directly, outside the pool, with {@code news.database.startup-connection-timeout} as its connect and login
 * timeout, and attempts repeat every {@value #RETRY_MILLIS} ms until {@code news.database.startup-timeout} has passed;
 * then start-up fails with a message naming the database, the last error and the setting. A refused login or an
 * unknown database ends the wait at once: waiting does not mend configuration.
 */
final class DatabaseStartup {

    private static final Logger log = LoggerFactory.getLogger(DatabaseStartup.class);

    static final long RETRY_MILLIS = 500;

    /** Waiting is logged at the first failure and then every this often. */
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final DataSource dataSource;

    private final Duration timeout;

    private final Duration connectionTimeout;

    DatabaseStartup(DataSource dataSource, Duration timeout, Duration connectionTimeout) {
        this.dataSource = dataSource;
        this.timeout = timeout;
        this.connectionTimeout = connectionTimeout;
    }

    /** Returns once PostgreSQL accepted a connection; throws {@link DatabaseNotReachable} when it did not in time. */
    void await() {
        Attempt attempt = attempt();
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long nextLog = started;
        int attempts = 0;
        while (true) {
            attempts++;
            SQLException failure;
            try {
                attempt.connect();
                if (attempts > 1) {
                    log.info(
                            "PostgreSQL at {} accepted a connection after {} s; starting",
                            attempt.where(),
                            seconds(System.nanoTime() - started));
                }
                return;
            } catch (SQLException ex) {
                failure = ex;
            }
            long now = System.nanoTime();
            if (!worthWaiting(failure)) {
                throw new DatabaseNotReachable(
                        "PostgreSQL at " + attempt.where() + " refused the service's connection: " + reason(failure)
                                + ". Check spring.datasource.url, username and password.",
                        failure);
            }
            if (now - deadline >= 0) {
                throw new DatabaseNotReachable(
                        "PostgreSQL at " + attempt.where() + " did not accept a connection within "
                                + timeout.toSeconds()
                                + " s (news.database.startup-timeout), " + attempts + " attempts; last error: "
                                + reason(failure),
                        failure);
            }
            if (now - nextLog >= 0) {
                log.warn(
                        "Waiting for PostgreSQL at {} ({} s of at most {} s, news.database.startup-timeout): {}",
                        attempt.where(),
                        seconds(now - started),
                        timeout.toSeconds(),
                        reason(failure));
                nextLog = now + LOG_EVERY_NANOS;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(RETRY_MILLIS, (deadline - now) / 1_000_000)));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new DatabaseNotReachable("Interrupted while waiting for PostgreSQL at " + attempt.where(), ex);
            }
        }
    }

    /**
     * How to connect: with the pool's URL, user, password and driver settings when the pool is Hikari (the attempt's
     * own timeouts replace the connect and socket timeouts), else through the data source itself.
     */
    private Attempt attempt() {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
                if (pool.getJdbcUrl() != null) {
                    return new DriverAttempt(pool);
                }
            }
        } catch (SQLException ex) {
            // use the data source as it is
        }
        return new Attempt() {
            @Override
            public void connect() throws SQLException {
                try (Connection connection = dataSource.getConnection()) {
                    connection.isValid((int) connectionTimeout.toSeconds());
                }
            }

            @Override
            public String where() {
                return "the configured data source";
            }
        };
    }

    /** Failures of configuration end the wait: a refused login (class 28) or an unknown database (3D000). */
    static boolean worthWaiting(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("28") || state.equals("3D000")) {
                    return false;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return true;
    }

    private static String reason(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message;
    }

    private static String seconds(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }

    private interface Attempt {

        void connect() throws SQLException;

        /** The database, for logs: the JDBC URL without user or password. */
        String where();
    }

    private final class DriverAttempt implements Attempt {

        private final String url;

        private final Properties properties = new Properties();

        private final String driverClass;

        DriverAttempt(HikariDataSource pool) {
            this.url = pool.getJdbcUrl();
            this.driverClass = pool.getDriverClassName();
            properties.putAll(pool.getDataSourceProperties());
            if (pool.getUsername() != null) {
                properties.setProperty("user", pool.getUsername());
            }
            if (pool.getPassword() != null) {
                properties.setProperty("password", pool.getPassword());
            }
            String seconds = Long.toString(connectionTimeout.toSeconds());
            properties.setProperty("connectTimeout", seconds);
            properties.setProperty("loginTimeout", seconds);
            properties.setProperty("socketTimeout", seconds);
        }

        @Override
        public void connect() throws SQLException {
            try (Connection connection = driver().connect(url, properties)) {
                if (connection == null) {
                    throw new SQLException("No JDBC driver accepts " + where());
                }
            }
        }

        private Driver driver() throws SQLException {
            if (driverClass != null) {
                try {
                    Class.forName(driverClass, true, DatabaseStartup.class.getClassLoader());
                } catch (ClassNotFoundException ex) {
                    throw new SQLException("JDBC driver " + driverClass + " not found", ex);
                }
            }
            return DriverManager.getDriver(url);
        }

        @Override
        public String where() {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query);
        }
    }

    /** PostgreSQL did not accept a connection at start; the message says where, why and which setting to change. */
    static final class DatabaseNotReachable extends IllegalStateException {

        DatabaseNotReachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
