package news.live;

import graphql.GraphQLError;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Follows the operations of each live connection: a query or mutation runs until its answer is ready, a subscription
 * until it ends or is cancelled; a subscription over {@code max-subscriptions-per-connection} is answered with an error
 * {@code TOO_MANY_SUBSCRIPTIONS} and never starts.
 */
final class LiveOperations implements WebGraphQlInterceptor {

    private final LiveConnections connections;

    LiveOperations(LiveConnections connections) {
        this.connections = connections;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest socket)) {
            return chain.next(request);
        }
        LiveConnections.Connection connection =
                connections.get(socket.getSessionInfo().getId());
        if (connection == null) {
            return chain.next(request);
        }
        String id = socket.getId();
        boolean[] subscription = {false};
        return chain.next(request)
                .map(response -> {
                    if (!(response.getData() instanceof Publisher<?> events)) {
                        return response;
                    }
                    int limit = connections.settings().maxSubscriptionsPerConnection();
                    if (connection.subscriptions.incrementAndGet() > limit) {
                        connection.subscriptions.decrementAndGet();
                        return refused(response, limit);
                    }
                    subscription[0] = true;
                    Flux<?> followed = Flux.from(events).doFinally(signal -> {
                        connection.subscriptions.decrementAndGet();
                        connection.running.remove(id);
                    });
                    return response.transform(builder -> builder.data(followed));
                })
                .doFinally(signal -> {
                    if (!subscription[0]) {
                        connection.running.remove(id);
                    }
                });
    }

    private static WebGraphQlResponse refused(WebGraphQlResponse response, int limit) {
        String code = LiveLimit.TOO_MANY_SUBSCRIPTIONS.name();
        GraphQLError error = GraphQLError.newError()
                .errorType(LiveLimit.TOO_MANY_SUBSCRIPTIONS)
                .message("This connection has " + limit + " subscriptions running; complete one before starting"
                        + " another.")
                .extensions(Map.of("code", code, "limit", limit))
                .build();
        return response.transform(builder -> builder.data(null).errors(List.of(error)));
    }
}
