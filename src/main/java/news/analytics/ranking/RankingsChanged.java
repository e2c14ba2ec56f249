package news.analytics.ranking;

import org.springframework.modulith.NamedInterface;

/**
 * A cached ranking was recomputed or dropped, so answers showing that list may be outdated.
 *
 * @param list {@code popular} or {@code trending}
 */
@NamedInterface("events")
public record RankingsChanged(String list) {}
