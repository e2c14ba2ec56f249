package news.analytics.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.manual.ManuallySyncingOptimization;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import news.analytics.AnalyticsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How many views a client may report now: a Bucket4j token bucket per client address, refilled at
 * {@code views-per-second} up to {@code burst}.
 *
 * <p>With {@code shared} (the default) the bucket is one for all instances, kept by Bucket4j's PostgreSQL backend
 * (select-for-update, table {@code rate_limit_buckets}). An instance does not ask PostgreSQL for every request: it
 * holds the shared bucket's state as last read (Bucket4j's manually synchronised proxy) and serves requests from it,
 * counting the views it admitted since. Only when that count would pass {@code sync-views} does the request first
 * synchronise: one transaction that adds the instance's unreported views to the shared bucket and reads its state
 * back. So each instance has at most {@code sync-views} views that the others do not know of, and a client gets at
 * most {@code (instances - 1) × sync-views} views over the limit. A client new to this instance is served by the
 * instance's own bucket for its first {@code sync-views} views; the first synchronisation adds them to the shared
 * bucket. A client that sends fewer views than that to an instance (most readers) costs PostgreSQL nothing.
 *
 * <p>PostgreSQL never fails or holds up a request: a synchronisation runs on the limiter's own threads and a request
 * waits for it at most {@code sync-timeout}. When one fails or takes longer, every client is limited by the instance's
 * own bucket (as with {@code shared=false}) for {@code unavailable-retry}. Each instance deletes the rows of buckets
 * that are full again (Bucket4j's expire-after-write) once a minute, so the table holds only recently active clients.
 *
 * <p>The buckets of this instance live in a bounded Caffeine cache; a bucket idle for as long as it takes to fill up
 * again is dropped, since a new one starts full and so behaves the same. Buckets refill on the service clock, like the
 * dedupe window, so that tests can stop time; the rows' expiry time is wall-clock time, as Bucket4j writes it.
 */
@Component
class ViewRateLimiter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ViewRateLimiter.class);

    static final String TABLE = "rate_limit_buckets";

    private static final int CLEANUP_BATCH = 1000;

    private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);

    private static final int SYNC_THREADS = 4;

    private final AnalyticsProperties.RateLimit settings;

    private final Cache<String, Client> clients;

    private final TimeMeter time;

    private final BucketConfiguration limit;

    /** Null unless the limit is shared through PostgreSQL. */
    private final Shared shared;

    /** Names a client's shared bucket in PostgreSQL: a keyed hash of its key, so no address is stored there. */
    private final UnaryOperator<String> storedKey;

    @Autowired
    ViewRateLimiter(AnalyticsProperties properties, Clock clock, DataSource dataSource, VisitorKeys keys) {
        this(properties, clock, dataSource, keys::bucketKey);
    }

    /** With {@code storedKey} naming the shared buckets ({@link UnaryOperator#identity()}: the client keys as they are). */
    ViewRateLimiter(
            AnalyticsProperties properties, Clock clock, DataSource dataSource, UnaryOperator<String> storedKey) {
        this.storedKey = storedKey;
        this.settings = properties.rateLimit();
        if (settings.viewsPerSecond() < 1 || settings.burst() < 1) {
            throw new IllegalArgumentException(
                    "news.analytics.rate-limit.views-per-second and burst must be at least 1");
        }
        if (settings.syncViews() < 1) {
            throw new IllegalArgumentException("news.analytics.rate-limit.sync-views must be at least 1");
        }
        long refillMillis = Math.max(1000, settings.burst() * 1000 / settings.viewsPerSecond());
        this.time = new TimeMeter() {

            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.limit = BucketConfiguration.builder()
                .addLimit(limit ->
                        limit.capacity(settings.burst()).refillGreedy(settings.viewsPerSecond(), Duration.ofSeconds(1)))
                .build();
        this.clients = Caffeine.newBuilder()
                .ticker(time::currentTimeNanos)
                .maximumSize(settings.maxClients())
                .expireAfterAccess(Duration.ofMillis(refillMillis))
                .build();
        this.shared = settings.enabled() && settings.shared() ? new Shared(dataSource) : null;
    }

    /** Takes up to {@code views} tokens from the client's bucket; answers how many it got. */
    int admit(ClientOrigin origin, int views) {
        if (!settings.enabled() || views == 0) {
            return views;
        }
        Client client = clients.get(clientKey(origin.ip()), this::newClient);
        return shared == null ? client.takeLocally(views) : shared.admit(client, views);
    }

    private Client newClient(String key) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
        for (Bandwidth bandwidth : limit.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        Bucket local = builder.build();
        BucketProxy remote = shared == null
                ? null
                : shared.buckets
                        .builder()
                        .withOptimization(new ManuallySyncingOptimization(NopeOptimizationListener.INSTANCE, time))
                        .build(storedKey.apply(key), () -> limit);
        return new Client(local, remote);
    }

    /** Deletes the shared buckets that are full again (done once a minute); answers how many. */
    int removeExpiredBuckets() {
        return shared == null ? 0 : shared.removeExpired();
    }

    /** Whether this instance limits through the shared buckets now (false while PostgreSQL is unavailable). */
    boolean sharing() {
        return shared != null && shared.available();
    }

    @Override
    public void destroy() {
        if (shared != null) {
            shared.executor.shutdownNow();
        }
    }

    /**
     * The address itself, except for IPv6, whose /64 prefix is the key: one subscriber usually holds a whole /64 and
     * could otherwise take a new bucket with every address.
     */
    static String clientKey(String ip) {
        if (ip == null || ip.indexOf(':') < 0) {
            return ip == null ? "" : ip;
        }
        try {
            // A literal with ':' is never resolved by name.
            byte[] address = InetAddress.getByName(ip).getAddress();
            return address.length == 16 ? HexFormat.of().formatHex(Arrays.copyOf(address, 8)) + "::/64" : ip;
        } catch (UnknownHostException ex) {
            return ip;
        }
    }

    /** One client as this instance sees it. */
    private static final class Client {

        /** The instance's own bucket: before the first synchronisation and while PostgreSQL is unavailable. */
        final Bucket local;

        /** The shared bucket, served from its last read state; null when not shared. */
        final BucketProxy remote;

        /** Views this instance admitted for the client that the shared bucket does not know of yet. */
        final AtomicLong unsynced = new AtomicLong();

        /** Of those, the views its own bucket admitted before the first synchronisation. */
        final AtomicLong localUnreported = new AtomicLong();

        /** The shared bucket's state has been read from PostgreSQL at least once. */
        volatile boolean synced;

        /** Taken for reading by requests that take from the state, for writing by a synchronisation. */
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

        /** A synchronisation waits for the lock or holds it: requests do not take the read lock meanwhile. */
        volatile boolean syncing;

        /** The running synchronisation, if any. */
        private CompletableFuture<Void> sync = CompletableFuture.completedFuture(null);

        Client(Bucket local, BucketProxy remote) {
            this.local = local;
            this.remote = remote;
        }

        int takeLocally(int views) {
            return (int) local.tryConsumeAsMuchAsPossible(views);
        }
    }

    /** The buckets shared by all instances through PostgreSQL, and what this instance does while it cannot reach it. */
    private final class Shared {

        final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

        final ScheduledExecutorService executor;

        /** System.nanoTime() before which PostgreSQL counts as unavailable. */
        private volatile long unavailableUntil = System.nanoTime();

        private volatile boolean unavailable;

        Shared(DataSource dataSource) {
            this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                    .primaryKeyMapper(PrimaryKeyMapper.STRING)
                    .table(TABLE)
                    .idColumn("id")
                    .stateColumn("state")
                    .expiresAtColumn("expires_at")
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                    // No Bucket4j request timeout: it measures on this clock, which tests move. A request waits for
                    // PostgreSQL at most sync-timeout all the same.
                    .clientClock(time)
                    .build();
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(SYNC_THREADS, runnable -> {
                Thread thread = new Thread(runnable, "view-rate-limit-sync");
                thread.setDaemon(true);
                return thread;
            });
            pool.setRemoveOnCancelPolicy(true);
            this.executor = pool;
            long cleanup = CLEANUP_INTERVAL.toMillis();
            executor.scheduleWithFixedDelay(this::removeExpiredQuietly, cleanup, cleanup, TimeUnit.MILLISECONDS);
        }

        boolean available() {
            return System.nanoTime() - unavailableUntil >= 0;
        }

        int admit(Client client, int views) {
            if (!available()) {
                return client.takeLocally(views);
            }
            long limit = settings.syncViews();
            if (!client.syncing && client.lock.readLock().tryLock()) {
                try {
                    if (reserve(client, views, limit)) {
                        return take(client, views);
                    }
                } finally {
                    client.lock.readLock().unlock();
                }
            }
            // More than sync-views views would go unreported: report them and read the shared state first. A
            // synchronisation already running may have started before some of them: then one more.
            long deadline = System.nanoTime() + settings.syncTimeout().toNanos();
            try {
                sync(client).get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                long unsynced = client.unsynced.get();
                if (unsynced > 0 && unsynced + views > limit) {
                    sync(client).get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return client.takeLocally(views);
            } catch (Exception ex) {
                markUnavailable(ex);
                return client.takeLocally(views);
            }
            if (!client.synced || !available()) {
                return client.takeLocally(views);
            }
            int taken;
            try {
                if (!client.lock.readLock().tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return client.takeLocally(views);
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return client.takeLocally(views);
            }
            try {
                if (!reserve(client, views, limit)) {
                    // A request larger than sync-views, or others of the client's took the room meanwhile.
                    client.unsynced.addAndGet(views);
                }
                taken = take(client, views);
            } finally {
                client.lock.readLock().unlock();
            }
            if (client.unsynced.get() > limit) {
                // A request larger than sync-views: report it at once rather than with the next request.
                sync(client);
            }
            return taken;
        }

        /** Takes views already counted as unreported, under the client's read lock; gives back what was refused. */
        private int take(Client client, int views) {
            long taken;
            if (client.synced) {
                // Served from the state last read: no I/O.
                taken = takeShared(client, views);
            } else {
                // New to this instance: its own bucket serves the first sync-views views, which the first
                // synchronisation adds to the shared bucket. A client that sends no more costs PostgreSQL nothing.
                taken = client.local.tryConsumeAsMuchAsPossible(views);
                client.localUnreported.addAndGet(taken);
            }
            if (taken < views) {
                client.unsynced.addAndGet(taken - views);
            }
            return (int) taken;
        }

        /**
         * Counts the views as unreported if that leaves at most {@code limit} unreported (compare-and-set, so that
         * concurrent requests of one client cannot pass it together); answers whether it did.
         */
        private boolean reserve(Client client, int views, long limit) {
            while (true) {
                long unsynced = client.unsynced.get();
                if (unsynced + views > limit) {
                    return false;
                }
                if (client.unsynced.compareAndSet(unsynced, unsynced + views)) {
                    return true;
                }
            }
        }

        /** Takes from the shared bucket's state as last read (no I/O); the caller counts the views as unreported. */
        private long takeShared(Client client, int views) {
            long local = client.localUnreported.get();
            if (local > 0 && client.localUnreported.compareAndSet(local, 0)) {
                // Admitted by the instance's own bucket before (or during) the first synchronisation: taken from the
                // state read (no I/O), reported with the next synchronisation.
                client.remote.consumeIgnoringRateLimits(local);
            }
            long taken = client.remote.tryConsumeAsMuchAsPossible(views);
            if (taken > 0) {
                // The instance's own bucket follows what it admits, so that a fallback to it starts from there and
                // not from a full bucket.
                client.local.consumeIgnoringRateLimits(taken);
            }
            return taken;
        }

        /** Starts a synchronisation of the client unless one is running; answers it. */
        private CompletableFuture<Void> sync(Client client) {
            synchronized (client) {
                if (client.sync.isDone()) {
                    client.sync = CompletableFuture.runAsync(() -> synchronise(client), executor);
                }
                return client.sync;
            }
        }

        /**
         * One transaction: adds the views admitted here since the last synchronisation to the shared bucket (it may go
         * below zero: the client then waits until it is paid back) and reads the bucket's state back.
         */
        private void synchronise(Client client) {
            if (!available()) {
                return;
            }
            // Requests taking from the client's state finish first (microseconds) and new ones wait for this
            // synchronisation, so that what it reports is exactly what the counters say.
            client.syncing = true;
            client.lock.writeLock().lock();
            long reported = client.unsynced.get();
            long local = client.localUnreported.getAndSet(0);
            try {
                if (local > 0) {
                    // Before the first synchronisation this is the transaction; after it, it only adds to the views
                    // the synchronisation below reports.
                    client.remote.consumeIgnoringRateLimits(local);
                }
                if (client.synced || local == 0) {
                    client.remote.getOptimizationController().syncImmediately();
                }
                client.unsynced.addAndGet(-reported);
                client.synced = true;
                markAvailable();
            } catch (RuntimeException ex) {
                // Those views are not reported: the instance limited them, PostgreSQL only does not know of them.
                client.unsynced.addAndGet(-reported);
                markUnavailable(ex);
                throw ex;
            } finally {
                client.syncing = false;
                client.lock.writeLock().unlock();
            }
        }

        int removeExpired() {
            int total = 0;
            int removed;
            do {
                removed = buckets.removeExpired(CLEANUP_BATCH);
                total += removed;
            } while (removed == CLEANUP_BATCH);
            return total;
        }

        private void removeExpiredQuietly() {
            if (!available()) {
                return;
            }
            try {
                int removed = removeExpired();
                log.debug("Removed {} shared view rate-limit buckets that were full again", removed);
            } catch (RuntimeException ex) {
                markUnavailable(ex);
            }
        }

        private void markUnavailable(Exception ex) {
            unavailableUntil = System.nanoTime() + settings.unavailableRetry().toNanos();
            if (!unavailable) {
                unavailable = true;
                log.warn(
                        "Shared view rate limits unavailable ({}); each instance limits clients on its own for {}",
                        ex.toString(),
                        settings.unavailableRetry());
            }
        }

        private void markAvailable() {
            if (unavailable) {
                unavailable = false;
                log.info("Shared view rate limits available again");
            }
        }
    }
}
