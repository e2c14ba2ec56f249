package news.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mints editor tokens for local development, signed with the HMAC secret the service verifies with. Registered only
 * with the embedded PostgreSQL (see {@link DevTokenAutoConfiguration}); answers 404 when tokens are verified with an
 * identity provider's keys, since it cannot sign those.
 */
@RestController
class DevTokenController {

    private static final List<String> KNOWN_ROLES = List.of("EDITOR", "ADMIN");

    private final TokenVerification verification;

    private final Duration ttl;

    DevTokenController(TokenVerification verification, Duration ttl) {
        this.verification = verification;
        this.ttl = ttl;
    }

    @PostMapping(path = "/dev/token", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> token(@RequestParam String sub, @RequestParam(defaultValue = "EDITOR") String roles) {
        if (verification.hmacKey() == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body("Tokens are verified with an identity provider's keys; ask it for a token.\n");
        }
        List<String> granted = Arrays.stream(roles.split("[,\\s]+")).filter(r -> !r.isBlank()).toList();
        if (sub.isBlank() || granted.isEmpty() || !KNOWN_ROLES.containsAll(granted)) {
            return ResponseEntity.badRequest().body("Give a non-empty 'sub' and 'roles' from " + KNOWN_ROLES + ".\n");
        }
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
            .subject(sub)
            .issuer("news-dev")
            .issuedAt(now)
            .expiresAt(now.plus(ttl))
            .claim(EditorRoles.CLAIM, granted)
            .build();
        String token = NimbusJwtEncoder.withSecretKey(verification.hmacKey()).build()
            .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
            .getTokenValue();
        return ResponseEntity.ok(token + "\n");
    }
}
