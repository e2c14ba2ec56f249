package news.analytics.report;

import java.time.OffsetDateTime;
import news.reporter.Reporter;
import news.section.Section;

/** The records the editors' dashboard queries answer with. */
final class ReadershipStats {

    private ReadershipStats() {}

    /** Views in one bucket of a series. */
    record ViewsPoint(OffsetDateTime start, long views) {}

    /** A section's views (with its subsections) in a window and in the window before. */
    record SectionViews(Section section, long views, long previousViews, Double change) {

        SectionViews(Section section, long views, long previousViews) {
            this(section, views, previousViews, ReadershipStats.change(views, previousViews));
        }
    }

    /** A reporter's views (of every article crediting them) in a window and in the window before. */
    record ReporterViews(Reporter reporter, long views, long previousViews, Double change) {

        ReporterViews(Reporter reporter, long views, long previousViews) {
            this(reporter, views, previousViews, ReadershipStats.change(views, previousViews));
        }
    }

    static Double change(long views, long previous) {
        return previous == 0 ? null : (double) (views - previous) / previous;
    }
}
