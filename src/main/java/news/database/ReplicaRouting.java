package news.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The data source of the service when read replicas are configured: the primary's (with its fail-fast wrapper), except
 * that the connection for a statement of a public read ({@link PublicReads}) comes from a replica that is up, not
 * lagging more than {@code news.datasource.replica.max-lag}, and has replayed this instance's latest commit.
 *
 * <p>Why a data source that picks per connection, keyed by the kind of request: jOOQ runs every statement on a
 * connection of its own from this data source, mostly outside any transaction, so the choice has to be made when a
 * connection is asked for, from what the thread is doing. Spring's {@code LazyConnectionDataSourceProxy} with a
 * read-only data source routes by the read-only flag of a transaction, and statements outside transactions carry no
 * flag; PgJDBC's {@code targetServerType=preferSecondary} picks a host once per connection with no notion of lag or of
 * this instance's writes. Routing is opt-in: only a statement marked as a public read, outside a transaction, may go
 * to a replica; a statement nobody marked (a write, an editor's read, a view being counted, a migration, a health
 * check) goes to the primary, so a write can never land on a read-only replica.
 *
 * <p>Read-your-writes: after each commit of a read-write transaction the primary's WAL position is recorded
 * ({@link ReplicaTransactions}); a public read goes to a replica that has replayed it, else waits up to {@code
 * news.datasource.replica.read-your-writes-wait} for one to do so (asking that replica directly), else reads the
 * primary. So a cache purged after a publish refills with the published article. What each replica has replayed,
 * whether it answers and how far it lags are polled in the background every {@code poll-interval}; a public read
 * costs a few volatile reads, not a query.
 */
