/**
 * Rankings: the popular and trending lists ({@code Query.popular}, {@code Query.trending}, {@code Article.views})
 * computed from the running window totals, cached in Caffeine with refresh-after-write, recomputed after visible
 * content changes, and pushed to live subscribers by {@code LiveRankings}. Only the repository uses jOOQ.
 * <p>
 * Public: {@link news.analytics.ranking.LiveRankings} for the editors' subscription in {@code report}, and the event
 * {@link news.analytics.ranking.RankingsChanged}, the analytics module's named interface {@code events} for other
 * modules. It uses nothing of {@code ingest} or {@code report}.
 */
package news.analytics.ranking;
