package news.analytics.report;

import java.time.OffsetDateTime;
import news.reporter.Reporter;
import news.section.Section;

/** The records the editors' dashboard queries answer with. */
final class ReadershipStats {

    private ReadershipStats() {}

    /** Views and unique readers in one bucket of a series (readers 0 when not asked for). */
    record ViewsPoint(OffsetDateTime start, long views, long readers) {}

    /**
     * A section's views and unique readers (with its subsections) in a window and in the window before (readers 0 when
     * not asked for).
     */
    record SectionViews(
            Section section,
            long views,
            long previousViews,
            Double change,
            long readers,
            long previousReaders,
            long engagedSeconds,
            Double averageEngagedSeconds) {

        SectionViews(
                Section section,
                long views,
                long previousViews,
                long readers,
                long previousReaders,
                long engagedSeconds,
                Double averageEngagedSeconds) {
            this(
                    section,
                    views,
                    previousViews,
                    ReadershipStats.change(views, previousViews),
                    readers,
                    previousReaders,
                    engagedSeconds,
                    averageEngagedSeconds);
        }
    }

    /** Counted views of one source category in a window, and their share of all counted views with a source. */
    record SourceViews(String category, long views, double share) {}

    /** Counted views an article got from one referring host in a window, and their share of its referred views. */
    record ReferrerViews(String host, long views, double share) {}

    /** Engaged seconds per reader: null when there were no readers. */
    static Double average(long seconds, long readers) {
        return readers == 0 ? null : (double) seconds / readers;
    }

    /**
     * A reporter's views and unique readers (of every article crediting them) in a window and in the window before
     * (readers 0 when not asked for).
     */
    record ReporterViews(
            Reporter reporter, long views, long previousViews, Double change, long readers, long previousReaders) {

        ReporterViews(Reporter reporter, long views, long previousViews, long readers, long previousReaders) {
            this(
                    reporter,
                    views,
                    previousViews,
                    ReadershipStats.change(views, previousViews),
                    readers,
                    previousReaders);
        }
    }

    static Double change(long views, long previous) {
        return previous == 0 ? null : (double) (views - previous) / previous;
    }
}
