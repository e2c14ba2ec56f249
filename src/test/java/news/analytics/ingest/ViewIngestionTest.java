package news.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import news.HttpTestBase;
import news.IntegrationTest;
import news.graphql.GlobalId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Recording views: exact counts under concurrency, de-duplication, bots, refusals, and the beacon endpoint. */
@IntegrationTest
class ViewIngestionTest extends HttpTestBase {

    private static final String RECORD_VIEW = """
            mutation($id: ID!, $visitor: String) {
              recordView(input: {articleId: $id, visitorId: $visitor}) { counted outcome }
            }
            """;

    @Autowired
    ApplicationContext context;

    AnalyticsFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new AnalyticsFixtures(context);
    }

    private HttpGraphQlTester graphQl(String userAgent) {
        return graphQlClient().mutate().header("User-Agent", userAgent).build();
    }

    @Test
    void recordViews_eightThreadsOfTenThousandViewsGiveExactTotals() throws Exception {
        long[] articles = {fixtures.article(1), fixtures.article(2), fixtures.article(3), fixtures.article(4)};
        int threads = 8;
        int perThread = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                int accepted = 0;
                List<ViewReport> batch = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    // Article i % 4 gets every fourth view; every view is a different visitor.
                    batch.add(ViewReport.of(
                            AnalyticsFixtures.id(articles[i % articles.length]), "visitor-" + thread + "-" + i, null));
                    if (batch.size() == 100) {
                        accepted += count(fixtures.recorder()
                                .record(batch, new ClientOrigin("10.0.0." + thread, AnalyticsFixtures.BROWSER)));
                        batch.clear();
                    }
                }
                return accepted;
            }));
        }
        int accepted = 0;
        for (Future<Integer> result : results) {
            accepted += result.get();
        }
        pool.shutdown();
        fixtures.flusher().flush();

        assertThat(accepted).isEqualTo(threads * perThread);
        for (long article : articles) {
            assertThat(fixtures.stored(article)).isEqualTo(threads * perThread / articles.length);
        }
    }

    private static int count(List<ViewDecision> decisions) {
        return (int) decisions.stream()
                .filter(d -> d.outcome() == ViewOutcome.ACCEPTED)
                .count();
    }

    @Test
    void recordView_sameVisitorTenTimesWithinTheWindowCountsOnce() {
        long article = fixtures.article(1);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            outcomes.add(graphQl(AnalyticsFixtures.BROWSER)
                    .document(RECORD_VIEW)
                    .variable("id", AnalyticsFixtures.id(article))
                    .variable("visitor", "pembaca-setia")
                    .execute()
                    .path("recordView.outcome")
                    .entity(String.class)
                    .get());
        }
        fixtures.flusher().flush();

        assertThat(outcomes.get(0)).isEqualTo("ACCEPTED");
        assertThat(outcomes.subList(1, 10)).containsOnly("DUPLICATE");
        assertThat(fixtures.stored(article)).isEqualTo(1);
    }

    @Test
    void recordView_visitorCountsOncePerFixedDedupeSlot() {
        long article = fixtures.article(1);
        Instant start = Instant.parse("2026-11-18T08:00:00Z");
        List<ViewOutcome> outcomes = new ArrayList<>();
        try {
            for (int minutes : new int[] {20, 29, 31, 59, 60}) {
                fixtures.clock().set(start.plusSeconds(minutes * 60L));
                outcomes.add(fixtures.recorder()
                        .record(
                                ViewReport.of(AnalyticsFixtures.id(article), "kembali", null),
                                new ClientOrigin("10.5.5.5", AnalyticsFixtures.BROWSER))
                        .outcome());
            }
        } finally {
            fixtures.clock().reset();
        }
        fixtures.flusher().flush();

        // Slots are fixed (08:00-08:30, 08:30-09:00, ...), not 30 minutes from the last view: 08:20 counts; 08:29 is
        // in the same slot; 08:31 counts again, though only 11 minutes later; 08:59 is a repeat; 09:00 counts.
        assertThat(outcomes)
                .containsExactly(
                        ViewOutcome.ACCEPTED,
                        ViewOutcome.DUPLICATE,
                        ViewOutcome.ACCEPTED,
                        ViewOutcome.DUPLICATE,
                        ViewOutcome.ACCEPTED);
        assertThat(fixtures.stored(article)).isEqualTo(3);
    }

    @Test
    void recordView_anonymousVisitorIsRecognisedByAddressAndUserAgent() {
        long article = fixtures.article(1);
        for (int i = 0; i < 10; i++) {
            graphQl(AnalyticsFixtures.BROWSER)
                    .document(RECORD_VIEW)
                    .variable("id", AnalyticsFixtures.id(article))
                    .execute()
                    .path("recordView.outcome")
                    .entity(String.class)
                    .get();
        }
        // Another browser on the same address is another visitor.
        graphQl(AnalyticsFixtures.BROWSER + " Edg/124.0")
                .document(RECORD_VIEW)
                .variable("id", AnalyticsFixtures.id(article))
                .execute()
                .path("recordView.counted")
                .entity(Boolean.class)
                .isEqualTo(true);
        fixtures.flusher().flush();

        assertThat(fixtures.stored(article)).isEqualTo(2);
    }

    @Test
    void recordView_googlebotCountsZero() {
        long article = fixtures.article(1);
        long botsBefore = fixtures.recorder().count(ViewOutcome.BOT);
        for (String agent : List.of(
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0",
                "python-requests/2.31.0",
                "curl/8.5.0")) {
            graphQl(agent)
                    .document(RECORD_VIEW)
                    .variable("id", AnalyticsFixtures.id(article))
                    .variable("visitor", "v-" + agent.hashCode())
                    .execute()
                    .path("recordView.outcome")
                    .entity(String.class)
                    .isEqualTo("BOT");
        }
        fixtures.flusher().flush();

        assertThat(fixtures.stored(article)).isZero();
        assertThat(fixtures.recorder().count(ViewOutcome.BOT) - botsBefore).isEqualTo(5);
    }

    @Test
    void recordView_unpublishedOrUnknownArticleIsRefusedAndNotCounted() {
        long draft = fixtures.draft();
        long rejectedBefore = fixtures.recorder().count(ViewOutcome.REJECTED);
        graphQl(AnalyticsFixtures.BROWSER)
                .document(RECORD_VIEW)
                .variable("id", AnalyticsFixtures.id(draft))
                .execute()
                .errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST
                        && e.getMessage().contains("No published article")
                        && "input.articleId".equals(e.getExtensions().get("argument")));
        graphQl(AnalyticsFixtures.BROWSER)
                .document(RECORD_VIEW)
                .variable("id", GlobalId.encode("Section", 1))
                .execute()
                .errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST);
        fixtures.flusher().flush();

        assertThat(fixtures.stored(draft)).isZero();
        assertThat(fixtures.recorder().count(ViewOutcome.REJECTED) - rejectedBefore)
                .isEqualTo(2);
    }

    @Test
    void recordViews_accountsForEveryViewOfABatch() {
        long article = fixtures.article(1);
        long draft = fixtures.draft();
        String id = AnalyticsFixtures.id(article);
        graphQl(AnalyticsFixtures.BROWSER)
                .document("""
                mutation($views: [RecordViewInput!]!) {
                  recordViews(input: $views) { accepted duplicates bots rejected errors { index articleId message } }
                }
                """)
                .variable(
                        "views",
                        List.of(
                                Map.of("articleId", id, "visitorId", "a"),
                                Map.of("articleId", id, "visitorId", "b"),
                                Map.of("articleId", id, "visitorId", "a"),
                                Map.of("articleId", AnalyticsFixtures.id(draft), "visitorId", "a"),
                                Map.of("articleId", "bukan-id", "visitorId", "a")))
                .execute()
                .path("recordViews.accepted")
                .entity(Integer.class)
                .isEqualTo(2)
                .path("recordViews.duplicates")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("recordViews.bots")
                .entity(Integer.class)
                .isEqualTo(0)
                .path("recordViews.rejected")
                .entity(Integer.class)
                .isEqualTo(2)
                .path("recordViews.errors[*].index")
                .entityList(Integer.class)
                .containsExactly(3, 4)
                .path("recordViews.errors[1].articleId")
                .entity(String.class)
                .isEqualTo("bukan-id");
        fixtures.flusher().flush();

        assertThat(fixtures.stored(article)).isEqualTo(2);
        assertThat(fixtures.stored(draft)).isZero();
    }

    @Test
    void beacon_acceptsWhatSendBeaconSends() {
        long article = fixtures.article(1);
        String id = AnalyticsFixtures.id(article);
        WebTestClient http = http();
        http.post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.parseMediaType("text/plain;charset=UTF-8"))
                .bodyValue("{\"articleId\":\"" + id + "\",\"visitorId\":\"teks\"}")
                .exchange()
                .expectStatus()
                .isNoContent();
        http.post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"articleId\":\"" + id + "\",\"visitorId\":\"json\"}")
                .exchange()
                .expectStatus()
                .isNoContent();
        http.post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("articleId=" + id + "&visitorId=formulir")
                .exchange()
                .expectStatus()
                .isNoContent();
        MultipartBodyBuilder multipart = new MultipartBodyBuilder();
        multipart.part("articleId", id);
        multipart.part("visitorId", "multipart");
        http.post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .body(BodyInserters.fromMultipartData(multipart.build()))
                .exchange()
                .expectStatus()
                .isNoContent();
        // The same visitor again, and a bot: answered alike, not counted.
        http.post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"articleId\":\"" + id + "\",\"visitorId\":\"teks\"}")
                .exchange()
                .expectStatus()
                .isNoContent();
        http.post()
                .uri("/views")
                .header("User-Agent", "Googlebot/2.1")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"articleId\":\"" + id + "\"}")
                .exchange()
                .expectStatus()
                .isNoContent();
        fixtures.flusher().flush();

        assertThat(fixtures.stored(article)).isEqualTo(4);
    }

    @Test
    void beacon_refusesUnknownArticlesAndMalformedBodies() {
        long draft = fixtures.draft();
        WebTestClient http = http();
        http.post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"articleId\":\"" + AnalyticsFixtures.id(draft) + "\"}")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error")
                .value(m -> assertThat((String) m).contains("No published article"));
        http.post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"articleId\":")
                .exchange()
                .expectStatus()
                .isBadRequest();
        http.post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"articleId\":\"bukan-id\"}")
                .exchange()
                .expectStatus()
                .isBadRequest();
        http.post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"articleId\":\"" + "x".repeat(5000) + "\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(413);
        // Form data is read by the endpoint itself: a broken multipart body or a form without the id is refused.
        http.post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=batas"))
                .bodyValue("--batas\r\nContent-Disposition: form-data; name=\"articleId\"\r\n\r\nterpotong")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("The form data could not be read.");
        http.post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("visitorId=tanpa-artikel")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("'articleId' is required.");
        fixtures.flusher().flush();

        assertThat(fixtures.stored(draft)).isZero();
    }
}
