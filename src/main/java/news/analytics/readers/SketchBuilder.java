package news.analytics.readers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * off the flush path. Every {@code news.analytics.readers.sketch-interval} it counts the keys of each hour of the last
 * {@code sketch-lookback} (the current hour included) and rebuilds, from all of that hour's keys, the sketches of
 * every hour whose count differs from the count its sketches were built from: one for the site, one per section
 * (articles filed directly in it), per reporter and per article. Each hour is rebuilt in one repeatable-read
 * transaction that holds a PostgreSQL advisory lock, so across all instances one builds at a time; an instance that
 * does not get the lock leaves the run to the one that has it. Sketches older than {@code sketch-retention} are
 * dropped.
 */
@Component
class SketchBuilder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SketchBuilder.class);

    private final ReaderRepository repository;

    private final TransactionTemplate transactions;

    private final Clock clock;

    private final AnalyticsProperties.Readers settings;

    private final Timer builds;

    private volatile ScheduledExecutorService scheduler;

    SketchBuilder(
            ReaderRepository repository,
            PlatformTransactionManager transactionManager,
            Clock clock,
            AnalyticsProperties properties,
            MeterRegistry registry) {
        this.repository = repository;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.clock = clock;
        this.settings = properties.readers();
        this.builds = Timer.builder("news.readers.sketch.build")
                .description("Rebuilding the reader sketches of one hour from its kept keys")
                .register(registry);
    }

    /** One scheduled run: the hours of the lookback whose keys changed; nothing when another instance builds. */
    int run() {
        Instant now = clock.instant();
        Instant from = Instant.ofEpochSecond(TimeRange.hourOf(now.minus(settings.sketchLookback())));
        Instant to = Instant.ofEpochSecond(TimeRange.hourOf(now) + TimeRange.HOUR);
        int built = build(from, to, false);
        repository.dropBefore(now.minus(settings.sketchRetention()));
        return built;
    }

    /**
     * Rebuilds the sketches of the hours in [from, to) whose keys changed since they were built; with {@code wait},
     * waits for the lock rather than leaving the work to the instance that holds it. Answers the hours rebuilt.
     */
    int build(Instant from, Instant to, boolean wait) {
        Map<Instant, Long> keys = repository.keysPerHour(from, to);
        Map<Instant, Long> built = repository.builtFrom(from, to);
        List<Instant> changed = keys.entrySet().stream()
                .filter(e -> !e.getValue().equals(built.get(e.getKey())))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
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
                break;
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
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
