package news.analytics.ingest;

import java.time.OffsetDateTime;

/** What ingestion decided since this instance started, and the state of its writes ({@code Analytics.ingestion}). */
public record IngestionStats(
        long accepted,
        long duplicates,
        long bots,
        long rejected,
        long rateLimited,
        int pendingKeys,
        long flushes,
        long failedFlushes,
        OffsetDateTime lastFlushAt) {}
