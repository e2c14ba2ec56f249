package news.section;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import news.content.ContentChanged;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The current section tree, read once and shared by every request for a short while: sections change rarely and
 * every article page needs its breadcrumb. A section change announced by the newsroom drops it: on this instance
 * after the commit, on the others when the PostgreSQL notification arrives (see {@code news.content}). The
 * {@link #MAX_AGE} bounds the rest: changes while an instance is not listening, and rows written by hand.
 */
@Service
public class SectionDirectory {

    static final Duration MAX_AGE = Duration.ofSeconds(10);

    private final LoadingCache<Boolean, SectionTree> tree;

    SectionDirectory(SectionRepository repository) {
        this.tree = Caffeine.newBuilder()
                .maximumSize(1)
                .expireAfterWrite(MAX_AGE)
                .build(key -> new SectionTree(repository.findAll()));
    }

    public SectionTree tree() {
        return tree.get(Boolean.TRUE);
    }

    /**
     * The tree, guaranteed to contain {@code sectionId} if the database does: a section created moments ago (perhaps
     * by another instance) triggers one fresh read instead of a failure.
     */
    public SectionTree treeWith(long sectionId) {
        SectionTree current = tree();
        if (current.byId(sectionId).isPresent()) {
            return current;
        }
        invalidate();
        return tree();
    }

    public void invalidate() {
        tree.invalidateAll();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ContentChanged change) {
        if (change.concerns(ContentChanged.Kind.SECTION)) {
            invalidate();
        }
    }
}
