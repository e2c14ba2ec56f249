package news.graphql;

import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import reactor.core.publisher.Mono;

/**
 * What each transport can carry. A subscription needs a connection that can push events, GraphQL over WebSocket
 * ({@code spring.graphql.websocket.path}) or Server-Sent Events (POST with {@code Accept: text/event-stream}): over a
 * plain GET or POST it is refused with BAD_REQUEST before it runs. Queries and mutations go over every transport (over
 * Server-Sent Events as one {@code next} event, see {@link SseHandler}). No transport here delivers incremental
 * answers, so {@code @defer} is not in the served schema ({@link ServedSchema}): validation refuses an operation using
 * it as an unknown directive, {@code ValidationError}, on every transport.
 */
public final class Transports extends SimplePerformantInstrumentation implements WebGraphQlInterceptor {

    /** Request attribute set by the Server-Sent Events handler. */
    public static final String SSE = Transports.class.getName() + ".sse";

    /** GraphQL context key: the request came over a transport that can push events. */
    private static final String PUSHING = Transports.class.getName() + ".pushing";

    /**
     * Marks the requests of the transports that push events (WebSocket, Server-Sent Events); plain HTTP requests, the
     * hot path, pass untouched.
     */
    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (request instanceof WebSocketGraphQlRequest
                || request.getAttributes().get(SSE) != null) {
            request.configureExecutionInput((input, builder) ->
                    builder.graphQLContext(Map.of(PUSHING, Boolean.TRUE)).build());
        }
        return chain.next(request);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        if (execution.getOperationDefinition().getOperation() == OperationDefinition.Operation.SUBSCRIPTION
                && !Boolean.TRUE.equals(execution.getGraphQLContext().get(PUSHING))) {
            throw refusal(
                    "Subscriptions need a connection that can push events: GraphQL over WebSocket"
                            + " (graphql-transport-ws) or Server-Sent Events (POST with Accept: text/event-stream),"
                            + " not a plain GET or POST.",
                    "subscription");
        }
        return super.beginExecuteOperation(parameters, state);
    }

    private static AbortExecutionException refusal(String message, String unsupported) {
        GraphQLError error = GraphQLError.newError()
                .errorType(Refusal.BAD_REQUEST)
                .message(message)
                .extensions(Map.of("code", Refusal.BAD_REQUEST.name(), "unsupported", unsupported))
                .build();
        return new AbortExecutionException(List.of(error));
    }

    private enum Refusal implements ErrorClassification {
        BAD_REQUEST
    }
}
