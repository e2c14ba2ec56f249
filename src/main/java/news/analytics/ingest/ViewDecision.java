package news.analytics.ingest;

/** The outcome of one reported view; {@code notFound} and {@code message} say why a REJECTED view was refused. */
record ViewDecision(ViewOutcome outcome, boolean notFound, String message) {

    static final ViewDecision ACCEPTED = new ViewDecision(ViewOutcome.ACCEPTED, false, null);

    static final ViewDecision DUPLICATE = new ViewDecision(ViewOutcome.DUPLICATE, false, null);

    static final ViewDecision BOT = new ViewDecision(ViewOutcome.BOT, false, null);

    static final ViewDecision RATE_LIMITED = new ViewDecision(ViewOutcome.RATE_LIMITED, false, null);

    static ViewDecision rejected(boolean notFound, String message) {
        return new ViewDecision(ViewOutcome.REJECTED, notFound, message);
    }
}
