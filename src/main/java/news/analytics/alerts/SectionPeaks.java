package news.analytics.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The thresholds of the alerts: per section, each article's peak hourly views over the history, read from
 * PostgreSQL for the sections of the watched articles and kept for {@code threshold-refresh}, so that a check reads
 * the hourly views of a section only that often (a check every few seconds would otherwise read a week of them for
 * every section with a story being read). An article's threshold is the percentile of its section's other articles'
 * peaks (so a story never raises its own threshold), divided by 60, never below the floor.
 */
final class SectionPeaks {

    /**
     * A section's peaks as read: per article, and all of them sorted, so that a threshold is two array reads rather
     * than a sort of the section's peaks for every watched article (a check watches every article being read, which
     * on a busy site is thousands).
     */
    private record Peaks(Map<Long, Long> byArticle, long[] sorted, Instant readAt) {

        static Peaks of(Map<Long, Long> byArticle, Instant readAt) {
            long[] sorted =
                    byArticle.values().stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return new Peaks(Map.copyOf(byArticle), sorted, readAt);
        }
    }

    private final Map<Long, Peaks> sections = new ConcurrentHashMap<>();

    /** Reads what the check needs: the peaks of the given sections in the history before {@code now}. */
    interface Reader {
        Map<Long, Map<Long, Long>> peaks(Collection<Long> sections, Instant from, Instant to);
    }

    /** Reads the peaks of those of {@code sectionIds} not read within {@code refresh} before {@code now}. */
    void refresh(Collection<Long> sectionIds, Instant now, Duration refresh, Duration history, Reader reader) {
        List<Long> stale = sectionIds.stream()
                .distinct()
                .filter(id -> {
                    Peaks p = sections.get(id);
                    return p == null
                            || !p.readAt().plus(refresh).isAfter(now)
                            || p.readAt().isAfter(now);
                })
                .toList();
        if (stale.isEmpty()) {
            return;
        }
        Map<Long, Map<Long, Long>> read = reader.peaks(stale, now.minus(history), now);
        for (Long id : stale) {
            sections.put(id, Peaks.of(read.getOrDefault(id, Map.of()), now));
        }
        sections.keySet().retainAll(sectionIds);
    }

    /** The threshold of an article of a section, in readers per minute. */
    double threshold(long sectionId, long articleId, double percentile, double floor) {
        Peaks p = sections.get(sectionId);
        double peak =
                p == null ? 0 : percentileWithout(p.sorted(), p.byArticle().get(articleId), percentile);
        return Math.max(floor, peak / 60.0);
    }

    /**
     * {@link #percentile} of {@code sorted} (ascending) with one occurrence of {@code own} left out (none when null or
     * absent), without copying: index i of the shortened array is i of {@code sorted} before the left-out place, i + 1
     * from it on.
     */
    static double percentileWithout(long[] sorted, Long own, double fraction) {
        int skip = own == null ? -1 : Math.max(-1, Arrays.binarySearch(sorted, own));
        int size = skip >= 0 ? sorted.length - 1 : sorted.length;
        if (size == 0) {
            return 0;
        }
        double position = Math.min(1, Math.max(0, fraction)) * (size - 1);
        int low = (int) Math.floor(position);
        int high = (int) Math.ceil(position);
        long lowValue = sorted[skip >= 0 && low >= skip ? low + 1 : low];
        long highValue = sorted[skip >= 0 && high >= skip ? high + 1 : high];
        return lowValue + (highValue - lowValue) * (position - low);
    }

    /** The percentile of the values, interpolated between the nearest two as PostgreSQL's percentile_cont; 0 for none. */
    static double percentile(long[] values, double fraction) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = Math.min(1, Math.max(0, fraction)) * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = (int) Math.ceil(position);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
