package news.analytics.ranking;

/**
 * A cached ranking was recomputed or dropped, so answers showing that list may be outdated.
 *
 * @param list {@code popular} or {@code trending}
 */
public record RankingsChanged(String list) {}
