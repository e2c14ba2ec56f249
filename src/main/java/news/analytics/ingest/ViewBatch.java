package news.analytics.ingest;

import java.util.List;
import java.util.UUID;

/**
 * Counts taken for one write, with the id that makes a repeated write harmless. The flusher writes batches and the
 * spool keeps them on disk; both use this record, neither the other's types.
 */
record ViewBatch(List<HourlyCount> counts, UUID id) {}
