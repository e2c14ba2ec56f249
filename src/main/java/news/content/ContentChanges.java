package news.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Carries {@link ContentChanged} events to the other instances. The newsroom publishes the event inside its write
 * transaction; just before the commit it is queued as a PostgreSQL notification on the same connection, so the other
 * instances hear of exactly the committed changes and of nothing that was rolled back. Where the surrogate keys the
 * change affects can be read then ({@link AffectedKeys#beforeCommit}: an article's), they are read in the transaction
 * and travel in the notification, so neither this instance nor the others read them again. This instance acts on the
 * same event right after the commit ({@link AfterCommit}), so the writing instance is exact as soon as the mutation
 * answers; {@link ContentListener} hands the other instances' changes to the same steps.
 */
@Component
public class ContentChanges {

    private static final Logger log = LoggerFactory.getLogger(ContentChanges.class);

    /** Names this instance in its notifications, so that it does not handle its own changes twice. */
    final String instance = UUID.randomUUID().toString();

    private final ContentRepository repository;

    private final ObjectProvider<AffectedKeys> affected;

    /**
     * The keys read before each change's commit, for {@link AfterCommit} on this instance: by the event itself (weak
     * keys compare by identity), so an entry of a transaction that failed to commit goes with its event.
     */
    private final Cache<ContentChanged, List<String>> keysRead =
            Caffeine.newBuilder().weakKeys().build();

    private volatile boolean listening;

    ContentChanges(ContentRepository repository, ObjectProvider<AffectedKeys> affected) {
        this.repository = repository;
        this.affected = affected;
    }

    // Without a transaction nothing is sent (fallbackExecution is false): nothing was committed.
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void announce(ContentChanged change) {
        List<String> keys = readBeforeCommit(change);
        if (keys != null) {
            keysRead.put(change, keys);
        }
        repository.notify(change.payload(instance, keys));
    }

    /** The keys, read in the writing transaction, or null: not readable yet, or the reading failed. */
    private List<String> readBeforeCommit(ContentChanged change) {
        AffectedKeys keys = affected.getIfAvailable();
        if (keys == null) {
            return null;
        }
        try {
            List<String> read = keys.beforeCommit(change);
            return read == null ? null : List.copyOf(read);
        } catch (RuntimeException ex) {
            // Every instance reads the keys after the commit instead. (A statement the database refused has aborted
            // the transaction, and the write fails at the commit as it would for any failed statement in it; these
            // are reads of rows the write has just locked or written.)
            log.warn("Keys of {} not read before the commit: {}", change, ex.toString());
            return null;
        }
    }

    /** The keys read just before {@code change} committed, or null; asked once, right after the commit. */
    List<String> keysReadBeforeCommit(ContentChanged change) {
        List<String> keys = keysRead.getIfPresent(change);
        keysRead.invalidate(change);
        return keys;
    }

    /**
     * Whether this instance is hearing other instances' changes right now. While it is not (before the first
     * connection, or while reconnecting), caches must not trust what they hold about visibility.
     */
    public boolean listening() {
        return listening;
    }

    void listening(boolean value) {
        listening = value;
    }
}
