package news.analytics.readers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import news.analytics.AnalyticsProperties;
import news.analytics.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the hourly reader sketches ({@code reader_sketch_hourly}) in step with the kept keys ({@code article_readers}),
 * off the flush path, without reading the keys again. The flush tells this instance which keys it inserted
 * ({@link InsertedReaders}); every {@code news.analytics.readers.sketch-interval}, and when the instance stops, this
 * merges what was folded since into the instance's own rows (its {@link #writer()} id): one row per hour for the site,
 * per article, per section (the union of its articles' sketches: articles filed directly in it) and per reporter. Each
 * instance writes only its own rows, so instances never wait for each other; readers merge the rows of all writers.
 * <p>
 * Repair: an hour whose stored sketches account for fewer (or more) keys than it has, once it is over by more than two
 * intervals (an instance stopped without writing what it had folded, keys written by something other than the flush),
 * is rebuilt from all of its keys, once, by the instance that gets the PostgreSQL advisory lock; its rows of every
 * writer are replaced by one rebuilt row (writer nil). Writers take that lock shared, so a rebuild never overlaps a
 * write. Each instance checks each finished hour of the last {@code sketch-lookback} until it is found in step, so the
 * check counts an hour's keys about once. Sketches older than {@code sketch-retention} are dropped.
 */
@Component
class SketchBuilder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SketchBuilder.class);

    private final ReaderRepository repository;

    private final InsertedReaders inserted;

    private final TransactionTemplate transactions;

    private final TransactionTemplate writes;

    private final Clock clock;

    private final AnalyticsProperties.Readers settings;

    private final Timer builds;

    private final Timer written;

    /** This run's id on the rows it writes; a restarted instance writes rows of a new id beside its old ones. */
    private final UUID writer = UUID.randomUUID();

    /** Finished hours found in step with their keys (epoch seconds); not checked again. */
    private final Set<Long> inStep = ConcurrentHashMap.newKeySet();

    /** One write at a time: each merges into the rows the last one stored. */
    private final Object writing = new Object();

    private volatile ScheduledExecutorService scheduler;

    SketchBuilder(
            ReaderRepository repository,
            InsertedReaders inserted,
            PlatformTransactionManager transactionManager,
            Clock clock,
            AnalyticsProperties properties,
            MeterRegistry registry) {
        this.repository = repository;
        this.inserted = inserted;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.writes = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.settings = properties.readers();
        this.builds = Timer.builder("news.readers.sketch.build")
                .description("Rebuilding the reader sketches of one hour from its kept keys (repair)")
                .register(registry);
        this.written = Timer.builder("news.readers.sketch.write")
                .description("Merging the reader keys this instance inserted into its own sketches")
                .register(registry);
    }

    UUID writer() {
        return writer;
    }

    /** One scheduled run: writes this instance's sketches, then repairs finished hours not in step with their keys. */
    int run() {
        write();
        Instant now = clock.instant();
        long first = TimeRange.hourOf(now.minus(settings.sketchLookback()));
        // Over by two intervals: every instance has written what it folded of the hour by then.
        long end = TimeRange.hourOf(now.minus(settings.sketchInterval().multipliedBy(2))) - TimeRange.HOUR;
        inStep.removeIf(hour -> hour < first);
        int built = 0;
        for (long hour = first; hour <= end; hour += TimeRange.HOUR) {
            if (inStep.contains(hour)) {
                continue;
            }
            Instant start = Instant.ofEpochSecond(hour);
            int rebuilt = build(start, start.plusSeconds(TimeRange.HOUR), false);
            if (rebuilt < 0) {
                break;
            }
            built += rebuilt;
            inStep.add(hour);
        }
        repository.dropBefore(now.minus(settings.sketchRetention()));
        return built;
    }

    /**
     * Merges what the flushes of this instance inserted since the last call into its own rows, one transaction per
     * hour; an hour whose write fails is kept for the next call. Answers the hours written.
     */
    int write() {
        synchronized (writing) {
            return writeFolded();
        }
    }

    private int writeFolded() {
        Map<Long, InsertedReaders.Hour> hours = inserted.drain();
        Map<Long, InsertedReaders.Hour> left = new HashMap<>(hours);
        int done = 0;
        try {
            for (Map.Entry<Long, InsertedReaders.Hour> e : new TreeMap<>(hours).entrySet()) {
                Instant hour = Instant.ofEpochSecond(e.getKey());
                written.record(() -> writes.executeWithoutResult(status -> write(hour, e.getValue())));
                left.remove(e.getKey());
                done++;
            }
        } finally {
            if (!left.isEmpty()) {
                inserted.putBack(left);
            }
        }
        return done;
    }

    private void write(Instant hour, InsertedReaders.Hour folded) {
        repository.lockShared();
        Map<Long, Long> sectionOf = repository.sectionsOf(folded.articles.keySet());
        Map<Long, List<Long>> reportersOf = repository.reportersOf(folded.articles.keySet());
        Map<ReaderRepository.ScopeKey, ReaderSketch.Merged> merged = new HashMap<>();
        merged.computeIfAbsent(new ReaderRepository.ScopeKey(Scope.Kind.SITE, 0L), k -> new ReaderSketch.Merged())
                .add(folded.site);
        folded.articles.forEach((article, sketch) -> {
            merged.computeIfAbsent(
                            new ReaderRepository.ScopeKey(Scope.Kind.ARTICLE, article), k -> new ReaderSketch.Merged())
                    .add(sketch);
            Long section = sectionOf.get(article);
            if (section != null) {
                merged.computeIfAbsent(
                                new ReaderRepository.ScopeKey(Scope.Kind.SECTION, section),
                                k -> new ReaderSketch.Merged())
                        .add(sketch);
            }
            for (Long reporter : reportersOf.getOrDefault(article, List.of())) {
                merged.computeIfAbsent(
                                new ReaderRepository.ScopeKey(Scope.Kind.REPORTER, reporter),
                                k -> new ReaderSketch.Merged())
                        .add(sketch);
            }
        });
        Map<Scope.Kind, List<Long>> scopes = new EnumMap<>(Scope.Kind.class);
        merged.keySet()
                .forEach(k ->
                        scopes.computeIfAbsent(k.kind(), x -> new ArrayList<>()).add(k.scopeId()));
        repository
                .written(hour, writer, scopes)
                .forEach((key, stored) -> merged.get(key).add(stored.sketch(), stored.sourceRows()));
        List<ReaderRepository.Built> result = new ArrayList<>(merged.size());
        merged.forEach((key, union) ->
                result.add(new ReaderRepository.Built(key.kind(), key.scopeId(), union.toBytes(), union.rows())));
        repository.write(hour, writer, result);
    }

    /**
     * Rebuilds the sketches of the hours in [from, to) whose keys differ from those their stored sketches (all
     * writers) account for; with {@code wait}, waits for the lock rather than leaving the work to the instance that
     * holds it. Answers the hours rebuilt, or -1 when another instance held the lock before any was.
     */
    int build(Instant from, Instant to, boolean wait) {
        Map<Instant, Long> keys = repository.keysPerHour(from, to);
        Map<Instant, Long> built = repository.builtFrom(from, to);
        List<Instant> changed = keys.entrySet().stream()
                .filter(e -> !e.getValue().equals(built.get(e.getKey())))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        if (changed.isEmpty()) {
            return 0;
        }
        int done = 0;
        for (Instant hour : changed) {
            Boolean rebuilt = transactions.execute(status -> {
                if (wait) {
                    repository.lock();
                } else if (!repository.tryLock()) {
                    return false;
                }
                builds.record(() -> rebuild(hour));
                return true;
            });
            if (!Boolean.TRUE.equals(rebuilt)) {
                return done == 0 ? -1 : done;
            }
            done++;
        }
        return done;
    }

    /** The sketches of one hour, from all of its keys. */
    private void rebuild(Instant hour) {
        Map<Long, Long> sectionOf = repository.sectionsOf(hour);
        Map<Long, List<Long>> reportersOf = repository.reportersOf(hour);
        ReaderSketch site = new ReaderSketch();
        Map<Long, ReaderSketch> sections = new HashMap<>();
        Map<Long, ReaderSketch> reporters = new HashMap<>();
        Map<Long, ReaderSketch> articles = new HashMap<>();
        repository.keysOf(hour, (article, hi, lo) -> {
            site.add(hi, lo);
            articles.computeIfAbsent(article, k -> new ReaderSketch()).add(hi, lo);
            Long section = sectionOf.get(article);
            if (section != null) {
                sections.computeIfAbsent(section, k -> new ReaderSketch()).add(hi, lo);
            }
            for (Long reporter : reportersOf.getOrDefault(article, List.of())) {
                reporters.computeIfAbsent(reporter, k -> new ReaderSketch()).add(hi, lo);
            }
        });
        List<ReaderRepository.Built> result = new ArrayList<>();
        result.add(new ReaderRepository.Built(Scope.Kind.SITE, 0L, site.toBytes(), site.rows()));
        add(result, Scope.Kind.SECTION, sections);
        add(result, Scope.Kind.REPORTER, reporters);
        add(result, Scope.Kind.ARTICLE, articles);
        repository.replaceHour(hour, result);
    }

    private static void add(List<ReaderRepository.Built> result, Scope.Kind kind, Map<Long, ReaderSketch> sketches) {
        sketches.forEach(
                (id, sketch) -> result.add(new ReaderRepository.Built(kind, id, sketch.toBytes(), sketch.rows())));
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException ex) {
            log.warn("Reader sketches not rebuilt this time: {}", ex.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "reader-sketches");
                t.setDaemon(true);
                return t;
            });
            long millis = settings.sketchInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::runQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
            try {
                write();
            } catch (RuntimeException ex) {
                log.warn(
                        "Reader sketches of the last views not written on shutdown ({}); the hours are rebuilt from"
                                + " their keys once over",
                        ex.toString());
            }
        }
    }

    /**
     * Below the view flusher's phase: stopped after its last flush, so what that flush inserted is written too, and
     * before the connection pool closes.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4097;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
