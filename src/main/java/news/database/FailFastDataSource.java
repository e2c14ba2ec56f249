package news.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Keeps requests from each waiting the pool's connection timeout while the database is down. Once a connection could
 * not be had because the database is unavailable, every request fails at once, and a background probe asks the pool
 * for a connection every {@link #PROBE_INTERVAL_MILLIS} ms; the first one it gets lets requests through again. So
 * during an outage only the request that discovers it waits (the connection timeout), all others fail in
 * microseconds, and the service notices the database's return within that interval plus a connection set-up.
 *
 * <p>Only a failed connection to PostgreSQL trips this (refused, unreachable, reset, the login refused, the server
 * starting or stopping). The pool's "Connection is not available, request timed out" is overload when every
 * connection the pool may have is open and in use, or when no attempt to connect has failed: that request is refused
 * as {@link DatabaseBusy} and nothing else changes. So a burst of heavy reads that holds the pool makes some requests
 * wait and some answer BUSY, but never refuses every request while PostgreSQL is up. A heavy read that did not get its
 * turn ({@link HeavyReads}) is refused as busy before it reaches the pool.
 */
class FailFastDataSource extends DelegatingDataSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FailFastDataSource.class);

    static final long PROBE_INTERVAL_MILLIS = 250;

    /** What Hikari's timeout says when it had no connection for a request in time. */
    static final String POOL_TIMEOUT = "Connection is not available, request timed out";

    private static final Pattern POOL_COUNTS = Pattern.compile("total=(\\d+), active=(\\d+)");

    private final AtomicBoolean down = new AtomicBoolean();

    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "database-probe");
        t.setDaemon(true);
        return t;
    });

    FailFastDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        admit();
        try {
            return super.getConnection();
        } catch (SQLException ex) {
            throw failed(ex);
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        admit();
        try {
            return super.getConnection(username, password);
        } catch (SQLException ex) {
            throw failed(ex);
        }
    }

    /** Whether requests fail at once because PostgreSQL could not be reached (until the probe gets a connection). */
    boolean isDown() {
        return down.get();
    }

    private void admit() throws SQLException {
        if (down.get()) {
            throw new SQLTransientConnectionException(
                    "Database unavailable; failing fast until it answers again", "08001");
        }
        HeavyReads.checkTurn();
    }

    /** The exception to throw for {@code ex}; trips the switch when it says PostgreSQL cannot be reached. */
    private SQLException failed(SQLException ex) {
        if (isPoolBusy(ex)) {
            return new DatabaseBusy.NoConnectionFree("No pooled connection free: " + ex.getMessage());
        }
        if (DatabaseUnavailable.isCause(ex) && down.compareAndSet(false, true)) {
            log.warn(
                    "Database unavailable, requests fail at once until it answers again (checked every {} ms): {}",
                    PROBE_INTERVAL_MILLIS,
                    ex.toString());
            scheduleProbe();
        }
        return ex;
    }

    /**
     * Whether {@code ex} is the pool's timeout while PostgreSQL answers: every connection the pool may open was open
     * and in use, or no attempt to connect had failed (the timeout's cause is the pool's last failed attempt). The
     * counts are read from the timeout's message, as they were when it was raised: Hikari's text is "... request timed
     * out after 500ms (total=10, active=10, idle=0, waiting=3)".
     */
    boolean isPoolBusy(SQLException ex) {
        return isPoolTimeout(ex) && (isPoolSaturated(ex) || !DatabaseUnavailable.isConnectionFailure(ex.getCause()));
    }

    private static boolean isPoolTimeout(SQLException ex) {
        return ex instanceof SQLTransientConnectionException
                && ex.getMessage() != null
                && ex.getMessage().contains(POOL_TIMEOUT);
    }

    /** Whether the pool's timeout {@code ex} was raised while every connection it may open was open and in use. */
    private boolean isPoolSaturated(SQLException ex) {
        if (!isPoolTimeout(ex)) {
            return false;
        }
        Matcher counts = POOL_COUNTS.matcher(ex.getMessage());
        if (!counts.find()) {
            return false;
        }
        int total = Integer.parseInt(counts.group(1));
        int active = Integer.parseInt(counts.group(2));
        return total > 0 && total >= maximumPoolSize() && active >= total;
    }

    /** Most connections the pool may open; unbounded when the pool is not Hikari. */
    private int maximumPoolSize() {
        try {
            if (getTargetDataSource() != null && getTargetDataSource().isWrapperFor(HikariDataSource.class)) {
                return getTargetDataSource().unwrap(HikariDataSource.class).getMaximumPoolSize();
            }
        } catch (SQLException ex) {
            // not a Hikari pool after all
        }
        return Integer.MAX_VALUE;
    }

    private void scheduleProbe() {
        try {
            prober.schedule(this::probe, PROBE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException ex) {
            down.set(false);
        }
    }

    /** Closes the pool with the context (the wrapper stands in for it, so its destroy method is this one). */
    @Override
    public void close() throws Exception {
        prober.shutdownNow();
        if (getTargetDataSource() instanceof AutoCloseable pool) {
            pool.close();
        }
    }

    private void probe() {
        try (Connection connection = super.getConnection()) {
            down.set(false);
            log.info("Database available again");
        } catch (SQLException ex) {
            if (DatabaseUnavailable.isCause(ex) && !isPoolSaturated(ex)) {
                scheduleProbe();
            } else {
                // Not an outage (the pool is closing, or all its connections are in use): let requests meet it.
                down.set(false);
            }
        }
    }
}
