package news.search;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A search statement ran past {@code news.search.statement-timeout} and PostgreSQL cancelled it. Answered for the
 * {@code search} field only, as SEARCH_TIMEOUT and retryable (see {@link SearchController}); the cause is kept for the
 * log line, never shown to clients.
 */
class SearchTimeout extends RuntimeException {

    static final String MESSAGE = "Search took too long; try again shortly, or with more specific words.";

    /** PostgreSQL's query_canceled: the only cancellation of a search statement is its statement timeout. */
    private static final String QUERY_CANCELED = "57014";

    SearchTimeout(Throwable cause) {
        super(MESSAGE, cause, false, false);
    }

    /** Whether {@code failure}, or anything that caused it, is PostgreSQL cancelling the statement. */
    static boolean isCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
