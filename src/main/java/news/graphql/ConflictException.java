package news.graphql;

import graphql.ErrorClassification;

/**
 * A write was based on a state that has changed since, e.g. an update with a stale version. Reported as a GraphQL
 * error classified {@link #CONFLICT}; nothing is written.
 */
public class ConflictException extends RuntimeException {

    /** The classification of conflict errors, in {@code extensions.classification}. */
    public static final ErrorClassification CONFLICT = Classification.CONFLICT;

    private final String argument;

    public ConflictException(String argument, String message) {
        super(message);
        this.argument = argument;
    }

    public String argument() {
        return argument;
    }

    private enum Classification implements ErrorClassification {
        CONFLICT
    }
}
