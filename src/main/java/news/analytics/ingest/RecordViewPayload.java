package news.analytics.ingest;

/** The answer to {@code recordView}: whether the view was counted, and if not, why. */
record RecordViewPayload(ViewOutcome outcome, boolean counted) {

    static RecordViewPayload of(ViewOutcome outcome) {
        return new RecordViewPayload(outcome, outcome == ViewOutcome.ACCEPTED);
    }
}
