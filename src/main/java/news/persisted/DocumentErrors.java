package news.persisted;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import java.util.Map;

/**
 * The refusals of this package, classified with the codes Apollo clients act on: {@code PERSISTED_QUERY_NOT_FOUND}
 * makes them send the text with the hash, {@code PERSISTED_QUERY_NOT_IN_LIST} tells them not to.
 */
enum DocumentErrors implements ErrorClassification {
    PERSISTED_QUERY_NOT_FOUND("PersistedQueryNotFound"),
    PERSISTED_QUERY_NOT_IN_LIST("This operation is not in the trusted documents of this service."),
    PERSISTED_QUERY_HASH_MISMATCH("extensions.persistedQuery.sha256Hash is not the SHA-256 of the query text."),
    PERSISTED_QUERY_TOO_LARGE("The query text is too long to be registered as a persisted query.");

    private final String message;

    DocumentErrors(String message) {
        this.message = message;
    }

    PreparsedDocumentEntry entry() {
        return entry(message, Map.of("code", name()));
    }

    /** A text over {@code maxLength} characters sent to be registered: the limit is in the message and extensions. */
    static PreparsedDocumentEntry tooLarge(int maxLength) {
        return PERSISTED_QUERY_TOO_LARGE.entry(
                "The query text is longer than " + maxLength
                        + " characters, the most a persisted query may have; send it without"
                        + " extensions.persistedQuery.",
                Map.of("code", PERSISTED_QUERY_TOO_LARGE.name(), "maxLength", maxLength));
    }

    private PreparsedDocumentEntry entry(String text, Map<String, Object> extensions) {
        GraphQLError error = GraphQLError.newError()
                .errorType(this)
                .message(text)
                .extensions(extensions)
                .build();
        return new PreparsedDocumentEntry(error);
    }
}
