package news.analytics.ingest;

import java.util.Comparator;

/**
 * A reader seen on an article in a minute (epoch seconds of its start, UTC): by a view (counted or a repeat) or a
 * heartbeat. What {@code reader_presence} holds, for "readers now"; never spooled (it is stale by the time a spool is
 * replayed).
 */
record Presence(long articleId, long minute, long visitorHigh, long visitorLow) {

    static final Comparator<Presence> ORDER = Comparator.comparingLong(Presence::minute)
            .thenComparingLong(Presence::articleId)
            .thenComparingLong(Presence::visitorHigh)
            .thenComparingLong(Presence::visitorLow);
}
