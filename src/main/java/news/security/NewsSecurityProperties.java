package news.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Who may call the API and from where.
 *
 * @param jwtSecret HMAC secret (HS256, at least 32 bytes) that editors' bearer tokens are signed with. When empty,
 *        tokens are verified with the issuer's public keys configured under
 *        {@code spring.security.oauth2.resourceserver.jwt.*}; when that is empty too and the embedded PostgreSQL
 *        runs ({@link DevelopmentMode}), a random development secret is generated at start-up
 * @param devToken the development token endpoint {@code POST /dev/token}
 * @param maxTokenLifetime longest lifetime a token may claim: {@code exp} minus the earlier of {@code iat} and now
 *        (so {@code exp - now} without {@code iat}). Tokens without {@code exp} are refused.
 * @param maxTokenSize longest bearer token considered at all; a longer one is treated as invalid without being parsed
 * @param cors cross-origin access for web clients
 */
@ConfigurationProperties("news.security")
public record NewsSecurityProperties(
        String jwtSecret,
        @DefaultValue DevToken devToken,
        @DefaultValue("24h") Duration maxTokenLifetime,
        @DefaultValue("8KB") DataSize maxTokenSize,
        @DefaultValue Cors cors) {

    /**
     * The development token endpoint, which exists only in {@link DevelopmentMode} and answers only requests made on
     * the same machine.
     *
     * @param enabled {@code false} removes {@code POST /dev/token} even in development mode
     * @param ttl lifetime of the tokens {@code POST /dev/token} mints (at most {@code max-token-lifetime})
     */
    public record DevToken(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("8h") Duration ttl) {}

    /**
     * CORS for browser clients on other origins.
     *
     * @param allowedOrigins origins (or patterns such as {@code https://*.example.id}) allowed to call the API; empty
     *        means same-origin only
     * @param allowedMethods HTTP methods allowed cross-origin
     * @param allowedHeaders request headers allowed cross-origin
     * @param maxAge how long browsers may cache a preflight answer
     */
    public record Cors(
            @DefaultValue List<String> allowedOrigins,
            @DefaultValue({"GET", "POST", "OPTIONS"}) List<String> allowedMethods,
            @DefaultValue({"Authorization", "Content-Type"}) List<String> allowedHeaders,
            @DefaultValue("1h") Duration maxAge) {}
}
