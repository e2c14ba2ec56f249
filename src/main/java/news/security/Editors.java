package news.security;

import java.util.Map;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The editor behind the current request, as named by the token's subject, and whether a live connection has one. */
public final class Editors {

    private Editors() {}

    /**
     * Whether a live connection (GraphQL over WebSocket) carries no editor's token at all, neither a valid one, nor an
     * expired or refused one: its operations then run with a reader's rights, and their answers depend only on what
     * they ask. Checked at each operation, after {@link WebSocketTokens} has looked at the token's expiry.
     */
    public static boolean noneOn(WebSocketSessionInfo connection) {
        Map<String, Object> attributes = connection.getAttributes();
        return !attributes.containsKey(WebSocketTokens.AUTHENTICATION)
                && !attributes.containsKey(LenientBearerTokenFilter.FAILURE);
    }

    /** The subject ({@code sub}) of the current editor's token; fails when the request carries no valid token. */
    public static String current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            return jwt.getName();
        }
        throw new org.springframework.security.authentication.AuthenticationCredentialsNotFoundException(
                "No editor is signed in.");
    }
}
