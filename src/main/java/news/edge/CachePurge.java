package news.edge;

import java.util.List;

/**
 * Shared caches must drop every answer carrying one of these surrogate keys: published (as an application event, a
 * log line, and to the purge webhook) after each committed newsroom write.
 *
 * @param keys the surrogate keys, as in {@code Surrogate-Key}
 * @param reason what changed, e.g. {@code ARTICLE 42}
 */
public record CachePurge(List<String> keys, String reason) {}
