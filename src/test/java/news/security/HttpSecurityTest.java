package news.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import news.database.EmbeddedPostgresAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The HTTP side of security: open endpoints, CORS, and the development token endpoint. */
@IntegrationTest
class HttpSecurityTest extends HttpTestBase {

    @Autowired
    ApplicationContext context;

    @Test
    void publicEndpoints_needNoToken_otherActuatorEndpointsDo() {
        http().get().uri("/actuator/health").exchange().expectStatus().isOk();
        http().get().uri("/actuator/info").exchange().expectStatus().isOk();
        http().get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        http().get()
                .uri("/actuator/metrics")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(401);
        http().get()
                .uri("/actuator/metrics")
                .headers(
                        Tokens.bearer(Tokens.token("pembaca", List.of("READER"), Duration.ofMinutes(5), Tokens.SECRET)))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(403);
        http().get()
                .uri("/actuator/metrics")
                .headers(Tokens.editor("ani"))
                .exchange()
                .expectStatus()
                .isOk();
        // Endpoints that exist but are not exposed are still the operators' business.
        http().get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
        // A broken token never turns /graphql into an HTTP error: GraphQL answers.
        http().post()
                .uri("/graphql")
                .headers(Tokens.bearer("kaput"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", "{ sections { slug } }"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.sections[0].slug")
                .exists();
    }

    @Test
    void unknownPaths_areNotFoundForAnyone() {
        for (String path : List.of("/nothing-here", "/admin", "/graphql/extra", "/dev/tokens")) {
            http().get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(404)
                    .jsonPath("$.path")
                    .isEqualTo(path);
            http().post()
                    .uri(path)
                    .headers(Tokens.editor("ani"))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }
    }

    /**
     * Paths other than the actuator's are open at the HTTP level, so every endpoint the application maps (a handler's
     * pattern, or the path of a filter registered for one) must be one known to guard itself or to be public. A new endpoint fails this test until it is added here (public) or
     * guarded in {@link SecurityConfiguration}.
     */
    @Test
    void everyMappedEndpoint_isKnownToBePublicOrToGuardItself() {
        Set<String> known = Set.of("/graphql", "/graphiql", "/views", "/error", "/dev/token");
        Set<String> mapped = new TreeSet<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class)
                .values()
                .forEach(mapping ->
                        mapping.getHandlerMethods().keySet().forEach(info -> mapped.addAll(info.getPatternValues())));
        context.getBeansOfType(RouterFunctionMapping.class).values().stream()
                .filter(mapping -> mapping.getRouterFunction() != null)
                .forEach(mapping -> mapping.getRouterFunction().accept(new RouterFunctions.Visitor() {

                    @Override
                    public void startNested(RequestPredicate predicate) {}

                    @Override
                    public void endNested(RequestPredicate predicate) {}

                    @Override
                    public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
                        // Spring for GraphQL's own predicates (the GraphQL endpoint) do not print their path.
                        mapped.add(
                                predicate.getClass().getName().startsWith("org.springframework.graphql.")
                                        ? "/graphql"
                                        : predicate.toString().replaceAll(".*?(/[^\\s)]*).*", "$1"));
                    }

                    @Override
                    public void resources(Function<ServerRequest, Optional<Resource>> lookup) {}

                    @Override
                    public void attributes(Map<String, Object> attributes) {}

                    @Override
                    public void unknown(RouterFunction<?> routerFunction) {
                        mapped.add("unknown: " + routerFunction);
                    }
                }));
        // Filters that answer a path of their own (the view beacon's /views) count as its endpoint.
        for (FilterRegistrationBean<?> registration :
                context.getBeansOfType(FilterRegistrationBean.class).values()) {
            registration.getUrlPatterns().stream()
                    .filter(pattern -> !pattern.equals("/*"))
                    .forEach(mapped::add);
        }
        // The reader's article pages (news.reader), public: one pattern per depth of the section path.
        mapped.removeIf(pattern -> pattern.startsWith("/{s1:") && pattern.contains("/{slug:"));
        assertThat(mapped).contains("/graphql", "/views").isSubsetOf(known);
    }

    @Test
    void prometheusScrape_namesNoPathOfTheMachine() {
        String scrape = http().get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(scrape).contains("disk_free_bytes", "disk_total_bytes");
        assertThat(scrape).doesNotContain("path=\"").doesNotContain(System.getProperty("user.dir"));
    }

    @Test
    void cors_allowsConfiguredOriginsOnly() {
        http().options()
                .uri("/graphql")
                .header(HttpHeaders.ORIGIN, "https://web.example.id")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://web.example.id");
        http().options()
                .uri("/graphql")
                .header(HttpHeaders.ORIGIN, "https://elsewhere.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void devTokenEndpoint_withAConfiguredSecret_doesNotExist() {
        // The embedded PostgreSQL runs here, but the operator's secret is set: no one may sign with it.
        String unknown = http().post()
                .uri("/no/such/path?sub=x&roles=ADMIN")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        String devToken = http().post()
                .uri("/dev/token?sub=x&roles=ADMIN")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(devToken).isEqualTo(unknown.replace("/no/such/path", "/dev/token"));
        assertThat(context.getBeanProvider(DevelopmentMode.class).getIfAvailable())
                .isNull();
        assertThat(context.getBeanNamesForType(DevTokenController.class)).isEmpty();
    }

    @Test
    void developmentMode_needsTheEmbeddedDatabaseAndNoTokenSettings() {
        // The condition looks at bean definitions, so a definition stands in for a running embedded PostgreSQL.
        ApplicationContextRunner embedded = new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(DevelopmentModeAutoConfiguration.class, DevTokenAutoConfiguration.class))
                .withBean(EmbeddedPostgres.class, () -> null)
                .withBean(TokenVerification.class, TokenVerification::generatedDevelopmentSecret)
                .withBean(NewsSecurityProperties.class, () -> properties(null));
        embedded.run(context -> {
            assertThat(context).hasSingleBean(DevelopmentMode.class);
            assertThat(context).hasSingleBean(DevTokenController.class);
        });
        embedded.withPropertyValues("news.security.dev-token.enabled=false").run(context -> {
            assertThat(context).hasSingleBean(DevelopmentMode.class);
            assertThat(context).doesNotHaveBean(DevTokenController.class);
        });
        for (String setting : List.of(
                "news.security.jwt-secret=" + Tokens.SECRET,
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=https://id.example.id/realms/newsroom",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://id.example.id/certs",
                "spring.security.oauth2.resourceserver.jwt.public-key-location=classpath:key.pub")) {
            embedded.withPropertyValues(setting).run(context -> {
                assertThat(context).as(setting).doesNotHaveBean(DevelopmentMode.class);
                assertThat(context).as(setting).doesNotHaveBean(DevTokenController.class);
            });
        }
        embedded.withBean(org.springframework.security.oauth2.jwt.JwtDecoder.class, () -> token -> null)
                .run(context -> assertThat(context).doesNotHaveBean(DevelopmentMode.class));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        EmbeddedPostgresAutoConfiguration.class,
                        DevelopmentModeAutoConfiguration.class,
                        DevTokenAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example:5432/news")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(EmbeddedPostgres.class);
                    assertThat(context).doesNotHaveBean(DevelopmentMode.class);
                    assertThat(context).doesNotHaveBean(DevTokenController.class);
                });
    }

    @Test
    void withoutSecretIssuerOrEmbeddedDatabase_noTokenIsAccepted() {
        TokenVerification verification = new SecurityConfiguration()
                .tokenVerification(
                        properties(null),
                        new org.springframework.beans.factory.support.StaticListableBeanFactory()
                                .getBeanProvider(org.springframework.security.oauth2.jwt.JwtDecoder.class),
                        new org.springframework.beans.factory.support.StaticListableBeanFactory()
                                .getBeanProvider(DevelopmentMode.class));
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
        TokenVerification fromIssuer = new SecurityConfiguration()
                .tokenVerification(
                        properties(null),
                        beans.getBeanProvider(org.springframework.security.oauth2.jwt.JwtDecoder.class),
                        beans.getBeanProvider(DevelopmentMode.class));
        assertThat(fromIssuer.decoder()).isSameAs(issuer);
        assertThat(fromIssuer.hmacKey()).as("cannot mint development tokens").isNull();
        TokenVerification fromSecret = new SecurityConfiguration()
                .tokenVerification(
                        properties(Tokens.SECRET),
                        beans.getBeanProvider(org.springframework.security.oauth2.jwt.JwtDecoder.class),
                        beans.getBeanProvider(DevelopmentMode.class));
        assertThat(fromSecret
                        .decoder()
                        .decode(Tokens.token("ani", List.of("EDITOR"), Duration.ofMinutes(1), Tokens.SECRET))
                        .getSubject())
                .isEqualTo("ani");
    }

    static NewsSecurityProperties properties(String secret) {
        return new NewsSecurityProperties(
                secret,
                new NewsSecurityProperties.DevToken(true, Duration.ofHours(8)),
                Duration.ofHours(24),
                DataSize.ofKilobytes(8),
                new NewsSecurityProperties.Cors(List.of(), List.of(), List.of(), Duration.ZERO));
    }

    @Test
    void tooShortSecret_isRefusedAtStartUp() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenVerification.hmac("kurang", "test"))
                .hasMessageContaining("at least 32 bytes");
    }
}
