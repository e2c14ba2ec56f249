package news.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import news.HttpTestBase;
import news.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code POST /views} takes the text fields GraphQL's {@code recordView} takes, and refuses exactly what GraphQL
 * refuses: a NUL character or an unpaired surrogate in {@code articleId}, {@code visitorId} or {@code referrer}, in
 * JSON and in form bodies, is a 400 and nothing is counted (before, the beacon counted a view with such a visitor id).
 */
@IntegrationTest
class ViewBeaconTextTest extends HttpTestBase {

    @Autowired
    ApplicationContext context;

    AnalyticsFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new AnalyticsFixtures(context);
    }

    @Test
    void beaconWithNulOrLoneSurrogateInAnyTextField_isRefusedLikeGraphQl_andCountsNothing() {
        long article = fixtures.article(7);
        String id = AnalyticsFixtures.id(article);
        fixtures.flusher().flush();
        long before = fixtures.stored(article);
        WebTestClient http = http();
        for (String field : List.of("visitorId", "referrer", "articleId")) {
            for (String hostile : List.of("\\u0000", "pengunjung\\u0000", "\\ud800", "a\\udc00b")) {
                String json = "{\"articleId\":\"" + (field.equals("articleId") ? id + hostile : id) + "\""
                        + (field.equals("articleId") ? "" : ",\"" + field + "\":\"" + hostile + "\"") + "}";
                http.post()
                        .uri("/views")
                        .header("User-Agent", AnalyticsFixtures.BROWSER)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(json)
                        .exchange()
                        .expectStatus()
                        .isBadRequest()
                        .expectBody()
                        .jsonPath("$.error")
                        .value(message -> assertThat((String) message).contains("'" + field + "'"));
                // The same text through GraphQL is refused too, naming the same field.
                graphQlClient()
                        .mutate()
                        .header("User-Agent", AnalyticsFixtures.BROWSER)
                        .build()
                        .document("mutation($input: RecordViewInput!) { recordView(input: $input) { counted } }")
                        .variable(
                                "input",
                                java.util.Map.of(
                                        "articleId",
                                        field.equals("articleId") ? id + unescape(hostile) : id,
                                        field.equals("articleId") ? "visitorId" : field,
                                        field.equals("articleId") ? "v" : unescape(hostile)))
                        .execute()
                        .errors()
                        .satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
                            assertThat(e.getExtensions()).containsEntry("code", "BAD_REQUEST");
                            assertThat(e.getMessage()).contains(field);
                        }));
            }
        }
        // Form data: a NUL percent-encoded.
        http.post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("articleId=" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "&visitorId=a%00b")
                .exchange()
                .expectStatus()
                .isBadRequest();
        fixtures.flusher().flush();
        assertThat(fixtures.stored(article)).isEqualTo(before);
        // A clean beacon is still counted.
        http.post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"articleId\":\"" + id + "\",\"visitorId\":\"bersih-" + System.nanoTime() + "\"}")
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    private static String unescape(String escaped) {
        return escaped.replace("\\u0000", "\u0000").replace("\\ud800", "\ud800").replace("\\udc00", "\udc00");
    }
}
