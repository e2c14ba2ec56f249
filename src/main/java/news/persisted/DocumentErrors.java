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
    PERSISTED_QUERY_HASH_MISMATCH("extensions.persistedQuery.sha256Hash is not the SHA-256 of the query text.");

    private final String message;

    DocumentErrors(String message) {
        this.message = message;
    }

    PreparsedDocumentEntry entry() {
        GraphQLError error = GraphQLError.newError()
                .errorType(this)
                .message(message)
                .extensions(Map.of("code", name()))
                .build();
        return new PreparsedDocumentEntry(error);
    }
}
