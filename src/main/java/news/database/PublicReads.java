package news.database;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Marks the statements of a public read (a GraphQL query without an editor's token) running on this thread: only
 * those may go to a read replica (see {@link ReplicaRouting}). Everything else, and everything inside a transaction,
 * goes to the primary. Without replicas the mark is set and never read.
 *
 * <p>A mark on the thread, like {@link HeavyReads}' turns, because a GraphQL operation here runs on one thread, its
 * fields and batch loaders one after another. The scope may be closed from another thread; the mark is then dropped
 * the next time this thread asks.
 */
public final class PublicReads {

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private PublicReads() {}

    /** Marks what runs on this thread as a public read until the scope is closed. */
    public static Scope begin() {
        Scope scope = new Scope();
        CURRENT.set(scope);
        return scope;
    }

    /** Whether the statement about to run on this thread belongs to a public read. */
    static boolean active() {
        Scope scope = CURRENT.get();
        if (scope == null) {
            return false;
        }
        if (scope.closed.get()) {
            CURRENT.remove();
            return false;
        }
        return true;
    }

    /** A public read's mark; close it when the read completes, from any thread, any number of times. */
    public static final class Scope implements AutoCloseable {

        private final AtomicBoolean closed = new AtomicBoolean();

        private Scope() {}

        @Override
        public void close() {
            if (closed.compareAndSet(false, true) && CURRENT.get() == this) {
                CURRENT.remove();
            }
        }
    }
}
