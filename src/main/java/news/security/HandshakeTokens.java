package news.security;

import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * A bearer token in the {@code Authorization} header of the WebSocket upgrade request: the connection keeps it the way
 * it keeps a token of {@code connection_init} (see {@link WebSocketTokens}), so that every operation checks its expiry.
 * The request's security context is cleared before Spring captures the request's context for the connection, so the
 * editor's rights never travel with the connection unchecked.
 */
@Component
class HandshakeTokens implements HandshakeInterceptor {

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (request instanceof ServletServerHttpRequest servlet
                && servlet.getServletRequest().getAttribute(LenientBearerTokenFilter.FAILURE)
                        instanceof String failure) {
            attributes.put(LenientBearerTokenFilter.FAILURE, failure);
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken) {
            attributes.put(WebSocketTokens.AUTHENTICATION, authentication);
        }
        SecurityContextHolder.clearContext();
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception failure) {}
}
