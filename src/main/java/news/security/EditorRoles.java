package news.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Maps a token's {@code roles} claim to authorities: {@code EDITOR} may write articles and read analytics,
 * {@code ADMIN} may do all that and also manage reporters and sections. Unknown roles are ignored.
 */
final class EditorRoles {

    static final String CLAIM = "roles";

    private EditorRoles() {}

    static Collection<GrantedAuthority> authorities(Jwt jwt) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (String role : roles(jwt.getClaims().get(CLAIM))) {
            switch (role.trim().toUpperCase(java.util.Locale.ROOT)) {
                case "ADMIN" -> {
                    authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
                    authorities.add(new SimpleGrantedAuthority("ROLE_EDITOR"));
                }
                case "EDITOR" -> authorities.add(new SimpleGrantedAuthority("ROLE_EDITOR"));
                default -> {}
            }
        }
        return List.copyOf(authorities);
    }

    /** A list claim, or one string of roles separated by commas or spaces as some identity providers send it. */
    private static List<String> roles(Object claim) {
        List<String> roles = new ArrayList<>();
        if (claim instanceof Collection<?> list) {
            list.forEach(r -> roles.add(String.valueOf(r)));
        } else if (claim instanceof String text) {
            roles.addAll(List.of(text.split("[,\\s]+")));
        }
        return roles;
    }
}
