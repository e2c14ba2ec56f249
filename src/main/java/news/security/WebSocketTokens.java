package news.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Editors' tokens over GraphQL over WebSocket. Browsers cannot set headers on a WebSocket, so the token comes in the
 * {@code connection_init} payload as {@code {"Authorization": "Bearer ..."}} and holds for the whole connection. As
 * over HTTP it is lenient: a missing or refused token leaves the connection anonymous (public subscriptions work), and
 * the editors' subscriptions answer UNAUTHORIZED with the reason. Every operation of the connection runs with the
 * editor's security context, which method security ({@code @PreAuthorize}) reads as for an HTTP request.
 */
@Component
class WebSocketTokens implements WebSocketGraphQlInterceptor {

    private static final String AUTHENTICATION = WebSocketTokens.class.getName() + ".authentication";

    /** The key under which Spring Security's context travels in the Reactor context to the resolvers. */
    private static final String SECURITY_CONTEXT = SecurityContext.class.getName();

    private final BearerTokenCheck check;

    WebSocketTokens(TokenVerification verification, NewsSecurityProperties properties) {
        this.check = new BearerTokenCheck(verification, TokenRules.of(properties));
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        Object header = payload.get("Authorization");
        if (header == null) {
            header = payload.get("authorization");
        }
        if (header == null) {
            return Mono.empty();
        }
        String value = header.toString();
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7) || value.length() == 7) {
            session.getAttributes()
                    .put(LenientBearerTokenFilter.FAILURE, "the Authorization value is not a bearer token");
            return Mono.empty();
        }
        BearerTokenCheck.Outcome outcome = check.check(value.substring(7).trim());
        if (outcome.failure() != null) {
            session.getAttributes().put(LenientBearerTokenFilter.FAILURE, outcome.failure());
        } else {
            session.getAttributes().put(AUTHENTICATION, outcome.authentication());
        }
        return Mono.empty();
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest socket)) {
            return chain.next(request);
        }
        Map<String, Object> attributes = socket.getSessionInfo().getAttributes();
        Object failure = attributes.get(LenientBearerTokenFilter.FAILURE);
        if (failure != null) {
            request.configureExecutionInput(
                    (input, builder) -> builder.graphQLContext(Map.of(LenientBearerTokenFilter.FAILURE, failure))
                            .build());
        }
        if (!(attributes.get(AUTHENTICATION) instanceof Authentication authentication)) {
            return chain.next(request);
        }
        // A token expires during a long connection: from then on the connection is anonymous, as an HTTP request
        // with that token would be.
        if (expired(authentication)) {
            attributes.remove(AUTHENTICATION);
            attributes.put(LenientBearerTokenFilter.FAILURE, "the token has expired");
            return intercept(request, chain);
        }
        return chain.next(request)
                .map(response -> endingAtExpiry(response, authentication))
                .contextWrite(Context.of(SECURITY_CONTEXT, new SecurityContextImpl(authentication)));
    }

    /**
     * A subscription started with a token ends when the token expires: the client is told {@code complete}, and
     * subscribing again on that connection answers UNAUTHORIZED, so a long-lived connection never outlives its token.
     */
    private static WebGraphQlResponse endingAtExpiry(WebGraphQlResponse response, Authentication authentication) {
        if (!(response.getData() instanceof Publisher<?> events)
                || !(authentication instanceof JwtAuthenticationToken jwt)
                || jwt.getToken().getExpiresAt() == null) {
            return response;
        }
        Duration left = Duration.between(Instant.now(), jwt.getToken().getExpiresAt());
        Flux<?> bounded = Flux.from(events).take(left.isNegative() ? Duration.ZERO : left);
        return response.transform(builder -> builder.data(bounded));
    }

    private static boolean expired(Authentication authentication) {
        return authentication
                        instanceof
                        org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken jwt
                && jwt.getToken().getExpiresAt() != null
                && !jwt.getToken().getExpiresAt().isAfter(java.time.Instant.now());
    }
}
