package news;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Bearer tokens signed with the secret the test context verifies with ({@link IntegrationTest}). */
public final class Tokens {

    /** The HS256 secret of the shared test context. */
    public static final String SECRET = "test-secret-for-the-newsroom-integration-tests-0123456789";

    private Tokens() {}

    public static String token(String subject, List<String> roles, Duration validFor, String secret) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(subject)
                .issuedAt(now.minus(Duration.ofMinutes(10)))
                .expiresAt(now.plus(validFor))
                .claim("roles", roles)
                .build();
        return signed(claims, secret);
    }

    /** Any claims, signed with the given secret: for tokens that break a rule other than the signature. */
    public static String signed(JwtClaimsSet claims, String secret) {
        return NimbusJwtEncoder.withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .build()
                .encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    public static Consumer<HttpHeaders> bearer(String token) {
        return headers -> headers.setBearerAuth(token);
    }

    public static Consumer<HttpHeaders> editor(String subject) {
        return bearer(token(subject, List.of("EDITOR"), Duration.ofMinutes(10), SECRET));
    }

    public static Consumer<HttpHeaders> admin(String subject) {
        return bearer(token(subject, List.of("ADMIN"), Duration.ofMinutes(10), SECRET));
    }
}