final class ReplicaRouting extends DelegatingDataSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicaRouting.class);

    static final String REPLAY = """
            SELECT pg_is_in_recovery(),
                   (pg_last_wal_replay_lsn() - '0/0')::bigint,
                   coalesce(pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn(), false),
                   coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0),
                   EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming')
            """;

    static final String CURRENT_LSN = "SELECT (pg_current_wal_lsn() - '0/0')::bigint";

    private final List<Replica> replicas;

    private final long maxLagNanos;

    private final long waitNanos;

    /** This instance's latest commit on the primary, as a WAL position in bytes. */
    private final AtomicLong ownCommit = new AtomicLong();

    /**
     * The latest own commit a public read waited for in vain: later reads that need no more than it go to the
     * primary at once, until a poll finds a replica past it, rather than each waiting out the bound again.
     */
    private final AtomicLong waitedInVain = new AtomicLong(-1);

    /** The primary's WAL position when last polled; -1 until then. */
    private volatile long primaryLsn = -1;

    private final AtomicInteger turn = new AtomicInteger();

    final LongAdder replicaReads = new LongAdder();

    final LongAdder primaryReadsNoReplica = new LongAdder();

    final LongAdder primaryReadsOwnWrite = new LongAdder();

    /** Statements of public reads run again on the primary because their replica's connection was gone. */
    final LongAdder primaryReadsReplicaFailed = new LongAdder();

    /** Told how long each read that waited for a replica to replay a commit waited, in ns, and whether in vain. */
    private volatile ReplayWaits replayWaits = (nanos, replayed) -> {};

    /** Receives the read-your-writes waits (the metrics binder's timer). */
    interface ReplayWaits {
        void waited(long nanos, boolean replayed);
    }

    private final ScheduledExecutorService poller;

    ReplicaRouting(DataSource primary, ReplicaProperties settings, String defaultUser, String defaultPassword) {
        super(primary);
        this.maxLagNanos = settings.maxLag().toNanos();
        this.waitNanos = settings.readYourWritesWait().toNanos();
        List<Replica> list = new ArrayList<>();
        for (int i = 0; i < settings.servers().size(); i++) {
            ReplicaProperties.Server server = settings.servers().get(i);
            String name = "replica-" + (i + 1);
            String user = server.username() != null ? server.username() : defaultUser;
            String password = server.password() != null ? server.password() : defaultPassword;
            list.add(new Replica(
                    name,
                    pool(name, server, user, password, settings.poolSize(), settings),
                    pool(name + "-poll", server, user, password, 1, settings)));
        }
        this.replicas = List.copyOf(list);
        this.poller = Executors.newScheduledThreadPool(replicas.size() + 1, r -> {
            Thread t = new Thread(r, "replica-poll");
            t.setDaemon(true);
            return t;
        });
        long interval = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollPrimary, 0, interval, TimeUnit.MILLISECONDS);
        for (Replica replica : replicas) {
            poller.scheduleWithFixedDelay(replica::poll, 0, interval, TimeUnit.MILLISECONDS);
        }
        log.info(
                "Public reads go to {} read replica(s) when up, at most {} behind, and past this instance's writes",
                replicas.size(),
                settings.maxLag());
    }

    private static HikariDataSource pool(
            String name,
            ReplicaProperties.Server server,
            String user,
            String password,
            int size,
            ReplicaProperties settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(server.url());
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(250);
        config.setInitializationFailTimeout(-1);
        config.setReadOnly(true);
        config.addDataSourceProperty("connectTimeout", "2");
        config.addDataSourceProperty("socketTimeout", "60");
        config.addDataSourceProperty(
                "ApplicationName", name.endsWith("-poll") ? "news-replica-poll" : "news-public-reads");
        return new HikariDataSource(config);
    }

    List<Replica> replicas() {
        return replicas;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (PublicReads.active()
                && !ReplicaTransactions.beginning()
                && !TransactionSynchronizationManager.isActualTransactionActive()) {
            // A heavy read refused its turn is refused here too, as the primary's data source would.
            HeavyReads.checkTurn();
            Connection replica = replicaConnection();
            if (replica != null) {
                replicaReads.increment();
                return replica;
            }
        }
        return super.getConnection();
    }

    /** A connection of a replica fit for this public read, or null (counted) when the primary must answer it. */
    private Connection replicaConnection() {
        long needed = ownCommit.get();
        int count = replicas.size();
        int first = Math.floorMod(turn.getAndIncrement(), count);
        Replica behind = null;
        for (int i = 0; i < count; i++) {
            Replica replica = replicas.get((first + i) % count);
            if (!replica.usable(maxLagNanos)) {
                continue;
            }
            if (replica.replayed >= needed) {
                Connection connection = replica.connect();
                if (connection != null) {
                    return replica.failingOver(connection);
                }
            } else if (behind == null) {
                behind = replica;
            }
        }
        if (behind != null) {
            if (needed > waitedInVain.get()) {
                long start = System.nanoTime();
                Connection connection = behind.connectOnceReplayed(needed, waitNanos);
                replayWaits.waited(System.nanoTime() - start, connection != null);
                if (connection != null) {
                    return behind.failingOver(connection);
                }
                waitedInVain.accumulateAndGet(needed, Math::max);
            }
            primaryReadsOwnWrite.increment();
            return null;
        }
        primaryReadsNoReplica.increment();
        return null;
    }

    void replayWaits(ReplayWaits waits) {
        this.replayWaits = waits;
    }

    /** Records a commit on the primary at WAL position {@code lsn}: public reads wait for replicas to replay it. */
    void committed(long lsn) {
        ownCommit.accumulateAndGet(lsn, Math::max);
    }

    /** This instance's latest recorded commit position. */
    long ownCommit() {
        return ownCommit.get();
    }

    long primaryLsn() {
        return primaryLsn;
    }

    /**
     * Makes public reads wait for what the primary has committed until now (a change another instance made), as for
     * this instance's own commits.
     */
    void catchUpWithPrimary() {
        try (Connection connection = super.getConnection();
                PreparedStatement statement = connection.prepareStatement(CURRENT_LSN);
                ResultSet row = statement.executeQuery()) {
            row.next();
            committed(row.getLong(1));
        } catch (SQLException | RuntimeException ex) {
            // The primary is unreachable: what a replica has is then the best there is.
            log.debug("Could not read the primary's WAL position: {}", ex.toString());
        }
    }

    private void pollPrimary() {
        try (Connection connection = super.getConnection();
                PreparedStatement statement = connection.prepareStatement(CURRENT_LSN);
                ResultSet row = statement.executeQuery()) {
            row.next();
            primaryLsn = row.getLong(1);
        } catch (SQLException | RuntimeException ex) {
            // The primary's own outage handling reports it; lag in bytes is unknown meanwhile.
        }
    }

    @Override
    public void close() throws Exception {
        poller.shutdownNow();
        for (Replica replica : replicas) {
            replica.pool.close();
            replica.pollPool.close();
        }
        if (getTargetDataSource() instanceof AutoCloseable primary) {
            primary.close();
        }
    }

    /** One replica: its pool and what the last poll saw. */
    final class Replica {

        final String name;

        final HikariDataSource pool;

        /**
         * The polls' own connection, so that a replica whose pool is busy with reads is not taken for one that is
         * down.
         */
        final HikariDataSource pollPool;

        /** Whether the last poll got an answer (false until the first one). */
        volatile boolean up;

        /** WAL position replayed, in bytes. */
        volatile long replayed = -1;

        /** How far behind the primary the last poll found it. */
        volatile long lagNanos;

        private volatile long notStreamingSince;

        /** Since when the polls have found WAL received but not yet replayed; 0 while they do not. */
        private volatile long behindSince;

        final LongAdder skippedDown = new LongAdder();

        final LongAdder skippedLagging = new LongAdder();

        final LongAdder busy = new LongAdder();

        Replica(String name, HikariDataSource pool, HikariDataSource pollPool) {
            this.name = name;
            this.pool = pool;
            this.pollPool = pollPool;
        }

        boolean usable(long maxLag) {
            if (!up) {
                skippedDown.increment();
                return false;
            }
            if (lagNanos > maxLag) {
                skippedLagging.increment();
                return false;
            }
            return true;
        }

        /** Bytes of the primary's WAL not yet replayed here, as last polled; 0 when unknown. */
        long lagBytes() {
            long primary = primaryLsn;
            long own = replayed;
            return primary < 0 || own < 0 ? 0 : Math.max(0, primary - own);
        }

        /**
         * {@code connection}, of this replica, as given to a public read: a statement whose connection turns out to be
         * gone runs again on the primary, and this replica is skipped until a poll finds it answering.
         */
        Connection failingOver(Connection connection) {
            return ReplicaFallback.wrap(
                    connection,
                    () -> {
                        // Answered by the primary after all: counted there, not as a replica's read.
                        replicaReads.decrement();
                        primaryReadsReplicaFailed.increment();
                        return ReplicaRouting.super.getConnection();
                    },
                    this::down);
        }

        Connection connect() {
            try {
                return pool.getConnection();
            } catch (SQLException | RuntimeException ex) {
                if (isBusy()) {
                    // Every connection of its pool is in use: this read goes elsewhere, the replica stays in.
                    busy.increment();
                } else {
                    down(ex);
                }
                return null;
            }
        }

        private boolean isBusy() {
            var pool = this.pool.getHikariPoolMXBean();
            return pool != null && pool.getActiveConnections() >= this.pool.getMaximumPoolSize();
        }

        /** A connection once this replica has replayed {@code lsn}, asking it every few ms; null after {@code wait}. */
        Connection connectOnceReplayed(long lsn, long wait) {
            Connection connection = connect();
            if (connection == null) {
                return null;
            }
            long deadline = System.nanoTime() + wait;
            try (PreparedStatement statement = connection.prepareStatement(REPLAY)) {
                while (true) {
                    try (ResultSet row = statement.executeQuery()) {
                        row.next();
                        long now = row.getBoolean(1) ? row.getLong(2) : Long.MAX_VALUE;
                        if (now >= lsn) {
                            replayed = Math.max(replayed, now);
                            return connection;
                        }
                    }
                    if (System.nanoTime() >= deadline) {
                        break;
                    }
                    Thread.sleep(5);
                }
            } catch (SQLException ex) {
                down(ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            try {
                connection.close();
            } catch (SQLException ex) {
                // returned to the pool or discarded by it
            }
            return null;
        }

        void poll() {
            try (Connection connection = pollPool.getConnection();
                    PreparedStatement statement = connection.prepareStatement(REPLAY);
                    ResultSet row = statement.executeQuery()) {
                row.next();
                boolean recovering = row.getBoolean(1);
                long now = System.nanoTime();
                if (!recovering) {
                    // Not a replica (or promoted): it has everything the primary had.
                    replayed = Long.MAX_VALUE;
                    lagNanos = 0;
                } else {
                    replayed = row.getLong(2);
                    long lag = 0;
                    if (row.getBoolean(3)) {
                        // Behind by WAL it has received: for as long as the polls have seen it so, at most since the
                        // last transaction it replayed committed (on a busy primary, always behind by a little, that
                        // is the real lag; on an idle one a write replayed within ms does not look like hours).
                        if (behindSince == 0) {
                            behindSince = now;
                        }
                        lag = Math.min((long) (row.getDouble(4) * 1e9), now - behindSince);
                    } else {
                        behindSince = 0;
                    }
                    if (row.getBoolean(5)) {
                        notStreamingSince = 0;
                    } else {
                        if (notStreamingSince == 0) {
                            notStreamingSince = now;
                        }
                        lag = Math.max(lag, now - notStreamingSince);
                    }
                    lagNanos = lag;
                }
                if (!up) {
                    log.info("Read replica {} answers; public reads may go to it", name);
                }
                up = true;
            } catch (SQLException | RuntimeException ex) {
                down(ex);
            }
        }

        private void down(Exception ex) {
            if (up) {
                log.warn("Read replica {} does not answer, skipped until it does: {}", name, ex.toString());
                // Its pooled connections may have been cut (a restart, a failover): none of them is handed to a
                // read once it answers again; each is replaced as it is returned, or at once when idle.
                var connections = pool.getHikariPoolMXBean();
                if (connections != null) {
                    connections.softEvictConnections();
                }
            }
            up = false;
        }
    }
}
