package news.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Decides whether a bearer token names an editor: a verified signature, the service's own rules and a usable subject.
 * The same check serves the {@code Authorization} header of HTTP requests and the {@code connection_init} payload of
 * GraphQL over WebSocket.
 */
final class BearerTokenCheck {

    /** Longest subject the newsroom records as an author (the width of the author columns). */
    static final int MAX_SUBJECT = 200;

    private final TokenVerification verification;

    private final TokenRules rules;

    BearerTokenCheck(TokenVerification verification, TokenRules rules) {
        this.verification = verification;
        this.rules = rules;
    }

    /** Either the editor's authentication or why the token was refused (never the token itself). */
    record Outcome(Authentication authentication, String failure) {

        static Outcome refused(String failure) {
            return new Outcome(null, failure);
        }
    }

    Outcome check(String token) {
        if (verification.decoder() == null) {
            return Outcome.refused("this service is not configured to accept tokens");
        }
        String oversized = rules.beforeParsing(token);
        if (oversized != null) {
            return Outcome.refused(oversized);
        }
        Jwt jwt;
        try {
            jwt = verification.decoder().decode(token);
        } catch (JwtValidationException ex) {
            // Validation messages name the failed check (e.g. expiry) without echoing the token.
            return Outcome.refused("the token is not valid ("
                    + ex.getErrors().stream()
                            .map(e -> e.getDescription())
                            .findFirst()
                            .orElse("rejected") + ")");
        } catch (JwtException ex) {
            return Outcome.refused("the token could not be verified");
        }
        String refused = rules.afterVerifying(jwt);
        if (refused != null) {
            return Outcome.refused(refused);
        }
        String claims = TokenClaims.problem(jwt.getClaims());
        if (claims == null) {
            claims = EditorRoles.problem(jwt);
        }
        if (claims != null) {
            return Outcome.refused(claims);
        }
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            return Outcome.refused("the token names no subject");
        }
        if (jwt.getSubject().length() > MAX_SUBJECT) {
            // The subject is recorded as the author of changes; it is never truncated into someone else's name.
            return Outcome.refused("the token's subject is longer than " + MAX_SUBJECT + " characters");
        }
        return new Outcome(new JwtAuthenticationToken(jwt, EditorRoles.authorities(jwt), jwt.getSubject()), null);
    }
}
