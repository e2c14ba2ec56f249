package news.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;

/**
 * Tokens signed with the right secret are still refused when they break the service's rules: no expiry, a lifetime
 * over {@code news.security.max-token-lifetime} (24 hours), or more than {@code news.security.max-token-size} (8 KB).
 * A refused token never breaks a public query.
 */
@IntegrationTest
class TokenRulesTest extends HttpTestBase {

    static final String EDITORS_QUERY = "{ drafts(first: 1) { totalCount } }";

    @Test
    void tokenWithoutExpiry_isRefused() {
        Instant now = Instant.now();
        String forever =
                sign(JwtClaimsSet.builder().subject("ani").issuedAt(now).claim("roles", List.of("ADMIN")));
        expectRefused(forever, "no expiry");
        String foreverWithoutIssuedAt =
                sign(JwtClaimsSet.builder().subject("ani").claim("roles", List.of("ADMIN")));
        expectRefused(foreverWithoutIssuedAt, "no expiry");
    }

    @Test
    void tokenLivingLongerThanTheLimit_isRefused() {
        Instant now = Instant.now();
        // exp - iat over 24 h, although it expires soon.
        expectRefused(
                sign(JwtClaimsSet.builder()
                        .subject("ani")
                        .issuedAt(now.minus(Duration.ofHours(30)))
                        .expiresAt(now.plus(Duration.ofMinutes(5)))
                        .claim("roles", List.of("EDITOR"))),
                "lifetime");
        // No iat: exp - now over 24 h.
        expectRefused(
                sign(JwtClaimsSet.builder()
                        .subject("ani")
                        .expiresAt(now.plus(Duration.ofDays(365)))
                        .claim("roles", List.of("EDITOR"))),
                "lifetime");
        expectRefused(
                sign(JwtClaimsSet.builder()
                        .subject("ani")
                        .issuedAt(now)
                        .expiresAt(now.plus(Duration.ofHours(25)))
                        .claim("roles", List.of("EDITOR"))),
                "lifetime");
    }

    @Test
    void tokenWithinTheLimit_isAccepted() {
        Instant now = Instant.now();
        expectAccepted(sign(JwtClaimsSet.builder()
                .subject("ani")
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofHours(24)))
                .claim("roles", List.of("EDITOR"))));
        expectAccepted(sign(JwtClaimsSet.builder()
                .subject("ani")
                .expiresAt(now.plus(Duration.ofHours(23)))
                .claim("roles", List.of("EDITOR"))));
    }

    @Test
    void oversizedTokens_areIgnoredByPublicQueries_andRefusedForEditors() {
        for (int size : new int[] {10 * 1024, 60 * 1024}) {
            String token = padded(size);
            assertThat(token.length()).isGreaterThanOrEqualTo(size);
            http().post()
                    .uri("/graphql")
                    .headers(Tokens.bearer(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("query", "{ latest(first: 2) { edges { node { slug } } } }"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.data.latest.edges.length()")
                    .isEqualTo(2)
                    .jsonPath("$.errors")
                    .doesNotExist();
            expectRefused(token, "longer than 8192 bytes");
        }
    }

    /** A valid editor token with a claim that makes it {@code size} characters long. */
    private static String padded(int size) {
        Instant now = Instant.now();
        return sign(JwtClaimsSet.builder()
                .subject("ani")
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(5)))
                .claim("roles", List.of("EDITOR"))
                .claim("padding", "x".repeat(size * 3 / 4)));
    }

    private static String sign(JwtClaimsSet.Builder claims) {
        return Tokens.signed(claims.build(), Tokens.SECRET);
    }

    private void expectRefused(String token, String reason) {
        graphQlClient()
                .mutate()
                .headers(Tokens.bearer(token))
                .build()
                .document(EDITORS_QUERY)
                .execute()
                .errors()
                .satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.UNAUTHORIZED);
                    assertThat(errors.get(0).getMessage()).contains(reason);
                });
    }

    private void expectAccepted(String token) {
        graphQlClient()
                .mutate()
                .headers(Tokens.bearer(token))
                .build()
                .document(EDITORS_QUERY)
                .execute()
                .errors()
                .verify()
                .path("drafts.totalCount")
                .hasValue();
    }
}
