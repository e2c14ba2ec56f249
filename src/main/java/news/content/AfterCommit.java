package news.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import news.database.ReplicaFreshness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The one place where an instance acts on a committed content change: this instance's own writes right after their
 * commit (before the mutation answers), other instances' as {@link ContentListener} hears of them. It calls every
 * {@link AfterCommitStep} in the order of their stages: local caches, the response cache, the CDN purge, the
 * announcements (why this order: {@link AfterCommitStep.Stage}). The surrogate keys are read once per change and
 * shared by the steps that need them ({@link CommittedChange#keys()}): an article's by the writing instance before
 * the commit, carried to the others in the notification; a section's or reporter's by each instance after the local
 * caches have dropped it.
 *
 * <p>A change published outside a transaction is ignored, as {@link ContentChanges} ignores it: nothing committed.
 */
@Component
public class AfterCommit {

    private static final Logger log = LoggerFactory.getLogger(AfterCommit.class);

    private final List<AfterCommitStep> steps;

    private final ObjectProvider<AffectedKeys> keys;

    private final ContentChanges changes;

    private final ReplicaFreshness replicas;

    AfterCommit(List<AfterCommitStep> steps, ObjectProvider<AffectedKeys> keys, ContentChanges changes) {
        this(steps, keys, changes, null);
    }

    @Autowired
    AfterCommit(
            List<AfterCommitStep> steps,
            ObjectProvider<AffectedKeys> keys,
            ContentChanges changes,
            ReplicaFreshness replicas) {
        List<AfterCommitStep> ordered = new ArrayList<>(steps);
        // Stable: steps of one stage keep the order they were found in; they do not depend on each other.
        ordered.sort(Comparator.comparing(AfterCommitStep::stage));
        this.steps = List.copyOf(ordered);
        this.keys = keys;
        this.changes = changes;
        this.replicas = replicas;
    }

    /** The steps in the order they run. */
    public List<AfterCommitStep> steps() {
        return steps;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void committed(ContentChanged change) {
        run(new CommittedChange(change, true, keys.getIfAvailable(), changes.keysReadBeforeCommit(change)));
    }

    /**
     * Another instance's change, or everything after a gap in listening; {@code keys} as its notification carried
     * them (null: it carried none, they are read here).
     */
    void heard(ContentChanged change, List<String> keys) {
        if (replicas != null) {
            // Before any cache is emptied: what refills it must not come from a replica without the change.
            replicas.changeHeard();
        }
        run(new CommittedChange(change, false, this.keys.getIfAvailable(), keys));
    }

    void run(CommittedChange change) {
        for (AfterCommitStep step : steps) {
            try {
                step.apply(change);
            } catch (RuntimeException ex) {
                log.warn("After {}: {} failed: {}", change, step.getClass().getSimpleName(), ex.toString());
            }
        }
    }
}
