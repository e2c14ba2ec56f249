package news.analytics;

import java.time.OffsetDateTime;
import news.reporter.Reporter;
import news.section.Section;

/** The records the editors' dashboard queries answer with. */
final class DashboardStats {

    private DashboardStats() {}

    /** Views in one bucket of a series. */
    record ViewsPoint(OffsetDateTime start, long views) {}

    /** A section's views (with its subsections) in a window and in the window before. */
    record SectionViews(Section section, long views, long previousViews, Double change) {

        SectionViews(Section section, long views, long previousViews) {
            this(section, views, previousViews, DashboardStats.change(views, previousViews));
        }
    }

    /** A reporter's views (of every article crediting them) in a window and in the window before. */
    record ReporterViews(Reporter reporter, long views, long previousViews, Double change) {

        ReporterViews(Reporter reporter, long views, long previousViews) {
            this(reporter, views, previousViews, DashboardStats.change(views, previousViews));
        }
    }

    /** What ingestion decided since this instance started, and the state of its writes. */
    record IngestionStats(
            long accepted,
            long duplicates,
            long bots,
            long rejected,
            long rateLimited,
            int pendingKeys,
            long flushes,
            long failedFlushes,
            OffsetDateTime lastFlushAt) {}

    static Double change(long views, long previous) {
        return previous == 0 ? null : (double) (views - previous) / previous;
    }
}
