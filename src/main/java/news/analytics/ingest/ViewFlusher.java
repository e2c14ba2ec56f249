package news.analytics.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import news.analytics.AnalyticsProperties;
import news.analytics.readers.InsertedReaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Writes the pending views and accounting counters to PostgreSQL every flush interval, earlier when too many views
 * wait, and once more on shutdown, in one statement per write ({@link ViewRepository#UPSERT}): PostgreSQL decides there
 * which views count. A failed write is repeated, with the same batch id, before the next one: the database skips a
 * batch it has applied already, so a write whose answer was lost is not counted twice. Before writing, the partitions
 * of {@code article_readers} are kept ready ({@link ReaderPartitions}, hourly) and the window totals moved to the
 * current hour.
 * <p>
 * While the database is unavailable, counts wait in memory; when {@code max-pending-keys} views wait, or at
 * shutdown, they go to the {@link ViewSpool} on disk instead, each batch with its id, and are written from there
 * (first thing, before newer counts) once the database answers again, also by the next process to start.
 */
@Component
class ViewFlusher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ViewFlusher.class);

    private final PendingViews pending = new PendingViews();

    private final ViewRepository repository;

    private final WindowTotals windows;

    private final ReaderPartitions partitions;

    private final InsertedReaders inserted;

    private final Clock clock;

    private final AnalyticsProperties properties;

    private final Object flushLock = new Object();

    private final AtomicBoolean forced = new AtomicBoolean();

    private final AtomicLong flushes = new AtomicLong();

    private final AtomicLong failures = new AtomicLong();

    private final Timer flushTimer;

    private final Counter flushFailures;

    private final Counter flushedViews;

    private final Counter lateDuplicates;

    private volatile Instant lastFlush;

    /** A batch whose write failed; written again, alone and with the same id, before anything else. */
    private volatile ViewBatch retry;

    private ScheduledExecutorService scheduler;

    private final ViewSpool spool;

    /** Failed flushes in a row; the first is logged as a warning, the rest only when the database is back. */
    private long failuresInARow;

    ViewFlusher(
            ViewRepository repository,
            WindowTotals windows,
            ReaderPartitions partitions,
            InsertedReaders inserted,
            AnalyticsProperties properties,
            Clock clock,
            MeterRegistry registry) {
        this.clock = clock;
        this.repository = repository;
        this.windows = windows;
        this.partitions = partitions;
        this.inserted = inserted;
        this.properties = properties;
        this.spool = new ViewSpool(Path.of(properties.spoolDirectory()));
        this.flushTimer = Timer.builder("news.views.flush")
                .description("Writes of counted views to the database")
                .register(registry);
        this.flushFailures = Counter.builder("news.views.flush.failures")
                .description("Failed writes, retried later")
                .register(registry);
        this.flushedViews = Counter.builder("news.views.flushed")
                .description("Views written to the database and counted there")
                .register(registry);
        this.lateDuplicates = Counter.builder("news.views.late.duplicates")
                .description("Views answered as counted that the database found counted already (another instance,"
                        + " or before a restart)")
                .register(registry);
        Gauge.builder("news.views.pending", pending, PendingViews::size)
                .description("Counted views waiting for the next flush")
                .register(registry);
        Gauge.builder("news.views.spooled", spool, s -> s.waiting().size())
                .description("Batches of counts kept on disk until the database takes them")
                .register(registry);
    }

    /** A view answered as counted; the next write lets the database decide whether it counts. */
    void add(PendingView view) {
        int keys = pending.add(view);
        if (keys >= properties.maxPendingKeys() && forced.compareAndSet(false, true)) {
            ScheduledExecutorService s = scheduler;
            if (s != null) {
                s.execute(this::flushQuietly);
            }
        }
    }

    /** A reader seen on an article, for readers now; written by the next write, dropped if it cannot be. */
    void present(Presence seen) {
        pending.present(seen);
    }

    /** A period of engaged time a heartbeat covered, for the next write. */
    void engage(EngagedCount period) {
        pending.engage(period);
    }

    /** Counts views of an hour and entry point with an outcome decided in memory, for the next write. */
    void count(long hour, IngestionEntryPoint entryPoint, IngestionOutcome outcome, long views) {
        pending.count(hour, entryPoint, outcome, views);
    }

    /**
     * Writes the spooled batches, then everything pending in one statement, after preparing the readers' partitions
     * and moving the window totals to the current hour if it turned; returns the number of entries written from
     * memory. Throws when a write fails; the counts are then kept (in memory, or on disk once
     * {@code max-pending-keys} views wait).
     */
    int flush() {
        synchronized (flushLock) {
            forced.set(false);
            try {
                return flushOrThrow();
            } catch (RuntimeException ex) {
                if (pendingKeys() >= properties.maxPendingKeys()) {
                    // The database is not taking writes: memory is bounded by moving the counts to disk.
                    spoolPending();
                }
                throw ex;
            }
        }
    }

    private int flushOrThrow() {
        // Before taking the counts: if this fails, they stay pending.
        partitions.maintainIfDue();
        windows.moveIfDue();
        replaySpool();
        if (retry != null) {
            // A failed batch goes again alone, with its id: if it was applied after all, it is skipped.
            write(retry);
            retry = null;
        }
        ViewBatch batch = drain();
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            write(batch);
        } catch (RuntimeException ex) {
            retry = batch;
            throw ex;
        }
        return batch.size();
    }

    private ViewBatch drain() {
        List<OutcomeCount> outcomes = pending.drainOutcomes();
        List<EngagedCount> engaged = pending.drainEngaged();
        List<Presence> presence = pending.drainPresence();
        return new ViewBatch(pending.drainViews(), outcomes, List.of(), engaged, presence, UUID.randomUUID());
    }

    /** Writes the batches kept on disk, oldest first, each with its own id; a file goes once its batch is in. */
    private void replaySpool() {
        for (Path file : spool.waiting()) {
            ViewBatch batch;
            try {
                batch = spool.read(file);
            } catch (IOException | RuntimeException ex) {
                spool.reject(file, ex);
                continue;
            }
            write(batch);
            try {
                spool.delete(file);
            } catch (IOException ex) {
                // Written already; replaying it again later is skipped by its id.
                log.warn("Could not remove the written view spool file {}: {}", file, ex.toString());
            }
            log.info("Wrote {} spooled view entries from {}", batch.size(), file.getFileName());
        }
    }

    /**
     * Moves the failed batch and the pending counts to disk. When the disk refuses too, they stay in memory (and are
     * lost only if the process ends before the database or the disk takes them).
     */
    private void spoolPending() {
        ViewBatch failed = retry;
        if (failed != null) {
            try {
                spool.save(failed);
                retry = null;
            } catch (IOException ex) {
                log.error("Cannot write view counts to the spool {}: {}", spool.directory(), ex.toString());
                return;
            }
        }
        ViewBatch drained = drain();
        if (drained.isEmpty()) {
            return;
        }
        try {
            spool.save(drained);
            log.info("Database unavailable: {} view entries kept in {}", drained.size(), spool.directory());
        } catch (IOException ex) {
            log.error("Cannot write view counts to the spool {}: {}", spool.directory(), ex.toString());
            drained.views().forEach(pending::add);
            drained.outcomes().forEach(o -> pending.count(o.hour(), o.entryPoint(), o.outcome(), o.views()));
            drained.engaged().forEach(pending::engage);
        }
    }

    private void write(ViewBatch batch) {
        long started = System.nanoTime();
        ViewRepository.Written written;
        try {
            // The keys this write inserted go into this instance's reader sketches.
            List<PendingView> views = batch.views();
            written = repository.add(batch, i -> {
                PendingView v = views.get(i);
                inserted.add(v.articleId(), v.slot(), v.visitorHigh(), v.visitorLow());
            });
        } catch (RuntimeException ex) {
            failures.incrementAndGet();
            flushFailures.increment();
            throw ex;
        }
        flushTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        flushes.incrementAndGet();
        flushedViews.increment(written.counted());
        lateDuplicates.increment(written.lateDuplicates());
        lastFlush = clock.instant();
    }

    private void flushQuietly() {
        try {
            flush();
            if (failuresInARow > 0) {
                log.info("View counters written again after {} failed attempts", failuresInARow);
                failuresInARow = 0;
            }
        } catch (RuntimeException ex) {
            if (failuresInARow++ == 0) {
                log.warn(
                        "Writing {} pending view entries failed; they are kept and retried: {}",
                        pendingKeys(),
                        ex.toString());
            } else {
                log.debug("Writing view counters failed again: {}", ex.toString());
            }
        }
    }

    int pendingKeys() {
        ViewBatch failed = retry;
        return pending.size()
                + pending.outcomeKeys()
                + pending.engagedKeys()
                + pending.presenceKeys()
                + (failed == null ? 0 : failed.size());
    }

    long flushes() {
        return flushes.get();
    }

    long failedFlushes() {
        return failures.get();
    }

    Instant lastFlush() {
        return lastFlush;
    }

    /** Batches waiting on disk for the database. */
    int spooledBatches() {
        return spool.waiting().size();
    }

    @Override
    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "view-flusher");
                t.setDaemon(true);
                return t;
            });
            long millis = properties.flushInterval().toMillis();
            try {
                // Before the web server takes views: the partitions their keys go to.
                partitions.maintainIfDue();
            } catch (RuntimeException ex) {
                log.warn(
                        "Could not prepare the article_readers partitions yet; the next flush tries again: {}",
                        ex.toString());
            }
            List<Path> left = spool.waiting();
            if (!left.isEmpty()) {
                log.info(
                        "{} batches of view counts from an earlier run wait in {}; writing them now",
                        left.size(),
                        spool.directory());
            }
            // The first flush comes at once, so that counts spooled by an earlier run are not kept waiting.
            scheduler.scheduleWithFixedDelay(
                    this::flushQuietly, left.isEmpty() ? millis : 0, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the schedule and writes what is left, before the connection pool closes. */
    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        int waiting = pendingKeys();
        try {
            int keys = flush();
            log.info("Flushed {} view counters on shutdown", keys);
        } catch (RuntimeException ex) {
            synchronized (flushLock) {
                spoolPending();
            }
            if (pendingKeys() == 0) {
                log.warn(
                        "Could not write {} view counters on shutdown ({}); they are kept in {} and written at the"
                                + " next start",
                        waiting,
                        ex.toString(),
                        spool.directory());
            } else {
                log.error(
                        "Could not write {} view counters on shutdown, neither to the database nor to {}; those"
                                + " views are lost",
                        pendingKeys(),
                        spool.directory(),
                        ex);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /**
     * Below the web server's phases: started before it accepts requests, stopped after it has stopped taking them,
     * so the last flush includes the last views.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
