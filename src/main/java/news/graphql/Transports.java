package news.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import java.util.ArrayDeque;
import java.util.Deque;
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
 * plain GET or POST it is refused with BAD_REQUEST before it runs. {@code @defer} (which graphql-java declares in
 * every schema) is refused with BAD_REQUEST on every transport: no transport here delivers incremental answers, and
 * ignoring it would silently change what the client asked for.
 */
public final class Transports extends SimplePerformantInstrumentation implements WebGraphQlInterceptor {

    /** Request attribute set by the Server-Sent Events handler. */
    public static final String SSE = Transports.class.getName() + ".sse";

    /** GraphQL context key: the request came over a transport that can push events. */
    private static final String PUSHING = Transports.class.getName() + ".pushing";

    /** Whether a document uses {@code @defer}, by the parsed document (the parsed-document cache shares them). */
    private final Cache<Document, Boolean> defers =
            Caffeine.newBuilder().weakKeys().maximumSize(10_000).build();

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
        if (defers.get(execution.getDocument(), Transports::usesDefer)) {
            throw refusal(
                    "@defer is not supported: no transport of this service delivers incremental answers; ask"
                            + " without it.",
                    "defer");
        }
        return super.beginExecuteOperation(parameters, state);
    }

    @SuppressWarnings("rawtypes")
    private static boolean usesDefer(Document document) {
        Deque<Node> nodes = new ArrayDeque<>(document.getDefinitions());
        while (!nodes.isEmpty()) {
            Node node = nodes.pop();
            if (node instanceof Directive directive && directive.getName().equals("defer")) {
                return true;
            }
            for (Object child : node.getChildren()) {
                nodes.add((Node) child);
            }
        }
        return false;
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
