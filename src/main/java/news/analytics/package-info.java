/**
 * Popularity, in five parts that depend on each other in one direction only: {@code ingest} counts page views
 * (deduplicated per visitor, article and slot by PostgreSQL, bots filtered, rate-limited) and flushes them in batches;
 * {@code ranking} turns the counts into the most-read and trending lists; {@code readers} counts unique readers (exact
 * per article from the kept visitor keys, estimated elsewhere from hourly sketches built in the background); {@code
 * report} sums them for the editors ({@code Query.analytics}); {@code alerts} raises alerts when a recent story takes
 * off. {@code report} reads all others but {@code alerts}, {@code ranking} reads {@code readers}; {@code ingest},
 * {@code ranking}, {@code readers} and {@code alerts} do not know each other otherwise ({@code alerts} reads
 * ingestion's tables only). This package holds only what all share: the settings ({@link
 * news.analytics.AnalyticsProperties}, the alerts' included), hour ranges ({@link news.analytics.TimeRange}), the
 * public windows ({@link news.analytics.PopularityWindow}) and the windows whose running totals are kept in the
 * database ({@link news.analytics.RankingWindow}).
 * <p>
 * It owns the view tables and the {@code news.analytics.*} settings. Other modules reach it through GraphQL and the
 * view beacon, and in Java only through the named interface {@code events}: {@link
 * news.analytics.ranking.RankingsChanged}, which the response cache follows.
 */
@ApplicationModule(
        allowedDependencies = {
            "article",
            "content",
            "database",
            "db",
            "graphql",
            "reporter",
            "section",
            "site",
            "support",
            "web"
        })
package news.analytics;

import org.springframework.modulith.ApplicationModule;
