package news.analytics.ingest;

/** Views of one hour (epoch seconds of its start, UTC) and entry point with one accounting outcome. */
record OutcomeCount(long hour, IngestionEntryPoint entryPoint, IngestionOutcome outcome, long views) {

    record Key(long hour, IngestionEntryPoint entryPoint, IngestionOutcome outcome) {}
}
