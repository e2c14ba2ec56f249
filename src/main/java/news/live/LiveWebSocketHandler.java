package news.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring's graphql-transport-ws handler within bounds ({@link LiveProperties}): upgrades over the connection limits
 * are answered 429, every connection sends through a {@link BoundedSession}, operations over the in-flight limit are
 * answered with an error without being executed, and malformed messages close the connection with the protocol's
 * codes (4400 invalid message, 4409 an id already running) instead of a server error (1011).
 */
final class LiveWebSocketHandler extends GraphQlWebSocketHandler {

    static final CloseStatus INVALID_MESSAGE = new CloseStatus(4400, "Invalid message");

    static final CloseStatus TRY_AGAIN_LATER = new CloseStatus(1013, "Too many live connections");

    private final LiveConnections connections;

    private final List<HandshakeInterceptor> handshakeInterceptors;

    private final JsonMapper json;

    LiveWebSocketHandler(
            WebGraphQlHandler graphQlHandler,
            HttpMessageConverter<Object> converter,
            Duration connectionInitTimeout,
            Duration keepAlive,
            CorsConfiguration cors,
            LiveConnections connections,
            List<HandshakeInterceptor> handshakeInterceptors,
            JsonMapper json) {
        super(graphQlHandler, converter, connectionInitTimeout, keepAlive, cors);
        this.connections = connections;
        this.handshakeInterceptors = handshakeInterceptors;
        this.json = json;
    }

    /**
     * Spring's handshake (origin check, then the capture of the request's context, last) with the admission check
     * and the application's interceptors (e.g. the bearer token of the upgrade request) before the capture.
     */
    @Override
    public WebSocketHttpRequestHandler initWebSocketHttpRequestHandler(HandshakeHandler handshakeHandler) {
        WebSocketHttpRequestHandler handler = super.initWebSocketHttpRequestHandler(handshakeHandler);
        List<HandshakeInterceptor> chain = new ArrayList<>(handler.getHandshakeInterceptors());
        int capture = chain.size() - 1;
        List<HandshakeInterceptor> added = new ArrayList<>();
        added.add(new Admission());
        added.addAll(handshakeInterceptors);
        chain.addAll(capture, added);
        handler.setHandshakeInterceptors(chain);
        return handler;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        LiveConnections.Connection connection = connections.open(session);
        if (connection == null) {
            close(session, TRY_AGAIN_LATER);
            return;
        }
        super.afterConnectionEstablished(connection.session);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
        LiveConnections.Connection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        Map<?, ?> parsed;
        try {
            parsed = json.readValue(message.getPayload(), Map.class);
        } catch (JacksonException ex) {
            close(connection.session, INVALID_MESSAGE);
            return;
        }
        if (parsed == null || !(parsed.get("type") instanceof String type)) {
            close(connection.session, INVALID_MESSAGE);
            return;
        }
        if (type.equals("subscribe")) {
            Object payload = parsed.get("payload");
            if (!(parsed.get("id") instanceof String id) || id.isEmpty() || !(payload instanceof Map<?, ?>)) {
                close(connection.session, INVALID_MESSAGE);
                return;
            }
            if (connection.running.contains(id)) {
                close(connection.session, new CloseStatus(4409, "Subscriber for " + id + " already exists"));
                return;
            }
            int limit = connections.settings().maxOperationsInFlight();
            if (connection.inFlight() >= limit) {
                refuse(
                        connection,
                        id,
                        LiveLimit.TOO_MANY_OPERATIONS,
                        "This connection has " + limit + " operations executing; wait for their answers before"
                                + " sending more.",
                        limit);
                return;
            }
            connection.running.add(id);
        } else if ((type.equals("complete") && !(parsed.get("id") instanceof String))
                || (parsed.containsKey("payload")
                        && parsed.get("payload") != null
                        && !(parsed.get("payload") instanceof Map<?, ?>))) {
            close(connection.session, INVALID_MESSAGE);
            return;
        }
        super.handleTextMessage(connection.session, message);
    }

    /** Answers one operation with an error (the graphql-transport-ws {@code error} message); it is not executed. */
    private void refuse(LiveConnections.Connection connection, String id, LiveLimit code, String text, int limit)
            throws IOException {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        extensions.put("classification", code.name());
        extensions.put("limit", limit);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", text);
        error.put("extensions", extensions);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", "error");
        body.put("payload", List.of(error));
        connection.session.sendMessage(new TextMessage(json.writeValueAsString(body)));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        LiveConnections.Connection connection = connections.get(session.getId());
        try {
            super.afterConnectionClosed(connection == null ? session : connection.session, status);
        } finally {
            connections.closed(session.getId());
        }
    }

    private static void close(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException ex) {
            // The connection is gone already.
        }
    }

    /** Refuses an upgrade over the connection limits with 429 and a GraphQL-shaped JSON error. */
    private final class Admission implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(
                ServerHttpRequest request,
                ServerHttpResponse response,
                WebSocketHandler handler,
                Map<String, Object> attributes)
                throws IOException {
            String refusal = connections.refusal(LiveConnections.clientKey(request.getRemoteAddress()));
            if (refusal == null) {
                return true;
            }
            response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            String code = LiveLimit.TOO_MANY_CONNECTIONS.name();
            Map<String, Object> body = Map.of(
                    "errors",
                    List.of(Map.of("message", refusal, "extensions", Map.of("code", code, "classification", code))));
            response.getBody().write(json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
            return false;
        }

        @Override
        public void afterHandshake(
                ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception failure) {}
    }
}
