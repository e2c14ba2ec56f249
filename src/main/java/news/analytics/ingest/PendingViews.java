package news.analytics.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What waits for the next write: the views answered as counted, one per (article, slot, visitor), and the accounting
 * counters per (hour, entry point, outcome), and the periods heartbeats of engaged time covered. {@code putIfAbsent}, {@code merge} and {@code remove} are atomic per key,
 * so an entry added while a flush drains the maps lands either in that flush or in the next one, never in neither or
 * both.
 */
final class PendingViews {

    private final ConcurrentHashMap<PendingView.Key, PendingView> views = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<OutcomeCount.Key, Long> outcomes = new ConcurrentHashMap<>();

    private final java.util.Set<EngagedCount> engaged = ConcurrentHashMap.newKeySet();

    private final java.util.Set<Presence> presence = ConcurrentHashMap.newKeySet();

    /** A reader seen on an article in a minute. */
    void present(Presence seen) {
        presence.add(seen);
    }

    int presenceKeys() {
        return presence.size();
    }

    /** Takes who was seen, in key order. */
    List<Presence> drainPresence() {
        List<Presence> drained = new ArrayList<>(presence.size());
        for (Presence p : presence) {
            if (presence.remove(p)) {
                drained.add(p);
            }
        }
        drained.sort(Presence.ORDER);
        return drained;
    }

    /** Adds engaged time: a period a heartbeat covered (the same period twice is kept once). */
    void engage(EngagedCount period) {
        if (period.to() > period.from()) {
            engaged.add(period);
        }
    }

    int engagedKeys() {
        return engaged.size();
    }

    /** Takes the engaged time waiting, in key order. */
    List<EngagedCount> drainEngaged() {
        List<EngagedCount> drained = new ArrayList<>(engaged.size());
        for (EngagedCount e : engaged) {
            if (engaged.remove(e)) {
                drained.add(e);
            }
        }
        drained.sort(EngagedCount.ORDER);
        return drained;
    }

    /**
     * Adds a counted view; returns the number of views waiting afterwards. The same key twice (the in-memory filter
     * forgot it, being full) is kept once: the second is a late duplicate, as the database would find it.
     */
    int add(PendingView view) {
        if (views.putIfAbsent(view.key(), view) != null) {
            count(view.hour(), view.entryPoint(), IngestionOutcome.LATE_DUPLICATE, 1);
        }
        return views.size();
    }

    void count(long hour, IngestionEntryPoint entryPoint, IngestionOutcome outcome, long n) {
        if (n != 0) {
            outcomes.merge(new OutcomeCount.Key(hour, entryPoint, outcome), n, Long::sum);
        }
    }

    /** Views waiting. */
    int size() {
        return views.size();
    }

    int outcomeKeys() {
        return outcomes.size();
    }

    /** Takes every view waiting, sorted so that concurrent writers lock rows in the same order. */
    List<PendingView> drainViews() {
        List<PendingView> drained = new ArrayList<>(views.size());
        for (PendingView.Key key : views.keySet()) {
            PendingView view = views.remove(key);
            if (view != null) {
                drained.add(view);
            }
        }
        drained.sort(PendingView.ORDER);
        return drained;
    }

    List<OutcomeCount> drainOutcomes() {
        List<OutcomeCount> drained = new ArrayList<>(outcomes.size());
        for (OutcomeCount.Key key : outcomes.keySet()) {
            Long n = outcomes.remove(key);
            if (n != null && n != 0) {
                drained.add(new OutcomeCount(key.hour(), key.entryPoint(), key.outcome(), n));
            }
        }
        return drained;
    }
}
