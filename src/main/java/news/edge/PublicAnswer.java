package news.edge;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;

/**
 * What a GET execution learns for the caching headers of its answer: the surrogate keys of the objects it returned,
 * how long the answer may be kept (the shortest of its root fields), and whether it was refused for its method.
 */
final class PublicAnswer {

    /** Names every answer, so that a purge of everything is one key. */
    static final String ALL = "news";

    final Set<String> keys = ConcurrentHashMap.newKeySet();

    private volatile long maxAgeSeconds = Long.MAX_VALUE;

    volatile boolean mutationRefused;

    PublicAnswer() {
        keys.add(ALL);
    }

    void keepAtMost(long seconds) {
        synchronized (this) {
            maxAgeSeconds = Math.min(maxAgeSeconds, seconds);
        }
    }

    /** The shortest life of any root field, or {@code fallback} when none said. */
    long maxAgeSeconds(long fallback) {
        return maxAgeSeconds == Long.MAX_VALUE ? fallback : maxAgeSeconds;
    }

    /**
     * Writes the headers of a public answer a shared cache may keep: {@code Cache-Control} (the shortest life of its
     * root fields, or the lists' when none said, and the stale-while-revalidate window), and its keys in
     * {@code Surrogate-Key} and {@code Cache-Tag}. Answers how long it may be kept, in seconds.
     */
    long writeCacheHeaders(HttpHeaders headers, EdgeProperties settings) {
        long maxAge = maxAgeSeconds(settings.lists().toSeconds());
        headers.setCacheControl("public, max-age=" + maxAge + ", stale-while-revalidate="
                + settings.staleWhileRevalidate().toSeconds());
        headers.set("Surrogate-Key", keys(" "));
        headers.set("Cache-Tag", keys(","));
        return maxAge;
    }

    /** The keys as {@code Surrogate-Key} wants them (space-separated); {@code Cache-Tag} takes them comma-separated. */
    String keys(String separator) {
        return String.join(separator, keys);
    }
}
