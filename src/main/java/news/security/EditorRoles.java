package news.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Maps a token's {@code roles} claim to authorities: {@code EDITOR} may write articles and read analytics,
 * {@code ADMIN} may do all that and also manage reporters and sections. The claim must be a JSON array of strings
 * (a token whose claim is anything else, a plain string included, is refused as invalid: see {@link #problem}); a
 * role is matched exactly, ignoring the case of ASCII letters only, so {@code "editor"} is EDITOR but
 * {@code "edıtor"} (dotless ı), {@code " EDITOR"} or {@code "EDITOR,ADMIN"} is no role at all. Unknown roles are
 * ignored.
 */
final class EditorRoles {

    static final String CLAIM = "roles";

    private EditorRoles() {}

    static Collection<GrantedAuthority> authorities(Jwt jwt) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        if (jwt.getClaims().get(CLAIM) instanceof Collection<?> roles) {
            for (Object role : roles) {
                if (is(role, "ADMIN")) {
                    authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
                    authorities.add(new SimpleGrantedAuthority("ROLE_EDITOR"));
                } else if (is(role, "EDITOR")) {
                    authorities.add(new SimpleGrantedAuthority("ROLE_EDITOR"));
                }
            }
        }
        return List.copyOf(authorities);
    }

    /** Why the token's roles claim is refused (not an array of strings), or null; no claim at all is no role. */
    static String problem(Jwt jwt) {
        Object claim = jwt.getClaims().get(CLAIM);
        if (claim == null) {
            return null;
        }
        if (!(claim instanceof Collection<?> roles) || !roles.stream().allMatch(String.class::isInstance)) {
            return "the token's roles claim must be an array of strings";
        }
        return null;
    }

    /** {@code role} is the ASCII name {@code name}, in any case of its ASCII letters and nothing else. */
    static boolean is(Object role, String name) {
        return role instanceof String text
                && text.length() == name.length()
                && text.chars().allMatch(c -> c < 0x80)
                && text.toUpperCase(Locale.ROOT).equals(name);
    }
}
