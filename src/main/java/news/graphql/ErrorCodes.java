package news.graphql;

import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Gives every error of an answer {@code extensions.code}, the field Apollo and most clients read, with the same value
 * as Spring's {@code extensions.classification}, on every transport: the answers over HTTP, and the events and the
 * ending error of subscriptions over WebSocket and Server-Sent Events. Runs outermost, so errors added by other
 * interceptors get it too; an answer without errors passes untouched. An answer with retryable errors (BUSY,
 * UNAVAILABLE) gets the HTTP header {@code Retry-After} with the longest {@code extensions.retryAfterSeconds} among
 * them, on POST and GET alike (over WebSocket the extensions alone say it). The status stays 200: the answer is a
 * GraphQL response whose other fields may hold data, as for every field error.
 */
final class ErrorCodes implements WebGraphQlInterceptor {

    static final String CODE = "code";

    static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private static final Logger log = LoggerFactory.getLogger(ErrorCodes.class);

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> {
            if (response.getData() instanceof Publisher<?> events) {
                // A subscription (WebSocket, Server-Sent Events): each event's errors, and the error that ends it.
                response = response.transform(builder -> builder.data(events(events)));
            }
            List<GraphQLError> errors = response.getExecutionResult().getErrors();
            if (errors.isEmpty()) {
                return response;
            }
            retryAfter(errors, response);
            if (errors.stream().allMatch(ErrorCodes::hasCode)) {
                return response;
            }
            List<GraphQLError> coded = coded(errors);
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

    @SuppressWarnings("unchecked")
    private static Flux<ExecutionResult> events(Publisher<?> events) {
        return Flux.from((Publisher<ExecutionResult>) events)
                .map(event -> {
                    List<GraphQLError> errors = event.getErrors();
                    if (errors.isEmpty() || errors.stream().allMatch(ErrorCodes::hasCode)) {
                        return event;
                    }
                    List<GraphQLError> coded = coded(errors);
                    return event.transform(builder -> builder.errors(coded));
                })
                .onErrorMap(ErrorCodes::ending);
    }

    /**
     * The error that ends a subscription, as the transports send it: its errors with codes; an unexpected failure is
     * logged and told as INTERNAL_ERROR, never with its details.
     */
    static Throwable ending(Throwable ex) {
        if (ex instanceof SubscriptionPublisherException resolved) {
            return new SubscriptionPublisherException(coded(resolved.getErrors()), resolved.getCause());
        }
        log.error("A subscription failed", ex);
        GraphQLError error = GraphQLError.newError()
                .errorType(ErrorType.INTERNAL_ERROR)
                .message("The subscription failed on the server.")
                .extensions(Map.of(CODE, ErrorType.INTERNAL_ERROR.name()))
                .build();
        return new SubscriptionPublisherException(List.of(error), ex);
    }

    private static List<GraphQLError> coded(List<GraphQLError> errors) {
        List<GraphQLError> coded = new ArrayList<>(errors.size());
        for (GraphQLError error : errors) {
            coded.add(hasCode(error) ? error : withCode(error));
        }
        return coded;
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
