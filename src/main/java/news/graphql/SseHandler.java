package news.graphql;

import graphql.ExecutionResult;
import jakarta.servlet.ServletException;
import java.time.Duration;
import org.reactivestreams.Publisher;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlSseHandler;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Spring's handler of GraphQL over Server-Sent Events, marking its requests so {@link Transports} knows them, and
 * answering every operation the protocol allows. Spring's own handler streams the events of a subscription only: any
 * other answer (an operation refused by parsing, validation, a limit or an admission before it ran, or a query or
 * mutation) it replaced with one error, "SSE handler supports only subscriptions", classified
 * {@code OperationNotSupported} and without {@code extensions.code}, which hid the real problem and discarded a
 * mutation's result after it had run. Here such an answer is sent as it is, in one {@code next} event followed by
 * {@code complete} (the protocol's single-result stream): the same data and errors, with the same
 * {@code extensions.code} ({@link ErrorCodes}), as over a plain POST. A failure of the request's handling itself is
 * told as the error that ends a subscription is: INTERNAL_ERROR with its code, logged, never with its details.
 */
final class SseHandler extends GraphQlSseHandler {

    SseHandler(WebGraphQlHandler handler, Duration timeout, Duration keepAlive) {
        super(handler, timeout, keepAlive);
    }

    @Override
    public ServerResponse handleRequest(ServerRequest request) throws ServletException {
        request.attributes().put(Transports.SSE, Boolean.TRUE);
        return super.handleRequest(request);
    }

    @Override
    protected ServerResponse prepareResponse(ServerRequest request, Mono<WebGraphQlResponse> responseMono) {
        return super.prepareResponse(
                request, responseMono.map(SseHandler::asEvents).onErrorMap(ErrorCodes::ending));
    }

    /** A subscription's events as they are; any other answer as a stream of that one result. */
    static WebGraphQlResponse asEvents(WebGraphQlResponse response) {
        if (response.getData() instanceof Publisher<?>) {
            return response;
        }
        ExecutionResult single = response.getExecutionResult();
        return response.transform(builder -> builder.data(Mono.just(single)));
    }
}
