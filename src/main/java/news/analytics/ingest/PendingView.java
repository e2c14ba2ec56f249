package news.analytics.ingest;

import java.util.Comparator;

/**
 * A view answered as counted and not yet written: the article, the hour it is counted in and the dedupe slot (both as
 * epoch seconds of their start, UTC), the visitor's 128-bit key, and the entry point it came through. The flush
 * inserts (article, slot, visitor) into {@code article_readers}; only if that row is new does the view count.
 */
record PendingView(
        long articleId, long hour, long slot, long visitorHigh, long visitorLow, IngestionEntryPoint entryPoint) {

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
