package news.analytics.report;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import news.analytics.AnalyticsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The figures of {@code Subscription.readersNow}. Each scope that has subscribers is counted every
 * {@code news.analytics.live-interval} from {@code reader_presence}, so every instance answers the same: one timer and
 * one statement per scope for all of its subscribers, shared through a replaying multicast and stopped when the last
 * one leaves. A figure is pushed only when it changed; a new subscriber gets the latest at once. A failed count (the
 * database away, say) skips a tick.
 */
@Service
class LiveReaders implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveReaders.class);

    /** One shared feed per scope with subscribers, removed when its last subscriber leaves. */
    private final Map<ReadershipRepository.Scope, Flux<Update>> feeds = new ConcurrentHashMap<>();

    private final ReadershipReport report;

    private final Clock clock;

    private final Duration interval;

    /**
     * Where the counts run: threads of their own ("readers-now-N"), so that a count blocking on a slow database holds
     * up no other work, and so that what runs there can be told apart.
     */
    private final Scheduler counting = Schedulers.newBoundedElastic(4, 10_000, "readers-now", 60, true);

    LiveReaders(ReadershipReport report, Clock clock, AnalyticsProperties properties) {
        this.report = report;
        this.clock = clock;
        this.interval = properties.liveInterval();
    }

    /** One pushed figure: the readers now of the scope, and when it was counted. */
    record Update(long readers, OffsetDateTime computedAt) {}

    /** The scope's readers now, live; a scope that names nothing has one figure, 0. */
    Flux<Update> readersNow(AnalyticsScope scope) {
        return report.covered(scope)
                .map(covered -> feeds.computeIfAbsent(covered, this::start))
                .orElseGet(() -> Flux.just(new Update(0, now())));
    }

    private Flux<Update> start(ReadershipRepository.Scope scope) {
        AtomicReference<Flux<Update>> self = new AtomicReference<>();
        Flux<Update> feed = Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(
                        tick -> Mono.fromCallable(() -> report.readersNow(scope))
                                .subscribeOn(counting)
                                .onErrorResume(ex -> {
                                    log.warn("Readers now of {} not counted this time: {}", scope, ex.toString());
                                    return Mono.empty();
                                }),
                        1)
                .distinctUntilChanged()
                .map(readers -> new Update(readers, now()))
                .doOnCancel(() -> feeds.remove(scope, self.get()))
                .replay(1)
                .refCount();
        self.set(feed);
        return feed;
    }

    @Override
    public void close() {
        counting.dispose();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
