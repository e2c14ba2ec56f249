package news.analytics.ingest;

import java.util.Comparator;

/**
 * A view answered as counted and not yet written: the article, the hour it is counted in and the dedupe slot (both as
 * epoch seconds of their start, UTC), the visitor's 128-bit key, and the entry point it came through. The flush
 * inserts (article, slot, visitor) into {@code article_readers}; only if that row is new does the view count. Also
 * where it came from ({@link TrafficSources}): its category and referring host outside the site (null when unknown,
 * for views spooled by earlier versions, or when none).
 */
record PendingView(
        long articleId,
        long hour,
        long slot,
        long visitorHigh,
        long visitorLow,
        IngestionEntryPoint entryPoint,
        String category,
        String host) {

    /** A view whose source is not known. */
    PendingView(long articleId, long hour, long slot, long visitorHigh, long visitorLow, IngestionEntryPoint entry) {
        this(articleId, hour, slot, visitorHigh, visitorLow, entry, null, null);
    }

    /** The order in which the flush inserts keys, so that concurrent flushes lock rows in the same order. */
    static final Comparator<PendingView> ORDER = Comparator.comparingLong(PendingView::articleId)
            .thenComparingLong(PendingView::slot)
            .thenComparingLong(PendingView::visitorHigh)
            .thenComparingLong(PendingView::visitorLow);

    Key key() {
        return new Key(articleId, slot, visitorHigh, visitorLow);
    }

    /** What the database de-duplicates on: one count per (article, slot, visitor). */
    record Key(long articleId, long slot, long visitorHigh, long visitorLow) {}
}
