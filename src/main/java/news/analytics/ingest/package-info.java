/**
 * View ingestion: {@code recordView}/{@code recordViews} and the beacon {@code POST /views} hand reports to the
 * {@code ViewRecorder}, which drops bots, applies the per-client rate limit, rejects unknown or unpublished articles
 * and filters repeats of a visitor per article and dedupe slot in memory; counted views wait with their visitor key
 * ({@code VisitorKeys}, secrets shared through PostgreSQL) until the {@code ViewFlusher} writes them in one additive,
 * idempotent statement that lets PostgreSQL decide which count ({@code article_readers}, partitions kept by
 * {@code ReaderPartitions}) and adds the ingestion accounting per hour, entry point and outcome (kept in the
 * {@code ViewSpool} on disk while the database is away), after moving the running window totals to the current hour.
 * The same statement adds each counted view's source ({@code TrafficSources}: category and referring host), the
 * engaged seconds of the beacon's heartbeats ({@code ViewRecorder#heartbeat}, capped per reader) and who was seen in
 * which minute (readers now). The flush tells the reader sketches ({@code InsertedReaders}) which keys it inserted.
 * Only the repositories use jOOQ.
 * <p>
 * Public: {@link news.analytics.ingest.IngestionAccounting}, {@link news.analytics.ingest.IngestionStats} and
 * {@link news.analytics.ingest.IngestionEntryPoint}, the ingestion accounting of a period (all instances) that the
 * editors' report shows. It uses nothing of {@code ranking} or {@code report}.
 */
package news.analytics.ingest;
