package news.analytics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A span of hourly buckets, {@code [start, end)} as epoch seconds of hour starts (UTC). Built from a time window as
 * the buckets that overlap it, so the current, still growing hour is always included.
 */
public record TimeRange(long start, long end) {

    public static final long HOUR = 3600;

    public static TimeRange covering(Instant from, Instant to) {
        long end = hourOf(to);
        if (end != to.getEpochSecond() || to.getNano() != 0) {
            end += HOUR;
        }
        return new TimeRange(hourOf(from), end);
    }

    public static long hourOf(Instant instant) {
        long seconds = instant.getEpochSecond();
        return seconds - Math.floorMod(seconds, HOUR);
    }

    public OffsetDateTime startTime() {
        return Instant.ofEpochSecond(start).atOffset(ZoneOffset.UTC);
    }

    public OffsetDateTime endTime() {
        return Instant.ofEpochSecond(end).atOffset(ZoneOffset.UTC);
    }

    /** The parts of this range that {@code other} does not cover (none, one or two ranges). */
    public java.util.List<TimeRange> minus(TimeRange other) {
        java.util.List<TimeRange> parts = new java.util.ArrayList<>();
        if (other.start() >= other.end() || other.end() <= start || other.start() >= end) {
            if (start < end) {
                parts.add(this);
            }
            return parts;
        }
        if (start < other.start()) {
            parts.add(new TimeRange(start, other.start()));
        }
        if (other.end() < end) {
            parts.add(new TimeRange(other.end(), end));
        }
        return parts;
    }

    /** The same number of buckets immediately before this range. */
    TimeRange previous() {
        return new TimeRange(start - (end - start), start);
    }
}
