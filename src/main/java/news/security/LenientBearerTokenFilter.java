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
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
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

    /** Longest subject the newsroom records as an author (the width of the author columns). */
    static final int MAX_SUBJECT = 200;

    private final TokenVerification verification;

    private final TokenRules rules;

    private final BearerTokenResolver resolver = new DefaultBearerTokenResolver();

    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    LenientBearerTokenFilter(TokenVerification verification, TokenRules rules) {
        this.verification = verification;
        this.rules = rules;
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
        if (verification.decoder() == null) {
            request.setAttribute(FAILURE, "this service is not configured to accept tokens");
            return;
        }
        String oversized = rules.beforeParsing(token);
        if (oversized != null) {
            request.setAttribute(FAILURE, oversized);
            return;
        }
        Jwt jwt;
        try {
            jwt = verification.decoder().decode(token);
        } catch (JwtValidationException ex) {
            // Validation messages name the failed check (e.g. expiry) without echoing the token.
            request.setAttribute(
                    FAILURE,
                    "the token is not valid ("
                            + ex.getErrors().stream()
                                    .map(e -> e.getDescription())
                                    .findFirst()
                                    .orElse("rejected") + ")");
            return;
        } catch (JwtException ex) {
            request.setAttribute(FAILURE, "the token could not be verified");
            return;
        }
        String refused = rules.afterVerifying(jwt);
        if (refused != null) {
            request.setAttribute(FAILURE, refused);
            return;
        }
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            request.setAttribute(FAILURE, "the token names no subject");
            return;
        }
        if (jwt.getSubject().length() > MAX_SUBJECT) {
            // The subject is recorded as the author of changes; it is never truncated into someone else's name.
            request.setAttribute(FAILURE, "the token's subject is longer than " + MAX_SUBJECT + " characters");
            return;
        }
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(new JwtAuthenticationToken(jwt, EditorRoles.authorities(jwt), jwt.getSubject()));
        holder.setContext(context);
        repository.saveContext(context, request, response);
    }
}
