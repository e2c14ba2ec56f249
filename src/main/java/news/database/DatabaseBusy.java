package news.database;

import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Recognises a failure that means "PostgreSQL is up, but this instance has no connection free for the request right
 * now": the pool waited its connection timeout while every connection was in use, or a heavy read did not get its
 * turn (see {@link HeavyReads}). It is overload, not an outage: it never makes the service fail fast as if the
 * database were down, and clients are told to retry shortly ({@code BUSY}) rather than that the database is
 * unavailable.
 */
public final class DatabaseBusy {

    /** What clients are told; no pool or driver text. */
    public static final String MESSAGE = "The service is busy at the moment; try again shortly.";

    /** Seconds a client is asked to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 1;

    private DatabaseBusy() {}

    /** Whether {@code failure}, or anything that caused it, says no connection was free. */
    public static boolean isCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof NoConnectionFree) {
                return true;
            }
        }
        return false;
    }

    /**
     * No connection for this request at the moment, while PostgreSQL is reachable. SQL state 53000 (insufficient
     * resources); without a stack trace, as it is expected under load.
     */
    static final class NoConnectionFree extends SQLTransientException {

        NoConnectionFree(String message) {
            super(message, "53000");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
