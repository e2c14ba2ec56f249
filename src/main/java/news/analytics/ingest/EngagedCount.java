package news.analytics.ingest;

import java.util.Comparator;

/**
 * Engaged seconds waiting for the next write. From a heartbeat ({@code keyed}): the period {@code [from, to)} (epoch
 * seconds, UTC) that one visitor's heartbeat on an article covers, of which the flush credits only what no earlier
 * heartbeat of that visitor on the article covered, on any instance. Without a visitor (spool files of earlier
 * versions): {@code to - from} seconds counted in the hour that holds {@code from}.
 */
record EngagedCount(long articleId, boolean keyed, long visitorHigh, long visitorLow, long from, long to) {

    /** Rows in the order the flush writes them. */
    static final Comparator<EngagedCount> ORDER = Comparator.comparingLong(EngagedCount::articleId)
            .thenComparingLong(EngagedCount::visitorHigh)
            .thenComparingLong(EngagedCount::visitorLow)
            .thenComparingLong(EngagedCount::from)
            .thenComparingLong(EngagedCount::to);

    /** The period a visitor's heartbeat covers on an article. */
    static EngagedCount covered(long articleId, long visitorHigh, long visitorLow, long from, long to) {
        return new EngagedCount(articleId, true, visitorHigh, visitorLow, from, to);
    }

    /** Plain seconds of an article in an hour (epoch seconds of its start), as earlier versions spooled them. */
    static EngagedCount plain(long articleId, long hour, long seconds) {
        return new EngagedCount(articleId, false, 0, 0, hour, hour + seconds);
    }

    long seconds() {
        return to - from;
    }
}
