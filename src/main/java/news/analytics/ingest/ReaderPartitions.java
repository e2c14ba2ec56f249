package news.analytics.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import news.analytics.AnalyticsProperties;
import news.analytics.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the daily partitions of {@code article_readers} ready: before the flusher's first write and then whenever the
 * hour of the service clock turns, it creates the partitions from yesterday to the day after tomorrow (UTC) and drops
 * those older than {@code news.analytics.readers.exact-retention}, in one call of {@code article_readers_maintain},
 * which takes a lock so that instances doing it at once do not collide. A view whose day has no partition is still
 * counted, without the database's de-duplication (see {@link ViewRepository#UPSERT}).
 */
@Component
class ReaderPartitions {

    private static final Logger log = LoggerFactory.getLogger(ReaderPartitions.class);

    private final ViewRepository repository;

    private final Clock clock;

    private final Duration retention;

    /** The hour (epoch seconds) of the last maintenance, or -1 before the first. */
    private long maintainedHour = -1;

    ReaderPartitions(ViewRepository repository, Clock clock, AnalyticsProperties properties) {
        this.repository = repository;
        this.clock = clock;
        this.retention = properties.readers().exactRetention();
        if (retention.compareTo(Duration.ofDays(2)) < 0) {
            throw new IllegalArgumentException("news.analytics.readers.exact-retention must be at least 2 days");
        }
    }

    /** Maintains the partitions unless that was done already in the current hour; called by the flusher only. */
    synchronized void maintainIfDue() {
        Instant now = clock.instant();
        long hour = TimeRange.hourOf(now);
        if (hour == maintainedHour) {
            return;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate keepFrom = LocalDate.ofInstant(now.minus(retention), ZoneOffset.UTC);
        LocalDate first = today.minusDays(1).isBefore(keepFrom) ? keepFrom : today.minusDays(1);
        repository.maintainReaders(first, today.plusDays(2), keepFrom);
        if (maintainedHour < 0) {
            log.info(
                    "article_readers partitions ready from {} to {}; days before {} are dropped",
                    first,
                    today.plusDays(2),
                    keepFrom);
        }
        maintainedHour = hour;
    }
}
