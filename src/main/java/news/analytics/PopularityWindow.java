package news.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The time windows of the rankings. Views are kept per hour, so a window covers the hourly buckets from the one
 * containing its start up to the current one: LAST_HOUR reads the current and the previous hour bucket, TODAY the
 * buckets from local midnight in the newsroom zone.
 */
public enum PopularityWindow {
    LAST_HOUR,
    LAST_24_HOURS,
    TODAY,
    LAST_7_DAYS,
    LAST_30_DAYS;

    /** The window ending at {@code now}. */
    public TimeRange at(Instant now, ZoneId zone) {
        Instant from = switch (this) {
            case LAST_HOUR -> now.minus(Duration.ofHours(1));
            case LAST_24_HOURS -> now.minus(Duration.ofHours(24));
            case TODAY -> LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
            case LAST_7_DAYS -> now.minus(Duration.ofDays(7));
            case LAST_30_DAYS -> now.minus(Duration.ofDays(30));
        };
        return TimeRange.covering(from, now);
    }
}
