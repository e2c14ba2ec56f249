package news.database;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises a failure that means "PostgreSQL cannot be reached right now" (stopped, restarting, unreachable, refusing
 * the login, or the pool waited its connection timeout while its attempts to connect failed), as opposed to a failure
 * of the statement itself. Such a failure is worth retrying a moment later, so clients are told so instead of getting
 * an internal error. A pool that had no connection free because all were in use is overload, not this: see
 * {@link DatabaseBusy}.
 */
public final class DatabaseUnavailable {

    /** What clients are told; no SQL, host or driver text. */
    public static final String MESSAGE = "The database is unavailable at the moment; try again shortly.";

    /** Seconds a client is asked to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 1;

    private DatabaseUnavailable() {}

    /** Whether {@code failure}, or anything that caused it, says the database cannot be reached. */
    public static boolean isCause(Throwable failure) {
        if (DatabaseBusy.isCause(failure)) {
            return false;
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof ConnectException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException) {
                return true;
            }
            if (t instanceof SQLException sql && unavailableState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code failure} is an attempt to connect to PostgreSQL that failed: refused, unreachable, reset, timed
     * out, the server starting or shutting down, or the login refused. A pool's "request timed out" is not one by
     * itself; its cause (the pool's last failed attempt, if any) may be.
     */
    static boolean isConnectionFailure(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof SocketException || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && (unavailableState(sql.getSQLState())
                            || sql.getSQLState() != null && sql.getSQLState().startsWith("28"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Class 08 is "connection exception"; 57P01 to 57P03 are the server shutting down (admin or crash) or not yet
     * accepting connections.
     */
    private static boolean unavailableState(String state) {
        return state != null
                && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }
}
