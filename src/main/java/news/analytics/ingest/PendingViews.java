package news.analytics.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counted views not yet written to the database, one counter per (article, hour). {@code merge} and {@code remove}
 * are atomic per key, so a view added while a flush drains the map lands either in that flush or in the next one,
 * never in neither or both.
 */
final class PendingViews {

    private final ConcurrentHashMap<HourlyCount.Key, Long> counts = new ConcurrentHashMap<>();

    /** Adds views; returns the number of distinct keys waiting afterwards. */
    int add(long articleId, long hourEpochSecond, long views) {
        counts.merge(new HourlyCount.Key(articleId, hourEpochSecond), views, Long::sum);
        return counts.size();
    }

    int size() {
        return counts.size();
    }

    /** Takes everything waiting, sorted by key so concurrent writers lock rows in the same order. */
    List<HourlyCount> drain() {
        List<HourlyCount> drained = new ArrayList<>(counts.size());
        for (HourlyCount.Key key : counts.keySet()) {
            Long views = counts.remove(key);
            if (views != null && views != 0) {
                drained.add(new HourlyCount(key, views));
            }
        }
        drained.sort(Comparator.comparing(HourlyCount::key, HourlyCount.Key.ORDER));
        return drained;
    }
}
