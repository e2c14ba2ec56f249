package news.database;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a share of the connection pool for cheap reads while heavy reads are many. Without it, a dozen clients asking
 * for {@code latest(first: 100)} with views and related articles hold every pooled connection, and an article page
 * waits the pool's short connection timeout in vain.
 *
 * <p>The choice: a bounded, fair semaphore of {@code maximum-pool-size - news.database.reserved-connections} turns
 * (at least one) that heavy operations take before they run, rather than a second pool. A second pool would need its
 * own connections to PostgreSQL (more server processes for the same work) and its own outage handling; a semaphore
 * costs nothing for cheap reads, which never touch it, and heavy reads queue in memory instead of in the pool. It
 * bounds connections because a GraphQL operation here runs on one thread, its fields and batch loaders one after
 * another, and takes a connection per statement: an operation holds at most one connection at a time, so turns bound
 * the connections heavy reads hold, and the reserved ones are left to everything else.
 *
 * <p>What is heavy is decided by the caller (the GraphQL layer, by the query's complexity). A heavy operation that
 * does not get a turn within {@code news.database.heavy-read-queue-timeout} still runs, but every connection it asks
 * for is refused at once as {@link DatabaseBusy}: the fields that need the database answer {@code BUSY} (retryable),
 * and those answered from caches keep their data. The refusal is marked on the operation's thread until its turn is
 * closed.
 */
public final class HeavyReads {

    /** The refused turn of the operation running on this thread, if any. */
    private static final ThreadLocal<Turn> REFUSED = new ThreadLocal<>();

    private final Semaphore turns;

    private final int size;

    private final long queueNanos;

    HeavyReads(int size, Duration queueTimeout) {
        this.size = Math.max(1, size);
        this.turns = new Semaphore(this.size, true);
        this.queueNanos = queueTimeout.toNanos();
    }

    /** How many heavy reads may run at once. */
    public int size() {
        return size;
    }

    /** Heavy reads running now. */
    public int running() {
        return size - turns.availablePermits();
    }

    /**
     * Waits for a turn for a heavy operation about to run on this thread. The turn must be closed when the operation
     * completes, whether or not it was admitted.
     */
    public Turn enter() {
        boolean admitted;
        try {
            admitted = turns.tryAcquire(queueNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        Turn turn = new Turn(admitted);
        if (!admitted) {
            REFUSED.set(turn);
        }
        return turn;
    }

    /** Refuses a connection to an operation on this thread that did not get its turn. */
    static void checkTurn() throws DatabaseBusy.NoConnectionFree {
        Turn refused = REFUSED.get();
        if (refused != null) {
            if (!refused.closed.get()) {
                throw new DatabaseBusy.NoConnectionFree("Heavy reads are at their share of the connection pool");
            }
            REFUSED.remove();
        }
    }

    /** A heavy operation's turn, admitted or refused. */
    public final class Turn implements AutoCloseable {

        private final boolean admitted;

        private final AtomicBoolean closed = new AtomicBoolean();

        private Turn(boolean admitted) {
            this.admitted = admitted;
        }

        /** Whether the operation got its turn; if not, its requests for connections are refused as busy. */
        public boolean admitted() {
            return admitted;
        }

        /** Gives the turn back (or ends the refusal); from any thread, any number of times. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                if (admitted) {
                    turns.release();
                } else if (REFUSED.get() == this) {
                    REFUSED.remove();
                }
            }
        }
    }
}
