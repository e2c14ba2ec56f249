package news.analytics.report;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import news.analytics.AnalyticsProperties;
import news.analytics.PopularityWindow;
import news.analytics.readers.Readers;
import news.support.PeriodicCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The dashboard's warm-up ({@code news.analytics.warm-up}): once the service is ready, on a daemon thread of its own,
 * it asks the figures the dashboard's panels query asks by default (the page opens on the last 7 days and the site's
 * last 24 hours by hour) through the same code and caches as the editors' requests: the section and reporter totals
 * with readers of each warmed window and the window before (the rolled-up sums and the kept unions of the hourly reader
 * sketches, see {@link Readers}), the site's sources, and the site's readers per hour. A failure (PostgreSQL not
 * reachable yet) is logged once and the warm-up tried again every {@code interval}; the start and the health of the
 * service never wait for it. After it, every {@code interval}, it has {@link Readers#prepareNextHour} build the unions
 * of the kept windows as they will be in the next hour.
 */
@Component
class DashboardWarmUp implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DashboardWarmUp.class);

    /** As many reporters as the dashboard lists. */
    static final int REPORTERS = 10;

    private final ReadershipReport report;

    private final Readers readers;

    private final Clock clock;

    private final AnalyticsProperties.WarmUp settings;

    private final PeriodicCheck rounds;

    private volatile boolean warmed;

    private volatile boolean running;

    private volatile boolean ready;

    DashboardWarmUp(ReadershipReport report, Readers readers, Clock clock, AnalyticsProperties properties) {
        this.report = report;
        this.readers = readers;
        this.clock = clock;
        this.settings = properties.warmUp();
        this.rounds = new PeriodicCheck(
                "dashboard-warm-up", "the dashboard's figures to warm up", settings.interval(), this::round, log);
    }

    /** A round: the warm-up until it has succeeded once, then the next hour's unions. */
    void round() {
        if (!warmed) {
            warm();
        }
        readers.prepareNextHour();
    }

    /** Computes what the dashboard's first view asks by default, and logs the time it took. */
    void warm() {
        long started = System.nanoTime();
        for (PopularityWindow window : settings.windows()) {
            report.sectionTotals(window, true);
            report.reporterTotals(window, REPORTERS, true);
            report.sources(null, window);
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        report.viewsOverTime(null, TimeBucket.HOUR, now.minusHours(24), now, true);
        warmed = true;
        log.info(
                "Dashboard figures warmed up in {} ms: sections, reporters and sources over {} (and the windows before),"
                        + " the site's readers per hour of the last 24 hours",
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                settings.windows());
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        ready = true;
        startRounds();
    }

    private void startRounds() {
        if (ready && running && settings.enabled()) {
            rounds.start(Duration.ZERO);
        }
    }

    @Override
    public void start() {
        running = true;
        startRounds();
    }

    @Override
    public void stop() {
        running = false;
        rounds.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether the warm-up has succeeded (tests). */
    boolean warmed() {
        return warmed;
    }

    /** The windows warmed at start (tests). */
    List<PopularityWindow> windows() {
        return settings.windows();
    }
}
