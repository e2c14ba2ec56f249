package news.analytics.ingest;

import java.util.List;
import java.util.UUID;

/**
 * What one write takes, with the id that makes a repeated write harmless: the views answered as counted (each with
 * its visitor key, settled by the database), the accounting outcomes decided in memory since the last write, and
 * plain (article, hour) counts without visitor keys, which only spool files of earlier versions hold, and the engaged
 * seconds per (article, hour) of the heartbeats accepted, and who was seen on which article in which minute (for
 * readers now; not kept by the spool). The flusher writes batches and the spool keeps them on
 * disk; both use this record, neither the other's types.
 */
record ViewBatch(
        List<PendingView> views,
        List<OutcomeCount> outcomes,
        List<HourlyCount> plainCounts,
        List<EngagedCount> engaged,
        List<Presence> presence,
        UUID id) {

    ViewBatch(List<PendingView> views, List<OutcomeCount> outcomes, UUID id) {
        this(views, outcomes, List.of(), List.of(), List.of(), id);
    }

    ViewBatch(List<PendingView> views, List<OutcomeCount> outcomes, List<HourlyCount> plainCounts, UUID id) {
        this(views, outcomes, plainCounts, List.of(), List.of(), id);
    }

    ViewBatch(
            List<PendingView> views,
            List<OutcomeCount> outcomes,
            List<HourlyCount> plainCounts,
            List<EngagedCount> engaged,
            UUID id) {
        this(views, outcomes, plainCounts, engaged, List.of(), id);
    }

    boolean isEmpty() {
        return views.isEmpty()
                && outcomes.isEmpty()
                && plainCounts.isEmpty()
                && engaged.isEmpty()
                && presence.isEmpty();
    }

    /** Entries of the batch, as {@code pendingKeys} counts them. */
    int size() {
        return views.size() + outcomes.size() + plainCounts.size() + engaged.size() + presence.size();
    }
}
