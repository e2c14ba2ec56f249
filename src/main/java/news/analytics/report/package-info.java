/**
 * The readership report: the figures behind the editors' dashboard page ({@code news.dashboard}), served as
 * {@code Query.analytics} (views and unique readers over time in hour or day buckets, one article's views, readers,
 * engaged time and sources over time, totals per section and per reporter against the previous window, the ingestion
 * accounting of a period, all instances), the live popular list ({@code Subscription.popularChanged}) and live readers
 * now ({@code Subscription.readersNow}); every resolver here is for editors only. It reads the window ranges that
 * ingestion keeps and the rollups it keeps itself (per-section and per-reporter sums of closed hours,
 * {@link SectionRollups}, summed over windows by {@link RolledTotals}), and uses {@code ingest}, {@code ranking} and {@code readers} only through their public types. Only
 * the repository uses jOOQ.
 */
package news.analytics.report;
