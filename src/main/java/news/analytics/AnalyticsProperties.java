package news.analytics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of view counting and rankings.
 *
 * @param dedupeWindow a visitor counts once per article within this time
 * @param dedupeMaxEntries bound of the in-memory (article, visitor) set used for that; when full the oldest go first
 * @param flushInterval how often counted views are written to PostgreSQL
 * @param maxPendingKeys a flush is forced as soon as this many (article, hour) counters wait in memory
 * @param maxBatch most views accepted in one {@code recordViews} call
 * @param articleCheckTtl longest time ingestion keeps the answer "this id is (not) a visible article"; newsroom
 *        changes drop it at once (on other instances when their notification arrives), so this only bounds changes
 *        written to the database by hand
 * @param rankingRefresh age after which a cached ranking is recomputed in the background (readers get the old one
 *        meanwhile)
 * @param rankingCacheSize most rankings (window, section, size combinations) kept in the cache
 * @param trendingMinViews views an article needs in the recent period to be considered trending
 * @param visitorSecret when set, the daily salt of anonymous visitor keys is derived from it and the date, so all
 *        instances recognise the same anonymous visitor; when empty each instance draws a random salt per day
 */
@ConfigurationProperties("news.analytics")
record AnalyticsProperties(@DefaultValue("30m") Duration dedupeWindow,
        @DefaultValue("2000000") long dedupeMaxEntries, @DefaultValue("1s") Duration flushInterval,
        @DefaultValue("100000") int maxPendingKeys, @DefaultValue("500") int maxBatch,
        @DefaultValue("30s") Duration articleCheckTtl, @DefaultValue("30s") Duration rankingRefresh,
        @DefaultValue("1000") long rankingCacheSize, @DefaultValue("20") long trendingMinViews,
        @DefaultValue("") String visitorSecret) {
}
