package news.analytics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A range of hourly buckets whose per-article totals are kept in {@code article_views_window}: each popularity
 * window, the window of equal length before it (for {@code previousRank}), and the baseline of {@code trending}.
 */
public record RankingWindow(String name, TimeRange range) {

    public static final String TRENDING_BASE = "TRENDING_BASE";

    public static String current(PopularityWindow window) {
        return window.name();
    }

    public static String previous(PopularityWindow window) {
        return window.name() + ":PREVIOUS";
    }

    /** All maintained windows as they are at {@code now}. */
    public static List<RankingWindow> at(Instant now, ZoneId zone) {
        List<RankingWindow> windows = new ArrayList<>();
        for (PopularityWindow window : PopularityWindow.values()) {
            TimeRange range = window.at(now, zone);
            windows.add(new RankingWindow(current(window), range));
            windows.add(new RankingWindow(previous(window), range.previous()));
        }
        // trending compares the current and previous hour (LAST_HOUR) with the 24 hours before them.
        TimeRange lastHour = PopularityWindow.LAST_HOUR.at(now, zone);
        windows.add(new RankingWindow(
                TRENDING_BASE, new TimeRange(lastHour.start() - 24 * TimeRange.HOUR, lastHour.start())));
        return windows;
    }
}
