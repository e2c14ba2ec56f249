package news.content;

import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Carries {@link ContentChanged} events to the other instances. The newsroom publishes the event inside its write
 * transaction; just before the commit it is queued as a PostgreSQL notification on the same connection, so the other
 * instances hear of exactly the committed changes and of nothing that was rolled back. This instance acts on the same
 * event right after the commit ({@link AfterCommit}), so the writing instance is exact as soon as the mutation
 * answers; {@link ContentListener} hands the other instances' changes to the same steps.
 */
@Component
public class ContentChanges {

    /** Names this instance in its notifications, so that it does not handle its own changes twice. */
    final String instance = UUID.randomUUID().toString();

    private final ContentRepository repository;

    private volatile boolean listening;

    ContentChanges(ContentRepository repository) {
        this.repository = repository;
    }

    // Without a transaction nothing is sent (fallbackExecution is false): nothing was committed.
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void announce(ContentChanged change) {
        repository.notify(change.payload(instance));
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
