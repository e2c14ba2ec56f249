package news.graphql;

/**
 * The service has no room for this request at the moment (a bounded kind of work is at its limit): answered as BUSY
 * and retryable (with {@code Retry-After} over HTTP), told apart from a database that cannot be reached
 * (UNAVAILABLE), with a message saying which work is busy.
 */
public class BusyException extends RuntimeException {

    public BusyException(String message) {
        super(message, null, false, false);
    }
}
