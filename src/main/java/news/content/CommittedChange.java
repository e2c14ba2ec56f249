package news.content;

import java.util.List;

/**
 * A committed {@link ContentChanged} as the {@link AfterCommitStep}s see it: the change, whether this instance made it
 * (only the writing instance purges CDNs), and the surrogate keys it affects, read on first use and then shared, so the
 * response cache and the purge name the same keys and the database is asked once.
 */
public final class CommittedChange {

    private final ContentChanged change;

    private final boolean madeHere;

    private final AffectedKeys affected;

    private List<String> keys;

    private RuntimeException failure;

    /** {@code keys}: the keys when they are known already (read before the commit), else null. */
    CommittedChange(ContentChanged change, boolean madeHere, AffectedKeys affected, List<String> keys) {
        this.change = change;
        this.madeHere = madeHere;
        this.affected = affected;
        this.keys = keys == null ? null : List.copyOf(keys);
    }

    public ContentChanged change() {
        return change;
    }

    /** Whether this instance committed the change (or noticed the scheduled article falling due). */
    public boolean madeHere() {
        return madeHere;
    }

    /**
     * The surrogate keys the change affects. Known already when the writing instance read them before the commit
     * (they came in the notification); otherwise read on the first call, which comes after the {@link
     * AfterCommitStep.Stage#CACHES} stage, so through caches that already hold the state after the change. A failed
     * read is not repeated: every caller gets its exception.
     */
    public synchronized List<String> keys() {
        if (keys == null && failure == null) {
            try {
                keys = affected == null ? List.of() : List.copyOf(affected.of(change));
            } catch (RuntimeException ex) {
                failure = ex;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return keys;
    }

    @Override
    public String toString() {
        return change + (madeHere ? " made here" : " heard");
    }
}
