package news.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Mints editor tokens for local development, signed with the secret the service generated for itself. Registered
 * only in {@link DevelopmentMode} (see {@link DevTokenAutoConfiguration}), so it can never sign with a secret an
 * operator configured. It is a functional endpoint rather than an annotated controller so that component scanning
 * can never register it where the auto-configuration does not.
 */
class DevTokenController {

    private static final List<String> KNOWN_ROLES = List.of("EDITOR", "ADMIN");

    private final TokenVerification verification;

    private final Duration ttl;

    DevTokenController(TokenVerification verification, Duration ttl, Duration maxLifetime) {
        if (verification.hmacKey() == null) {
            throw new IllegalStateException("Development tokens need the generated development secret.");
        }
        this.verification = verification;
        // A minted token must pass the same lifetime rule as any other.
        this.ttl = ttl.compareTo(maxLifetime) > 0 ? maxLifetime : ttl;
    }

    /** {@code POST /dev/token?sub=...&roles=EDITOR,ADMIN}: a token as plain text. */
    ServerResponse token(ServerRequest request) {
        String sub = request.param("sub").orElse("");
        String roles = request.param("roles").orElse("EDITOR");
        List<String> granted =
                Arrays.stream(roles.split("[,\\s]+")).filter(r -> !r.isBlank()).toList();
        if (sub.isBlank() || granted.isEmpty() || !KNOWN_ROLES.containsAll(granted)) {
            return text(ServerResponse.badRequest(), "Give a non-empty 'sub' and 'roles' from " + KNOWN_ROLES + ".\n");
        }
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(sub)
                .issuer("news-dev")
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim(EditorRoles.CLAIM, granted)
                .build();
        String token = NimbusJwtEncoder.withSecretKey(verification.hmacKey())
                .build()
                .encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return text(ServerResponse.ok(), token + "\n");
    }

    private static ServerResponse text(ServerResponse.BodyBuilder response, String body) {
        return response.contentType(MediaType.TEXT_PLAIN).body(body);
    }
}
