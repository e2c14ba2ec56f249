package news.graphql;

/**
 * The service has no room for this request at the moment (a bounded kind of work is at its limit): answered as
 * UNAVAILABLE and retryable, like a database that cannot be reached, with a message saying which work is busy.
 */
public class BusyException extends RuntimeException {

    public BusyException(String message) {
        super(message, null, false, false);
    }
}
