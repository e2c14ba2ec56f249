package news.analytics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Writes the pending counters to PostgreSQL every flush interval, earlier when too many keys wait, and once more on
 * shutdown. A failed write is repeated, with the same batch id, before the next one: the database skips a batch it
 * has applied already, so a write whose answer was lost is not counted twice.
 */
@Component
class ViewFlusher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ViewFlusher.class);

    private final PendingViews pending = new PendingViews();

    private final ViewRepository repository;

    private final WindowTotals windows;

    private final AnalyticsProperties properties;

    private final Object flushLock = new Object();

    private final AtomicBoolean forced = new AtomicBoolean();

    private final AtomicLong flushes = new AtomicLong();

    private final AtomicLong failures = new AtomicLong();

    private final Timer flushTimer;

    private final Counter flushFailures;

    private final Counter flushedViews;

    private volatile Instant lastFlush;

    /** A batch whose write failed; written again, alone and with the same id, before anything else. */
    private volatile Batch retry;

    private ScheduledExecutorService scheduler;

    ViewFlusher(ViewRepository repository, WindowTotals windows, AnalyticsProperties properties,
            MeterRegistry registry) {
        this.repository = repository;
        this.windows = windows;
        this.properties = properties;
        this.flushTimer = Timer.builder("news.views.flush").description("Writes of counted views to the database")
            .register(registry);
        this.flushFailures = Counter.builder("news.views.flush.failures").description("Failed writes, retried later")
            .register(registry);
        this.flushedViews = Counter.builder("news.views.flushed").description("Views written to the database")
            .register(registry);
        Gauge.builder("news.views.pending", pending, PendingViews::size)
            .description("(article, hour) counters waiting for the next flush").register(registry);
    }

    void add(long articleId, long hourEpochSecond) {
        int keys = pending.add(articleId, hourEpochSecond, 1);
        if (keys >= properties.maxPendingKeys() && forced.compareAndSet(false, true)) {
            ScheduledExecutorService s = scheduler;
            if (s != null) {
                s.execute(this::flushQuietly);
            }
        }
    }

    /**
     * Writes everything pending in one statement, after moving the window totals to the current hour if it turned;
     * returns the number of keys written. Throws when the write fails.
     */
    int flush() {
        synchronized (flushLock) {
            forced.set(false);
            // Before taking the counts: if this fails, they stay pending.
            windows.ensureCurrent();
            if (retry != null) {
                // A failed batch goes again alone, with its id: if it was applied after all, it is skipped.
                write(retry);
                retry = null;
            }
            List<HourlyCount> drained = pending.drain();
            if (drained.isEmpty()) {
                return 0;
            }
            Batch batch = new Batch(drained, UUID.randomUUID());
            try {
                write(batch);
            }
            catch (RuntimeException ex) {
                retry = batch;
                throw ex;
            }
            return drained.size();
        }
    }

    private void write(Batch batch) {
        long started = System.nanoTime();
        try {
            repository.add(batch.counts(), batch.id());
        }
        catch (RuntimeException ex) {
            failures.incrementAndGet();
            flushFailures.increment();
            throw ex;
        }
        flushTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        flushes.incrementAndGet();
        flushedViews.increment(batch.counts().stream().mapToLong(HourlyCount::views).sum());
        lastFlush = Instant.now();
    }

    /** Counts taken for one write, with the id that makes a repeated write harmless. */
    private record Batch(List<HourlyCount> counts, UUID id) {
    }

    private void flushQuietly() {
        try {
            flush();
        }
        catch (RuntimeException ex) {
            log.warn("Writing {} pending view counters failed; they are kept and retried: {}", pendingKeys(),
                    ex.toString());
        }
    }

    int pendingKeys() {
        Batch failed = retry;
        return pending.size() + (failed == null ? 0 : failed.counts().size());
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

    @Override
    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "view-flusher");
                t.setDaemon(true);
                return t;
            });
            long millis = properties.flushInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
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
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        try {
            int keys = flush();
            log.info("Flushed {} view counters on shutdown", keys);
        }
        catch (RuntimeException ex) {
            log.error("Could not write {} view counters on shutdown; those views are lost", pendingKeys(), ex);
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
