package news.analytics.ingest;

/** Engaged seconds of one article in one hour (epoch seconds of its start, UTC), waiting for the next write. */
record EngagedCount(long articleId, long hour, long seconds) {

    /** What engaged seconds are summed under until they are written. */
    record Key(long articleId, long hour) {}
}
