/**
 * Popularity: page views are recorded (deduplicated per visitor and window, bots filtered) and flushed in batches,
 * then ranked into the most-read lists and summed for the editors' dashboard. The running window totals are moved
 * to new hour ranges by the flusher's schedule alone; every read only reads them. Only the {@code *Repository}
 * classes touch jOOQ and the generated tables. It owns the view tables and the {@code news.analytics.*} settings,
 * and offers nothing to other packages: it is reached only through GraphQL and the view beacon.
 */
package news.analytics;
