package news.security;

import graphql.GraphQLError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Editors' tokens on long-lived GraphQL connections. Over WebSocket the token comes in the {@code connection_init}
 * payload as {@code {"Authorization": "Bearer ..."}} (browsers cannot set headers on a WebSocket) or in the upgrade
 * request's {@code Authorization} header ({@link HandshakeTokens}); one in {@code connection_init} replaces one in the
 * header. As over HTTP it is lenient: a missing or refused token leaves the connection anonymous (public subscriptions
 * work), and the editors' operations answer UNAUTHORIZED with the reason. Every operation of the connection runs with
 * the editor's security context, which method security ({@code @PreAuthorize}) reads as for an HTTP request.
 * <p>
 * The token is checked at every operation, by the application clock: once it has expired (plus
 * {@link TokenRules#CLOCK_SKEW}, the allowance the decoder gives an HTTP request) the connection is anonymous, and
 * every subscription started with it, over WebSocket or Server-Sent Events, ends with an UNAUTHORIZED error.
 */
@Component
class WebSocketTokens implements WebSocketGraphQlInterceptor {

    static final String AUTHENTICATION = WebSocketTokens.class.getName() + ".authentication";

    static final String EXPIRED = "the token has expired";

    /** The key under which Spring Security's context travels in the Reactor context to the resolvers. */
    private static final String SECURITY_CONTEXT = SecurityContext.class.getName();

    /** How often a running subscription compares its token's expiry with the clock. */
    static final Duration EXPIRY_CHECK = Duration.ofMillis(500);

    private final BearerTokenCheck check;

    private final Clock clock;

    WebSocketTokens(TokenVerification verification, NewsSecurityProperties properties, Clock clock) {
        this.check = new BearerTokenCheck(verification, TokenRules.of(properties));
        this.clock = clock;
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
        Map<String, Object> attributes = session.getAttributes();
        attributes.remove(AUTHENTICATION);
        attributes.remove(LenientBearerTokenFilter.FAILURE);
        String value = header.toString();
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7) || value.length() == 7) {
            attributes.put(LenientBearerTokenFilter.FAILURE, "the Authorization value is not a bearer token");
            return Mono.empty();
        }
        BearerTokenCheck.Outcome outcome = check.check(value.substring(7).trim());
        if (outcome.failure() != null) {
            attributes.put(LenientBearerTokenFilter.FAILURE, outcome.failure());
        } else {
            attributes.put(AUTHENTICATION, outcome.authentication());
        }
        return Mono.empty();
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest socket)) {
            // Over HTTP the filter checked the token; a subscription (Server-Sent Events) still ends at its expiry.
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (deadline(authentication) == null) {
                return chain.next(request);
            }
            return chain.next(request).map(response -> endingAtExpiry(response, authentication));
        }
        Map<String, Object> attributes = socket.getSessionInfo().getAttributes();
        if (attributes.get(AUTHENTICATION) instanceof Authentication authentication && expired(authentication)) {
            // Expired during a long connection: from then on the connection is anonymous, as an HTTP request with
            // that token would be.
            attributes.remove(AUTHENTICATION);
            attributes.put(LenientBearerTokenFilter.FAILURE, EXPIRED);
        }
        Object failure = attributes.get(LenientBearerTokenFilter.FAILURE);
        if (failure != null) {
            request.configureExecutionInput(
                    (input, builder) -> builder.graphQLContext(Map.of(LenientBearerTokenFilter.FAILURE, failure))
                            .build());
        }
        if (!(attributes.get(AUTHENTICATION) instanceof Authentication authentication)) {
            return chain.next(request);
        }
        return chain.next(request)
                .map(response -> endingAtExpiry(response, authentication))
                .contextWrite(Context.of(SECURITY_CONTEXT, new SecurityContextImpl(authentication)));
    }

    /** The instant after which the token no longer holds (its expiry plus the allowance), or null. */
    static Instant deadline(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken jwt
                && jwt.getToken().getExpiresAt() != null) {
            return jwt.getToken().getExpiresAt().plus(TokenRules.CLOCK_SKEW);
        }
        return null;
    }

    private boolean expired(Authentication authentication) {
        Instant deadline = deadline(authentication);
        return deadline != null && clock.instant().isAfter(deadline);
    }

    /**
     * A subscription started with a token ends when the token expires: the client is told with an UNAUTHORIZED error,
     * and a new subscription on that connection runs anonymously, so a long-lived connection never outlives its token.
     */
    private WebGraphQlResponse endingAtExpiry(WebGraphQlResponse response, Authentication authentication) {
        Instant deadline = deadline(authentication);
        if (!(response.getData() instanceof Publisher<?> events) || deadline == null) {
            return response;
        }
        AtomicBoolean expired = new AtomicBoolean();
        Mono<Long> expiry = Flux.interval(Duration.ZERO, EXPIRY_CHECK)
                .filter(tick -> clock.instant().isAfter(deadline))
                .next()
                .doOnNext(tick -> expired.set(true));
        Flux<Object> bounded = Flux.<Object>from(events)
                .takeUntilOther(expiry)
                .concatWith(Mono.defer(() -> expired.get() ? Mono.error(expiredError()) : Mono.empty()));
        return response.transform(builder -> builder.data(bounded));
    }

    private static SubscriptionPublisherException expiredError() {
        GraphQLError error = GraphQLError.newError()
                .errorType(ErrorType.UNAUTHORIZED)
                .message("The editor's bearer token of this subscription has expired; subscribe again with a new"
                        + " token.")
                .extensions(Map.of("code", ErrorType.UNAUTHORIZED.name(), "reason", EXPIRED))
                .build();
        return new SubscriptionPublisherException(List.of(error), null);
    }
}
