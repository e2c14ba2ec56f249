package news.section;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import news.content.AfterCommitStep;
import news.content.CommittedChange;
import news.content.ContentChanged;
import org.springframework.stereotype.Service;

/**
 * The current section tree, read once and shared by every request for a short while: sections change rarely and
 * every article page needs its breadcrumb. A section change announced by the newsroom drops it: on this instance
 * after the commit, on the others when the PostgreSQL notification arrives (see {@code news.content}). The
 * {@link #MAX_AGE} bounds the rest: changes while an instance is not listening, and rows written by hand.
 *
 * <p>The tree is one value looked up several times per article, so it is held in a field rather than a cache: a read
 * is a field read and a clock read. One request at a time reads a missing tree; the others wait for it. A tree read
 * while the tree was being dropped is handed to its reader but not kept.
 */
@Service
public class SectionDirectory implements AfterCommitStep {

    static final Duration MAX_AGE = Duration.ofSeconds(10);

    private static final long MAX_AGE_NANOS = MAX_AGE.toNanos();

    /** A tree and when it was read ({@link System#nanoTime()}). */
    private record Loaded(SectionTree tree, long readAt) {}

    private final SectionRepository repository;

    private final ReentrantLock reading = new ReentrantLock();

    /** Counts drops, so that a read that overlapped one is not kept. */
    private final AtomicLong drops = new AtomicLong();

    private volatile Loaded current;

    SectionDirectory(SectionRepository repository) {
        this.repository = repository;
    }

    public SectionTree tree() {
        Loaded loaded = current;
        if (fresh(loaded)) {
            return loaded.tree();
        }
        reading.lock();
        try {
            loaded = current;
            if (fresh(loaded)) {
                return loaded.tree();
            }
            long dropsBefore = drops.get();
            long readAt = System.nanoTime();
            SectionTree tree = new SectionTree(repository.findAll());
            if (drops.get() == dropsBefore) {
                current = new Loaded(tree, readAt);
            }
            return tree;
        } finally {
            reading.unlock();
        }
    }

    private static boolean fresh(Loaded loaded) {
        return loaded != null && System.nanoTime() - loaded.readAt() < MAX_AGE_NANOS;
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
        drops.incrementAndGet();
        current = null;
    }

    @Override
    public Stage stage() {
        return Stage.CACHES;
    }

    @Override
    public void apply(CommittedChange change) {
        on(change.change());
    }

    void on(ContentChanged change) {
        if (change.concerns(ContentChanged.Kind.SECTION)) {
            invalidate();
        }
    }
}
