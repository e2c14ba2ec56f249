/**
 * View ingestion: {@code recordView}/{@code recordViews} and the beacon {@code POST /views} hand reports to the
 * {@code ViewRecorder}, which drops bots, applies the per-client rate limit, rejects unknown or unpublished articles
 * and counts a visitor once per article per dedupe window; counted views wait as per-(article, hour) counters until
 * the {@code ViewFlusher} writes them in one additive, idempotent batch (kept in the {@code ViewSpool} on disk while
 * the database is away), after moving the running window totals to the current hour. Only the repository uses jOOQ.
 * <p>
 * Public: {@link news.analytics.ingest.IngestionAccounting} and {@link news.analytics.ingest.IngestionStats}, what
 * the editors' report shows of this instance's ingestion. It uses nothing of {@code ranking} or {@code report}.
 */
package news.analytics.ingest;
