package news.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What this service demands of every token, whoever verified its signature: a bounded size, an expiry, and a lifetime
 * no longer than configured, so that a leaked token stops working within a known time. The signature and the expiry
 * itself are checked by the decoder.
 */
record TokenRules(long maxBytes, Duration maxLifetime, Clock clock) {

    /**
     * How long past its {@code exp} a token is still accepted, for clocks that differ between the issuer and this
     * service: Spring's default for the decoder of HTTP requests, and the same for long-lived connections.
     */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    static TokenRules of(NewsSecurityProperties properties) {
        return new TokenRules(properties.maxTokenSize().toBytes(), properties.maxTokenLifetime(), Clock.systemUTC());
    }

    /** Why a token is refused before it is parsed, or null. Tokens are ASCII, so characters are bytes. */
    String beforeParsing(String token) {
        return token.length() > maxBytes ? "the token is longer than " + maxBytes + " bytes" : null;
    }

    /** Why a verified token is still refused, or null. */
    String afterVerifying(Jwt jwt) {
        Instant expires = jwt.getExpiresAt();
        if (expires == null) {
            return "the token has no expiry (exp)";
        }
        // From the earlier of iat and now: a token without iat counts from now (Spring fills a missing iat with
        // exp - 1s, which this rule also reads as now), and an iat in the future does not shorten the count.
        Instant now = clock.instant();
        Instant issued = jwt.getIssuedAt();
        Instant from = issued != null && issued.isBefore(now) ? issued : now;
        if (Duration.between(from, expires).compareTo(maxLifetime) > 0) {
            return "the token's lifetime is longer than "
                    + maxLifetime.toString().substring(2).toLowerCase();
        }
        return null;
    }
}
