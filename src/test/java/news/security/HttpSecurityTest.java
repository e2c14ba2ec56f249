package news.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import news.GraphQlClient;
import news.IntegrationTest;
import news.Tokens;

/** The HTTP side of security: open endpoints, CORS, and the development token endpoint. */
@IntegrationTest
class HttpSecurityTest {

    @LocalServerPort
    int port;

    @Autowired
    ObjectProvider<EmbeddedPostgres> embeddedPostgres;

    WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void publicEndpoints_needNoToken_otherActuatorEndpointsDo() {
        http().get().uri("/actuator/health").exchange().expectStatus().isOk();
        http().get().uri("/actuator/info").exchange().expectStatus().isOk();
        http().get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
        http().get().uri("/actuator/metrics").headers(Tokens.editor("ani")).exchange().expectStatus().isOk();
        // A broken token never turns /graphql into an HTTP error: GraphQL answers.
        http().post().uri("/graphql").headers(Tokens.bearer("kaput")).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("query", "{ sections { slug } }"))
            .exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.data.sections[0].slug").exists();
    }

    @Test
    void cors_allowsConfiguredOriginsOnly() {
        http().options().uri("/graphql")
            .header(HttpHeaders.ORIGIN, "https://web.example.id")
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
            .exchange()
            .expectStatus().isOk()
            .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://web.example.id");
        http().options().uri("/graphql")
            .header(HttpHeaders.ORIGIN, "https://elsewhere.example.com")
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
            .exchange()
            .expectStatus().isForbidden()
            .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void devTokenEndpoint_mintsTokensThatWork_withTheEmbeddedDatabase() {
        Assumptions.assumeTrue(embeddedPostgres.getIfAvailable() != null,
                "the endpoint exists only with the embedded PostgreSQL");
        String token = http().post().uri("/dev/token?sub=dewi&roles=EDITOR").exchange()
            .expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody().strip();
        GraphQlClient.forPort(port).mutate().headers(Tokens.bearer(token)).build()
            .document("{ drafts(first: 1) { totalCount } }")
            .execute()
            .errors().verify();
        http().post().uri("/dev/token?sub=dewi&roles=ROOT").exchange().expectStatus().isBadRequest();
    }

    @Test
    void devTokenEndpoint_isNeverRegisteredWithARealDatasource() {
        new org.springframework.boot.test.context.runner.ApplicationContextRunner()
            .withConfiguration(org.springframework.boot.autoconfigure.AutoConfigurations.of(
                    news.database.EmbeddedPostgresAutoConfiguration.class, DevTokenAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example:5432/news")
            .run(context -> {
                assertThat(context).doesNotHaveBean(EmbeddedPostgres.class);
                assertThat(context).doesNotHaveBean(DevTokenController.class);
            });
    }

    @Test
    void withoutSecretIssuerOrEmbeddedDatabase_noTokenIsAccepted() {
        NewsSecurityProperties properties = new NewsSecurityProperties(null, Duration.ofHours(1),
                new NewsSecurityProperties.Cors(List.of(), List.of(), List.of(), Duration.ZERO));
        TokenVerification verification = new SecurityConfiguration().tokenVerification(properties,
                new org.springframework.beans.factory.support.StaticListableBeanFactory().getBeanProvider(
                        org.springframework.security.oauth2.jwt.JwtDecoder.class),
                new org.springframework.beans.factory.support.StaticListableBeanFactory().getBeanProvider(
                        EmbeddedPostgres.class));
        assertThat(verification.decoder()).isNull();
        assertThat(verification.hmacKey()).isNull();
    }

    @Test
    void withoutSecret_theIdentityProvidersDecoderIsUsed_andASecretWinsOverIt() {
        org.springframework.security.oauth2.jwt.JwtDecoder issuer = token -> {
            throw new org.springframework.security.oauth2.jwt.BadJwtException("issuer");
        };
        org.springframework.beans.factory.support.StaticListableBeanFactory beans =
                new org.springframework.beans.factory.support.StaticListableBeanFactory();
        beans.addBean("jwtDecoder", issuer);
        NewsSecurityProperties.Cors cors = new NewsSecurityProperties.Cors(List.of(), List.of(), List.of(),
                Duration.ZERO);
        TokenVerification fromIssuer = new SecurityConfiguration().tokenVerification(
                new NewsSecurityProperties(null, Duration.ofHours(1), cors),
                beans.getBeanProvider(org.springframework.security.oauth2.jwt.JwtDecoder.class),
                beans.getBeanProvider(EmbeddedPostgres.class));
        assertThat(fromIssuer.decoder()).isSameAs(issuer);
        assertThat(fromIssuer.hmacKey()).as("cannot mint development tokens").isNull();
        TokenVerification fromSecret = new SecurityConfiguration().tokenVerification(
                new NewsSecurityProperties(Tokens.SECRET, Duration.ofHours(1), cors),
                beans.getBeanProvider(org.springframework.security.oauth2.jwt.JwtDecoder.class),
                beans.getBeanProvider(EmbeddedPostgres.class));
        assertThat(fromSecret.decoder().decode(Tokens.token("ani", List.of("EDITOR"), Duration.ofMinutes(1),
                Tokens.SECRET)).getSubject()).isEqualTo("ani");
    }

    @Test
    void tooShortSecret_isRefusedAtStartUp() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenVerification.hmac("kurang", "test"))
            .hasMessageContaining("at least 32 bytes");
    }
}
