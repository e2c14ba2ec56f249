package news.graphql;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * Gives every error of an answer {@code extensions.code}, the field Apollo and most clients read, with the same value
 * as Spring's {@code extensions.classification}. Runs outermost, so errors added by other interceptors get it too;
 * an answer without errors passes untouched. An answer with retryable errors (BUSY, UNAVAILABLE) gets the HTTP header
 * {@code Retry-After} with the longest {@code extensions.retryAfterSeconds} among them, on POST and GET alike (over
 * WebSocket the extensions alone say it). The status stays 200: the answer is a GraphQL response whose other fields
 * may hold data, as for every field error.
 */
final class ErrorCodes implements WebGraphQlInterceptor {

    static final String CODE = "code";

    static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> {
            List<GraphQLError> errors = response.getExecutionResult().getErrors();
            if (errors.isEmpty()) {
                return response;
            }
            retryAfter(errors, response);
            if (errors.stream().allMatch(ErrorCodes::hasCode)) {
                return response;
            }
            List<GraphQLError> coded = new ArrayList<>(errors.size());
            for (GraphQLError error : errors) {
                coded.add(hasCode(error) ? error : withCode(error));
            }
            return response.transform(builder -> builder.errors(coded));
        });
    }

    private static void retryAfter(List<GraphQLError> errors, WebGraphQlResponse response) {
        int seconds = -1;
        for (GraphQLError error : errors) {
            Map<String, Object> extensions = error.getExtensions();
            if (extensions != null && extensions.get(RETRY_AFTER_SECONDS) instanceof Integer wait) {
                seconds = Math.max(seconds, wait);
            }
        }
        if (seconds >= 0) {
            response.getResponseHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(seconds));
        }
    }

    private static boolean hasCode(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions();
        return extensions != null && extensions.containsKey(CODE);
    }

    static GraphQLError withCode(GraphQLError error) {
        ErrorClassification type = error.getErrorType();
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (error.getExtensions() != null) {
            extensions.putAll(error.getExtensions());
        }
        Object classification = extensions.get("classification");
        if (classification == null && type != null) {
            classification = type.toSpecification(error);
        }
        extensions.put(CODE, classification == null ? "INTERNAL_ERROR" : classification.toString());
        GraphQLError.Builder<?> builder =
                GraphQLError.newError().message(error.getMessage()).extensions(extensions);
        if (type != null) {
            builder.errorType(type);
        }
        if (error.getLocations() != null) {
            builder.locations(error.getLocations());
        }
        if (error.getPath() != null) {
            builder.path(error.getPath());
        }
        return builder.build();
    }
}
