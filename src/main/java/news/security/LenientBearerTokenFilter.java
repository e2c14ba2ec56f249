package news.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its bearer token, but never rejects it: a missing, malformed or expired token leaves the
 * request anonymous and records why in the request attribute {@link #FAILURE}. GraphQL then answers the operations
 * that need an editor with an UNAUTHORIZED error in a normal GraphQL response, while public queries keep working.
 */
final class LenientBearerTokenFilter extends OncePerRequestFilter {

    static final String FAILURE = "news.security.tokenFailure";

    private final BearerTokenCheck check;

    private final BearerTokenResolver resolver = new DefaultBearerTokenResolver();

    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    LenientBearerTokenFilter(TokenVerification verification, TokenRules rules) {
        this.check = new BearerTokenCheck(verification, rules);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token;
        try {
            token = resolver.resolve(request);
        } catch (OAuth2AuthenticationException ex) {
            request.setAttribute(FAILURE, "the Authorization header is not a bearer token");
            chain.doFilter(request, response);
            return;
        }
        if (token != null) {
            authenticate(token, request, response);
        }
        chain.doFilter(request, response);
    }

    private void authenticate(String token, HttpServletRequest request, HttpServletResponse response) {
        BearerTokenCheck.Outcome outcome = check.check(token);
        if (outcome.failure() != null) {
            request.setAttribute(FAILURE, outcome.failure());
            return;
        }
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(outcome.authentication());
        holder.setContext(context);
        repository.saveContext(context, request, response);
    }
}
