package news.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API and from where.
 *
 * @param jwtSecret HMAC secret (HS256, at least 32 bytes) that editors' bearer tokens are signed with. When empty,
 *        tokens are verified with the issuer's public keys configured under
 *        {@code spring.security.oauth2.resourceserver.jwt.*}; when that is empty too and the embedded PostgreSQL
 *        runs, a random development secret is generated at start-up
 * @param devTokenTtl lifetime of tokens minted by the development endpoint {@code POST /dev/token}
 * @param cors cross-origin access for web clients
 */
@ConfigurationProperties("news.security")
public record NewsSecurityProperties(String jwtSecret, @DefaultValue("8h") Duration devTokenTtl,
        @DefaultValue Cors cors) {

    /**
     * CORS for browser clients on other origins.
     *
     * @param allowedOrigins origins (or patterns such as {@code https://*.example.id}) allowed to call the API; empty
     *        means same-origin only
     * @param allowedMethods HTTP methods allowed cross-origin
     * @param allowedHeaders request headers allowed cross-origin
     * @param maxAge how long browsers may cache a preflight answer
     */
    public record Cors(@DefaultValue List<String> allowedOrigins,
            @DefaultValue({ "GET", "POST", "OPTIONS" }) List<String> allowedMethods,
            @DefaultValue({ "Authorization", "Content-Type" }) List<String> allowedHeaders,
            @DefaultValue("1h") Duration maxAge) {
    }
}
