/**
 * The readership report: the figures behind the editors' dashboard page ({@code news.dashboard}), served as
 * {@code Query.analytics} (views and unique readers over time in hour or day buckets, totals per section and per
 * reporter against the previous window, the ingestion accounting of a period, all instances) and the live popular list
 * ({@code Subscription.popularChanged}); every resolver here is for editors only. It reads the window totals that
 * ingestion keeps, and keeps the section rollups (per-section sums of closed hours, {@link news.analytics.report.SectionRollups}), and uses {@code ingest}, {@code ranking} and {@code readers} only through their public types. Only the repository
 * uses jOOQ.
 */
package news.analytics.report;
