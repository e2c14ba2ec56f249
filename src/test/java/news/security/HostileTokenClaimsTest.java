package news.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;

/**
 * Tokens correctly signed by the issuer that still must not name an editor: a claim with a NUL or another control
 * character (the subject is recorded as the author; a NUL made every mutation fail with INTERNAL_ERROR), a role that
 * only folds to a known one outside ASCII ({@code "edıtor"} with a dotless ı), a roles claim that is a plain string.
 */
@IntegrationTest
class HostileTokenClaimsTest extends HttpTestBase {

    static final String EDITORS_QUERY = "{ drafts(first: 1) { totalCount } }";

    static final String MUTATION = "mutation { createSection(input: {name: \"Rubrik Uji Klaim\"}) { __typename } }";

    @Autowired
    DSLContext dsl;

    @Test
    void tokenWithNulOrControlCharactersInAnyClaim_isRefusedAsInvalid_andChangesNothing() {
        int sections = dsl.fetchCount(DSL.table("section"));
        List<JwtClaimsSet.Builder> hostile = List.of(
                claims("ani\u0000admin", List.of("ADMIN")),
                claims("ani\nadmin", List.of("ADMIN")),
                claims("ani\u001b[31m", List.of("ADMIN")),
                claims("ani", List.of("ADMIN\u0000")),
                claims("ani", List.of("ADMIN")).claim("name", "Ani\u0000"),
                claims("ani", List.of("ADMIN")).claim("profile", java.util.Map.of("nick", "a\u0007")));
        List<String> tokens = new java.util.ArrayList<>(hostile.stream()
                .map(c -> Tokens.signed(c.build(), Tokens.SECRET))
                .toList());
        // A lone surrogate cannot be written by a JSON encoder; a hand-made payload carries it as an escape.
        long exp = Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond();
        tokens.add(handMade("{\"sub\":\"ani\\ud800\",\"exp\":" + exp + ",\"roles\":[\"ADMIN\"]}"));
        tokens.add(handMade("{\"sub\":\"ani\",\"exp\":" + exp + ",\"roles\":[\"ADMIN\\udc00\"]}"));
        for (String token : tokens) {
            expect(token, MUTATION, ErrorType.UNAUTHORIZED, "control character");
            expect(token, EDITORS_QUERY, ErrorType.UNAUTHORIZED, "control character");
        }
        assertThat(dsl.fetchCount(DSL.table("section"))).isEqualTo(sections);
    }

    @Test
    void rolesThatOnlyFoldToEditorOrAdmin_grantNothing_andAPlainStringRolesClaimIsRefused() {
        for (String lookalike : List.of("edıtor", "EDİTOR", "admın", " EDITOR", "EDITOR ", "EDITOR,ADMIN")) {
            String token = Tokens.signed(claims("ani", List.of(lookalike)).build(), Tokens.SECRET);
            expect(token, EDITORS_QUERY, ErrorType.FORBIDDEN, "role");
        }
        for (Object notAnArray : List.<Object>of("admin", "EDITOR", 1, java.util.Map.of("role", "ADMIN"))) {
            String token = Tokens.signed(
                    JwtClaimsSet.builder()
                            .subject("ani")
                            .issuedAt(Instant.now())
                            .expiresAt(Instant.now().plus(Duration.ofMinutes(5)))
                            .claim("roles", notAnArray)
                            .build(),
                    Tokens.SECRET);
            expect(token, EDITORS_QUERY, ErrorType.UNAUTHORIZED, "array of strings");
        }
        // Exact names, in any ASCII case, still work.
        for (String role : List.of("EDITOR", "editor", "Admin")) {
            graphQlClient()
                    .mutate()
                    .headers(Tokens.bearer(
                            Tokens.signed(claims("ani", List.of(role)).build(), Tokens.SECRET)))
                    .build()
                    .document(EDITORS_QUERY)
                    .execute()
                    .errors()
                    .verify()
                    .path("drafts.totalCount")
                    .hasValue();
        }
    }

    /** An HS256 token of exactly this payload, signed with the test secret. */
    private static String handMade(String payload) {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String signingInput = base64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(Tokens.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "."
                    + base64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static JwtClaimsSet.Builder claims(String subject, List<String> roles) {
        Instant now = Instant.now();
        return JwtClaimsSet.builder()
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(5)))
                .claim("roles", roles);
    }

    private void expect(String token, String document, ErrorType type, String reason) {
        graphQlClient()
                .mutate()
                .headers(Tokens.bearer(token))
                .build()
                .document(document)
                .execute()
                .errors()
                .satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.get(0).getErrorType()).as(document).isEqualTo(type);
                    assertThat(errors.get(0).getMessage()).as(document).containsIgnoringCase(reason);
                    assertThat(errors.get(0).getExtensions()).containsEntry("code", type.name());
                });
    }
}
