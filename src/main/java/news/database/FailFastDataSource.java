package news.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 */
class FailFastDataSource extends DelegatingDataSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FailFastDataSource.class);

    static final long PROBE_INTERVAL_MILLIS = 250;

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
            failed(ex);
            throw ex;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        admit();
        try {
            return super.getConnection(username, password);
        } catch (SQLException ex) {
            failed(ex);
            throw ex;
        }
    }

    private void admit() throws SQLException {
        if (down.get()) {
            throw new SQLTransientConnectionException(
                    "Database unavailable; failing fast until it answers again", "08001");
        }
    }

    private void failed(SQLException ex) {
        if (DatabaseUnavailable.isCause(ex) && down.compareAndSet(false, true)) {
            log.warn(
                    "Database unavailable, requests fail at once until it answers again (checked every {} ms): {}",
                    PROBE_INTERVAL_MILLIS,
                    ex.toString());
            scheduleProbe();
        }
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
            if (DatabaseUnavailable.isCause(ex)) {
                scheduleProbe();
            } else {
                // Not an outage (the pool is closing, say): let requests meet the real error.
                down.set(false);
            }
        }
    }
}
