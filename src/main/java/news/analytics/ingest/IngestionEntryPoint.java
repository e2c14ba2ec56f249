package news.analytics.ingest;

import java.util.Locale;

/** Where views are reported: GraphQL ({@code recordView}, {@code recordViews}) or the beacon {@code POST /views}. */
public enum IngestionEntryPoint {
    GRAPHQL,
    BEACON;

    /** The name stored in {@code view_ingestion_hourly.entry_point}. */
    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static IngestionEntryPoint ofColumn(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }
}
