package news.analytics.ingest;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/** This instance's ingestion as the editors' report shows it: the decisions by outcome and the state of the writes. */
@Component
public class IngestionAccounting {

    private final ViewRecorder recorder;

    private final ViewFlusher flusher;

    IngestionAccounting(ViewRecorder recorder, ViewFlusher flusher) {
        this.recorder = recorder;
        this.flusher = flusher;
    }

    /** What this instance's ingestion decided since it started, and the state of its writes. */
    public IngestionStats stats() {
        Instant last = flusher.lastFlush();
        return new IngestionStats(
                recorder.count(ViewOutcome.ACCEPTED),
                recorder.count(ViewOutcome.DUPLICATE),
                recorder.count(ViewOutcome.BOT),
                recorder.count(ViewOutcome.REJECTED),
                recorder.count(ViewOutcome.RATE_LIMITED),
                flusher.pendingKeys(),
                flusher.flushes(),
                flusher.failedFlushes(),
                last == null ? null : last.atOffset(ZoneOffset.UTC));
    }
}
