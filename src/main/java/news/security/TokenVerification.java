package news.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * How bearer tokens are verified: with an HMAC secret ({@code hmacKey} set, also used to mint development tokens), or
 * with an identity provider's decoder; {@code decoder} is null when nothing is configured, and then no token is
 * accepted.
 */
record TokenVerification(JwtDecoder decoder, SecretKey hmacKey, String description) {

    static final int MIN_SECRET_BYTES = 32;

    static TokenVerification hmac(String secret, String description) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(
                    "news.security.jwt-secret must be at least " + MIN_SECRET_BYTES + " bytes long for HS256.");
        }
        SecretKey key = new SecretKeySpec(bytes, "HmacSHA256");
        JwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        return new TokenVerification(decoder, key, description);
    }

    static TokenVerification generatedDevelopmentSecret() {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        return hmac(
                Base64.getUrlEncoder().withoutPadding().encodeToString(random),
                "a development secret generated at start-up (mint tokens with POST /dev/token)");
    }

    static TokenVerification none() {
        return new TokenVerification(null, null, "nothing: no token is accepted and every editor operation is refused");
    }
}
