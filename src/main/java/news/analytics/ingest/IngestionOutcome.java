package news.analytics.ingest;

import java.util.Locale;

/**
 * What became of a reported view, as the accounting in {@code view_ingestion_hourly} keeps it: the outcomes of
 * {@link ViewOutcome}, except that a view answered ACCEPTED ends as ACCEPTED or LATE_DUPLICATE once PostgreSQL has
 * decided (the key was already counted, by another instance or before a restart).
 */
enum IngestionOutcome {
    ACCEPTED,
    DUPLICATE,
    LATE_DUPLICATE,
    BOT,
    REJECTED,
    RATE_LIMITED;

    /** The name stored in {@code view_ingestion_hourly.outcome}. */
    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static IngestionOutcome ofColumn(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }

    /** The accounting outcome of an in-memory decision other than ACCEPTED (which the database settles). */
    static IngestionOutcome of(ViewOutcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> ACCEPTED;
            case DUPLICATE -> DUPLICATE;
            case BOT -> BOT;
            case REJECTED -> REJECTED;
            case RATE_LIMITED -> RATE_LIMITED;
        };
    }
}
