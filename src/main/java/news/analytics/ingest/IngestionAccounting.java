package news.analytics.ingest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import news.analytics.TimeRange;
import org.springframework.stereotype.Component;

/**
 * Ingestion as the editors' report shows it: the decisions by outcome of a period, summed over all instances from
 * {@code view_ingestion_hourly} (which every instance's flush adds to, so the figures include what each instance had
 * written by its last flush and do not change when an instance restarts), and the state of this instance's writes.
 */
@Component
public class IngestionAccounting {

    private final ViewRepository repository;

    private final ViewFlusher flusher;

    IngestionAccounting(ViewRepository repository, ViewFlusher flusher) {
        this.repository = repository;
        this.flusher = flusher;
    }

    /** The decisions about the views reported in the hours of {@code range}, all instances; one query. */
    public IngestionStats stats(TimeRange range) {
        Map<IngestionEntryPoint, long[]> byEntry = new EnumMap<>(IngestionEntryPoint.class);
        for (IngestionEntryPoint entry : IngestionEntryPoint.values()) {
            byEntry.put(entry, new long[IngestionOutcome.values().length]);
        }
        long[] total = new long[IngestionOutcome.values().length];
        for (OutcomeCount c : repository.ingestion(range)) {
            byEntry.get(c.entryPoint())[c.outcome().ordinal()] += c.views();
            total[c.outcome().ordinal()] += c.views();
        }
        List<IngestionStats.ByEntryPoint> entries = new ArrayList<>();
        byEntry.forEach((entry, n) -> entries.add(new IngestionStats.ByEntryPoint(
                entry,
                n[IngestionOutcome.ACCEPTED.ordinal()],
                n[IngestionOutcome.DUPLICATE.ordinal()],
                n[IngestionOutcome.LATE_DUPLICATE.ordinal()],
                n[IngestionOutcome.BOT.ordinal()],
                n[IngestionOutcome.REJECTED.ordinal()],
                n[IngestionOutcome.RATE_LIMITED.ordinal()])));
        Instant last = flusher.lastFlush();
        return new IngestionStats(
                total[IngestionOutcome.ACCEPTED.ordinal()],
                total[IngestionOutcome.DUPLICATE.ordinal()],
                total[IngestionOutcome.LATE_DUPLICATE.ordinal()],
                total[IngestionOutcome.BOT.ordinal()],
                total[IngestionOutcome.REJECTED.ordinal()],
                total[IngestionOutcome.RATE_LIMITED.ordinal()],
                entries,
                flusher.pendingKeys(),
                flusher.flushes(),
                flusher.failedFlushes(),
                last == null ? null : last.atOffset(ZoneOffset.UTC));
    }
}
