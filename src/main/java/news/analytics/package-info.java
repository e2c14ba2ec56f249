/**
 * Popularity: page views are recorded (deduplicated per visitor and window, bots filtered) and flushed in batches,
 * then ranked into the most-read lists and summed for the editors' dashboard. The running window totals are moved
 * to new hour ranges by the flusher's schedule alone; every read only reads them. Only the {@code *Repository}
 * classes touch jOOQ and the generated tables. It owns the view tables and the {@code news.analytics.*} settings.
 * Readers reach it through GraphQL and the view beacon; the one thing it offers other packages is
 * {@link news.analytics.RankingsChanged}, the event that a cached ranking was recomputed, on which the edge's response
 * cache drops the answers holding that list. It reads articles, sections and reporters through their catalogs,
 * follows content changes, and uses the GraphQL ids and errors, the site's zone and clock, a body limit of the web
 * package and the database package's sign of an unavailable database.
 */
package news.analytics;
