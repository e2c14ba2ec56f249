package news.analytics.ingest;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The ingestion accounting of a period ({@code Analytics.ingestion}): what was decided about the views reported in
 * it, summed over all instances from PostgreSQL (as of each instance's last write), in total and per entry point;
 * and the state of this instance's writes.
 */
public record IngestionStats(
        long accepted,
        long duplicates,
        long lateDuplicates,
        long bots,
        long rejected,
        long rateLimited,
        List<ByEntryPoint> byEntryPoint,
        int pendingKeys,
        long flushes,
        long failedFlushes,
        OffsetDateTime lastFlushAt) {

    /** The same counts for the views of one entry point. */
    public record ByEntryPoint(
            IngestionEntryPoint entryPoint,
            long accepted,
            long duplicates,
            long lateDuplicates,
            long bots,
            long rejected,
            long rateLimited) {}
}
