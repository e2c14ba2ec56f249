package news.analytics.ingest;

import java.util.ArrayList;
import java.util.List;

/** The answer to {@code recordViews}: how many views were counted and why the others were not. */
record RecordViewsPayload(int accepted, int duplicates, int bots, int rejected, int rateLimited, List<Error> errors) {

    /** A refused view: its position in the input, the id as sent, and why. */
    record Error(int index, String articleId, String message) {}

    static RecordViewsPayload of(List<ViewReport> reports, List<ViewDecision> decisions) {
        int[] counts = new int[ViewOutcome.values().length];
        List<Error> errors = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            ViewDecision d = decisions.get(i);
            counts[d.outcome().ordinal()]++;
            if (d.outcome() == ViewOutcome.REJECTED) {
                errors.add(new Error(i, reports.get(i).articleId(), d.message()));
            }
        }
        return new RecordViewsPayload(
                counts[ViewOutcome.ACCEPTED.ordinal()],
                counts[ViewOutcome.DUPLICATE.ordinal()],
                counts[ViewOutcome.BOT.ordinal()],
                counts[ViewOutcome.REJECTED.ordinal()],
                counts[ViewOutcome.RATE_LIMITED.ordinal()],
                errors);
    }
}
