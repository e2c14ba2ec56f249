package news.analytics.ingest;

/** What happened to one reported view. Only ACCEPTED views are counted. */
enum ViewOutcome {
    ACCEPTED,
    DUPLICATE,
    BOT,
    REJECTED,
    RATE_LIMITED;

    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
