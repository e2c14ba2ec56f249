package news.analytics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of view counting and rankings.
 *
 * @param dedupeWindow length of the dedupe slot: a visitor counts once per article per slot, the slots being fixed
 *        periods of this length counted from the epoch in UTC (with 30m: 08:00-08:30, 08:30-09:00, ...); PostgreSQL
 *        decides, for all instances
 * @param dedupeMaxEntries bound of the in-memory (article, slot, visitor) set that filters repeats before they reach
 *        PostgreSQL (which decides); when full the oldest go first
 * @param flushInterval how often counted views are written to PostgreSQL, in one statement
 * @param maxPendingKeys a flush is forced as soon as this many counted views (each an article, slot and visitor)
 *        wait in memory
 * @param maxBatch most views one GraphQL request may report, over all its {@code recordView} and {@code recordViews}
 *        fields (aliases included); a request over it is refused as a whole before anything is counted
 * @param articleCheckTtl longest time ingestion keeps the answer "this id is (not) a visible article"; newsroom
 *        changes drop it at once (on other instances when their notification arrives), so this only bounds changes
 *        written to the database by hand
 * @param rankingRefresh age after which a cached ranking is recomputed in the background (readers get the old one
 *        meanwhile)
 * @param liveInterval how often a ranking with live subscribers ({@code Subscription.popularChanged}) is recomputed,
 *        once for all of them
 * @param rankingCacheSize most rankings (window, section, size combinations) kept in the cache
 * @param trendingMinViews views an article needs in the recent period to be considered trending
 * @param rateLimit how many views one client may report
 * @param spoolDirectory where counts that could not be written (the database was unavailable at shutdown, or while
 *        {@code max-pending-keys} views waited) are kept until they are written; relative to the working directory
 * @param readers the keys of counted readers kept in PostgreSQL ({@code article_readers})
 */
@ConfigurationProperties("news.analytics")
public record AnalyticsProperties(
        @DefaultValue("30m") Duration dedupeWindow,
        @DefaultValue("2000000") long dedupeMaxEntries,
        @DefaultValue("1s") Duration flushInterval,
        @DefaultValue("100000") int maxPendingKeys,
        @DefaultValue("500") int maxBatch,
        @DefaultValue("30s") Duration articleCheckTtl,
        @DefaultValue("30s") Duration rankingRefresh,
        @DefaultValue("3s") Duration liveInterval,
        @DefaultValue("1000") long rankingCacheSize,
        @DefaultValue("20") long trendingMinViews,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("data/spool") String spoolDirectory,
        @DefaultValue Readers readers) {

    /**
     * The (article, slot, visitor) keys of counted views, in PostgreSQL's {@code article_readers}: they decide whether
     * a view counts, for all instances, and answer exact reader counts while they are kept.
     *
     * @param exactRetention how long the keys are kept (whole UTC days, at least 2); views older than this are still
     *        counted but no longer de-duplicated by the database, and exact reader counts end there
     */
    public record Readers(@DefaultValue("31d") Duration exactRetention) {}

    /**
     * The per-client limit of view ingestion (GraphQL {@code recordView}/{@code recordViews} and {@code POST /views}),
     * a token bucket per client address (IPv6 addresses by their /64 prefix). Views over it are not counted and are
     * accounted as RATE_LIMITED.
     *
     * @param enabled whether views are limited per client at all (off where an edge proxy limits already)
     * @param viewsPerSecond sustained views per second one client may report
     * @param burst views one client may report at once (at least {@code max-batch}, so one full batch passes)
     * @param maxClients most clients whose buckets are kept; an idle bucket is dropped once it would be full again
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("50") long viewsPerSecond,
            @DefaultValue("1000") long burst,
            @DefaultValue("100000") long maxClients) {}
}
