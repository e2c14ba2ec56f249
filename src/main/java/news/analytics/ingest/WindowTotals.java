package news.analytics.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import news.analytics.RankingWindow;
import news.site.SiteProperties;
import org.springframework.stereotype.Component;

/**
 * Keeps the running per-article totals of the ranking windows in step with the clock: whenever the ranges of the
 * windows change (the hour turns, midnight passes), the database totals are moved to the new ranges. Only the
 * flusher's schedule moves them, before each write, so a count always lands in the ranges of its hour. Reads never
 * move them: the move is one transaction, so a read sees the totals before or after it, and the totals lag the clock
 * by at most one flush interval.
 */
@Component
class WindowTotals {

    /** Instances whose clocks differ by less than this do not move a window back. */
    private static final long SKEW_TOLERANCE_SECONDS = 3600;

    private final ViewRepository repository;

    private final Clock clock;

    private final ZoneId zone;

    private final Timer moves;

    private List<RankingWindow> applied;

    WindowTotals(ViewRepository repository, Clock clock, SiteProperties newsroom, MeterRegistry registry) {
        this.repository = repository;
        this.clock = clock;
        this.zone = newsroom.zone();
        this.moves = Timer.builder("news.views.windows.move")
                .description("Moving the running window totals to new hour ranges")
                .register(registry);
    }

    /** Moves the window totals to the current ranges if they are not there yet; called by the flusher only. */
    synchronized void moveIfDue() {
        List<RankingWindow> desired = RankingWindow.at(clock.instant(), zone);
        if (desired.equals(applied)) {
            return;
        }
        moves.record(() -> repository.moveWindows(desired, SKEW_TOLERANCE_SECONDS));
        applied = desired;
    }
}
