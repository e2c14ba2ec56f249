package news.graphql;

import jakarta.servlet.ServletException;
import java.time.Duration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlSseHandler;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/** Spring's handler of subscriptions over Server-Sent Events, marking its requests so {@link Transports} knows them. */
final class SseHandler extends GraphQlSseHandler {

    SseHandler(WebGraphQlHandler handler, Duration timeout, Duration keepAlive) {
        super(handler, timeout, keepAlive);
    }

    @Override
    public ServerResponse handleRequest(ServerRequest request) throws ServletException {
        request.attributes().put(Transports.SSE, Boolean.TRUE);
        return super.handleRequest(request);
    }
}
