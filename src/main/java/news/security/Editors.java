package news.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The editor behind the current request, as named by the token's subject. */
public final class Editors {

    private Editors() {}

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
