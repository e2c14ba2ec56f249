package news.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import news.HttpTestBase;
import news.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;

/**
 * {@code /views} is answered by its own filter ahead of the security chain, the request timer and Spring MVC
 * ({@link ViewBeaconFilter}); what those layers gave it still holds, for every method and kind of request: the
 * request's id, CORS for any origin, 405 with {@code Allow} and the JSON error body for other methods, 413 for a body
 * declared too large (counted nothing), and no {@code http.server.requests} timing of beacons.
 */
@IntegrationTest
class ViewBeaconHttpTest extends HttpTestBase {

    @Autowired
    ApplicationContext context;

    @Autowired
    MeterRegistry registry;

    AnalyticsFixtures fixtures;

    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        fixtures = new AnalyticsFixtures(context);
    }

    @Test
    void beacon_keepsItsRequestId_andIsNotTimedAsAnHttpRequest() {
        String id = AnalyticsFixtures.id(fixtures.article(3));
        http().post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .header("X-Request-Id", "cdn-beacon.1")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"articleId\":\"" + id + "\",\"visitorId\":\"http-test\"}")
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectHeader()
                .valueEquals("X-Request-Id", "cdn-beacon.1");
        String generated = http().post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"articleId\":\"" + id + "\",\"visitorId\":\"http-test\",\"engaged\":5}")
                .exchange()
                .expectStatus()
                .isNoContent()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getFirst("X-Request-Id");
        assertThat(generated).matches("[0-9a-f-]{36}");
        // A GraphQL request is timed, so the timer exists; no beacon is in it.
        graphQlClient().document("{ sections { slug } }").executeAndVerify();
        assertThat(registry.find("http.server.requests").timers()).isNotEmpty();
        assertThat(registry.find("http.server.requests").tag("uri", "/views").timers())
                .isEmpty();
    }

    @Test
    void everyOtherMethod_isA405WithAllow_andTheJsonErrorBody() {
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            http().method(org.springframework.http.HttpMethod.valueOf(method))
                    .uri("/views")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(405)
                    .expectHeader()
                    .valueEquals("Allow", "POST, OPTIONS")
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(405)
                    .jsonPath("$.path")
                    .isEqualTo("/views");
        }
        http().head().uri("/views").exchange().expectStatus().isEqualTo(405);
        // OPTIONS that is not a preflight says what is allowed.
        http().options()
                .uri("/views")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Allow", "POST, OPTIONS");
    }

    @Test
    void preflightForAMethodOrHeaderNotAllowed_isRefused_andAllowedOnesFromAnyOrigin() throws Exception {
        HttpResponse<String> refused = client.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/views"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://elsewhere.example")
                        .header("Access-Control-Request-Method", "DELETE")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> header = client.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/views"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://elsewhere.example")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(header.statusCode()).isEqualTo(403);
        HttpResponse<String> allowed = client.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/views"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://elsewhere.example")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(allowed.headers().firstValue("Access-Control-Max-Age")).hasValue("86400");
    }

    @Test
    void bodyDeclaredOverTheLimit_isRefusedUnread_andCountsNothing() throws Exception {
        long article = fixtures.article(4);
        fixtures.flusher().flush();
        long before = fixtures.stored(article);
        String json = "{\"articleId\":\"" + AnalyticsFixtures.id(article) + "\",\"referrer\":\""
                + "x".repeat(ViewBeaconFilter.MAX_BODY) + "\"}";
        for (String type :
                List.of("text/plain;charset=UTF-8", "application/json", "application/x-www-form-urlencoded")) {
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/views"))
                            .header("Content-Type", type)
                            .header("User-Agent", AnalyticsFixtures.BROWSER)
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(type).isEqualTo(413);
            assertThat(answer.body()).contains("\"maxBytes\":" + ViewBeaconFilter.MAX_BODY);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        }
        fixtures.flusher().flush();
        assertThat(fixtures.stored(article)).isEqualTo(before);
    }
}
