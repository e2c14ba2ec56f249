package news.security;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import news.graphql.ClassifiedError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Classifies refusals: no valid token is UNAUTHORIZED, a valid token without the role is FORBIDDEN. Ordered first so
 * that the catch-all handler for unexpected errors never sees them. The messages are the same whatever was asked for,
 * so a refusal never tells whether a draft exists.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityErrors {

    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    @GraphQlExceptionHandler
    GraphQLError accessDenied(AccessDeniedException ex, DataFetchingEnvironment env) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if ((authentication == null || trust.isAnonymous(authentication))
                && env.getGraphQlContext().get(SecurityContext.class.getName()) instanceof SecurityContext propagated) {
            // Over WebSocket the editor's context travels in the GraphQL context (see WebSocketTokens).
            authentication = propagated.getAuthentication();
        }
        if (authentication == null || trust.isAnonymous(authentication)) {
            return unauthorized(env);
        }
        return error(env, ErrorType.FORBIDDEN, "Your role does not allow this operation.");
    }

    @GraphQlExceptionHandler
    GraphQLError unauthenticated(AuthenticationException ex, DataFetchingEnvironment env) {
        return unauthorized(env);
    }

    private static GraphQLError unauthorized(DataFetchingEnvironment env) {
        Object failure = env.getGraphQlContext().get(LenientBearerTokenFilter.FAILURE);
        String message = "This operation needs an editor's bearer token";
        message += failure == null ? "." : "; " + failure + ".";
        return error(env, ErrorType.UNAUTHORIZED, message);
    }

    private static GraphQLError error(DataFetchingEnvironment env, ErrorType type, String message) {
        return ClassifiedError.of(env, type, message, Map.of());
    }
}
