package news.analytics.report;

import java.time.OffsetDateTime;
import java.util.List;
import news.reporter.Reporter;
import news.section.Section;

/** The records the editors' dashboard queries answer with. */
final class ReadershipStats {

    private ReadershipStats() {}

    /**
     * Views and unique readers in one bucket of a series (readers 0 when not asked for); {@code partial} while the
     * bucket has not ended.
     */
    record ViewsPoint(OffsetDateTime start, long views, long readers, boolean partial) {}

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

    /**
     * One article in one bucket: counted views, exact unique readers, engaged seconds and the counted views per source
     * category (every category, in the order of ties); {@code partial} while the bucket has not ended.
     */
    record ArticlePoint(
            OffsetDateTime start,
            long views,
            long readers,
            long engagedSeconds,
            List<SourceViews> sources,
            boolean partial) {}

    /**
     * One article over a period of buckets: the totals of the period (readers each once in it) and the points.
     */
    record ArticleOverTime(
            long articleId,
            OffsetDateTime from,
            OffsetDateTime to,
            long views,
            long readers,
            long engagedSeconds,
            Double averageEngagedSeconds,
            List<SourceViews> sources,
            List<ArticlePoint> points) {}

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
