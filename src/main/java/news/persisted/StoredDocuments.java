package news.persisted;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The automatic persisted queries of every instance, in PostgreSQL, behind each instance's in-memory cache (see
 * {@link PersistedProperties.Store}).
 *
 * <p>Reads: a hash missing in memory costs one read by primary key. Hashes that cannot be a SHA-256 are never looked
 * up; a hash PostgreSQL did not have is remembered as unknown for {@code notFoundFor}; and lookups that find nothing
 * are limited to {@code lookupsPerSecond} per instance (a small token bucket, not the heavy-read turns: a lookup is
 * one cheap statement, what must be bounded is how many a client can cause). Any failure (PostgreSQL down, the pool
 * busy) is answered as unknown: the client sends the text again, which then works from memory.
 *
 * <p>Writes are best-effort: a registration is inserted once (on the request that registered it; a failure is logged
 * and the registration stays in memory only). "Last used" is kept cheaply: hashes used are collected in memory, each
 * at most once per {@code touchEvery}, and written every {@code touchFlushEvery} in one statement. Every
 * {@code evictEvery} one instance (whichever gets the advisory lock) drops the least recently used rows beyond
 * {@code maxRows} and {@code maxBytes}.
 */
@Component
class StoredDocuments implements DocumentStore, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StoredDocuments.class);

    /** Lowercase hex SHA-256, the only hashes a text can be registered under. */
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Most hashes waiting for their touch; more are not noted until the next write (their rows are touched later). */
    private static final int MAX_PENDING_TOUCHES = 10_000;

    private final PersistedQueryRepository repository;

    private final PersistedProperties.Store settings;

    private final Cache<String, Boolean> unknown;

    private final Cache<String, Boolean> touched;

    private final Set<String> pendingTouches = ConcurrentHashMap.newKeySet();

    private final LookupBudget budget;

    private final Counter found;

    private final Counter notFound;

    private final Counter skipped;

    private final Counter failed;

    /** Whether the last write failed, so that an outage is logged once, not on every attempt. */
    private volatile boolean failing;

    private volatile ScheduledExecutorService timer;

    StoredDocuments(PersistedQueryRepository repository, PersistedProperties settings, MeterRegistry registry) {
        this.repository = repository;
        this.settings = settings.store();
        this.unknown = Caffeine.newBuilder()
                .expireAfterWrite(this.settings.notFoundFor())
                .maximumSize(100_000)
                .build();
        this.touched = Caffeine.newBuilder()
                .expireAfterWrite(this.settings.touchEvery())
                .maximumSize(100_000)
                .build();
        this.budget = new LookupBudget(this.settings.lookupsPerSecond());
        String name = "news.persisted.store.lookups";
        this.found = registry.counter(name, "result", "found");
        this.notFound = registry.counter(name, "result", "not-found");
        this.skipped = registry.counter(name, "result", "skipped");
        this.failed = registry.counter(name, "result", "failed");
    }

    /** Whether registrations go to PostgreSQL at all. */
    boolean enabled() {
        return settings.enabled();
    }

    @Override
    public String find(String hash) {
        if (!SHA256.matcher(hash).matches() || unknown.getIfPresent(hash) != null || !budget.available()) {
            skipped.increment();
            return null;
        }
        String text;
        try {
            text = repository.find(hash);
        } catch (RuntimeException ex) {
            failed.increment();
            log.debug("Could not look up persisted query {}: {}", hash, ex.toString());
            return null;
        }
        if (text == null || !Sha256.hex(text).equals(hash)) {
            notFound.increment();
            budget.spend();
            unknown.put(hash, Boolean.TRUE);
            return null;
        }
        found.increment();
        used(hash);
        return text;
    }

    @Override
    public void save(String hash, String text) {
        unknown.invalidate(hash);
        try {
            repository.save(hash, text);
            touched.put(hash, Boolean.TRUE);
            if (failing) {
                log.info("Storing persisted queries again");
                failing = false;
            }
        } catch (RuntimeException ex) {
            if (!failing) {
                log.warn("Could not store a persisted query (kept in memory only): {}", ex.toString());
                failing = true;
            }
        }
    }

    @Override
    public void used(String hash) {
        if (pendingTouches.size() < MAX_PENDING_TOUCHES && touched.asMap().putIfAbsent(hash, Boolean.TRUE) == null) {
            pendingTouches.add(hash);
        }
    }

    /** Writes "last used" of the hashes used since the last write; answers the rows written. */
    int flushTouches() {
        List<String> batch = new ArrayList<>(pendingTouches);
        pendingTouches.removeAll(batch);
        try {
            return repository.touch(batch, settings.touchEvery().toSeconds());
        } catch (RuntimeException ex) {
            // Noted again at their next use.
            touched.invalidateAll(batch);
            throw ex;
        }
    }

    /** Drops the least recently used rows beyond the bounds; -1 when another instance is at it. */
    int evict() {
        int dropped = repository.evict(settings.maxRows(), settings.maxBytes());
        if (dropped > 0) {
            log.info("Dropped {} least recently used persisted queries", dropped);
        }
        return dropped;
    }

    private void quietly(Runnable job, String what) {
        try {
            job.run();
        } catch (RuntimeException ex) {
            log.debug("Could not {} (next round retries): {}", what, ex.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (timer != null || !settings.enabled()) {
            return;
        }
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "persisted-queries");
            thread.setDaemon(true);
            return thread;
        });
        long touchEvery = Math.max(10, settings.touchFlushEvery().toMillis());
        t.scheduleWithFixedDelay(
                () -> quietly(this::flushTouches, "write when persisted queries were used"),
                touchEvery,
                touchEvery,
                TimeUnit.MILLISECONDS);
        long evictEvery = Math.max(10, settings.evictEvery().toMillis());
        t.scheduleWithFixedDelay(
                () -> quietly(this::evict, "evict persisted queries"), evictEvery, evictEvery, TimeUnit.MILLISECONDS);
        timer = t;
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService t = timer;
        timer = null;
        if (t != null) {
            t.shutdown();
            try {
                t.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            quietly(this::flushTouches, "write when persisted queries were used");
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    /**
     * Lookups that may still find nothing this second: a token bucket of {@code perSecond} tokens, refilled
     * continuously. A lookup needs a token to start and spends one only when it found nothing, so concurrent misses
     * may overdraw it by the number of requests in flight.
     */
    static final class LookupBudget {

        private final double perSecond;

        private double tokens;

        private long last = System.nanoTime();

        LookupBudget(int perSecond) {
            this.perSecond = Math.max(0, perSecond);
            this.tokens = this.perSecond;
        }

        synchronized boolean available() {
            refill();
            return tokens >= 1;
        }

        synchronized void spend() {
            refill();
            tokens -= 1;
        }

        private void refill() {
            long now = System.nanoTime();
            tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
            last = now;
        }
    }
}
