package news.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Sources and engaged time end to end: views with referrers and {@code utm_*} values through {@code POST /views} and
 * GraphQL land in their categories and referring hosts once flushed, only as far as PostgreSQL counted them; the
 * beacon's heartbeats add engaged seconds, capped per reader by the periods their heartbeats covered, without bots and
 * unknown articles.
 */
@IntegrationTest
class SourcesAndEngagedTest extends HttpTestBase {

    @Autowired
    ApplicationContext context;

    @Autowired
    ViewRepository repository;

    AnalyticsFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new AnalyticsFixtures(context);
    }

    @AfterEach
    void resetClock() {
        fixtures.clock().reset();
    }

    @Test
    void viewsOfBothEntryPoints_landInTheirSourcesAndHosts() {
        long article = fixtures.article(2);
        String id = AnalyticsFixtures.id(article);
        String own = "http://localhost:" + port + "/";
        beacon(Map.of("articleId", id, "visitorId", "s1", "referrer", "https://www.google.co.id/search?q=banjir"));
        beacon(Map.of("articleId", id, "visitorId", "s2", "referrer", "https://t.co/AbC?x=1"));
        beacon(Map.of("articleId", id, "visitorId", "s3", "utm_source", "harian", "utm_medium", "email"));
        beacon(Map.of("articleId", id, "visitorId", "s4"));
        beacon(Map.of("articleId", id, "visitorId", "s5", "referrer", own + "articles/lain"));
        beacon(Map.of("articleId", id, "visitorId", "s6", "referrer", "https://WWW.Google.co.id/url?q=z"));
        // A repeat of s1 in the same slot: a duplicate, not a second search view.
        beacon(Map.of("articleId", id, "visitorId", "s1", "referrer", "https://www.google.co.id/"));
        // Form data too.
        http().post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("articleId=" + id + "&visitorId=s7&utm_campaign=ramadan&referrer=https%3A%2F%2Fx.com%2Fa")
                .exchange()
                .expectStatus()
                .isNoContent();
        graphQlClient()
                .mutate()
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .build()
                .document("mutation($v: [RecordViewInput!]!) { recordViews(input: $v) { accepted duplicates } }")
                .variable(
                        "v",
                        List.of(
                                Map.of("articleId", id, "visitorId", "g1", "referrer", "https://m.facebook.com/story"),
                                Map.of("articleId", id, "visitorId", "g2", "utmCampaign", "ramadan"),
                                Map.of("articleId", id, "visitorId", "g3", "referrer", "https://kompas.example/a/b"),
                                Map.of("articleId", id, "visitorId", "g4", "utmMedium", "newsletter"),
                                Map.of("articleId", id, "visitorId", "g5", "referrer", own)))
                .execute()
                .path("recordViews.accepted")
                .entity(Integer.class)
                .isEqualTo(5);
        fixtures.flush();

        assertThat(sources(id))
                .isEqualTo(Map.of(
                        "SEARCH", 2L,
                        "SOCIAL", 2L,
                        "NEWSLETTER", 2L,
                        "CAMPAIGN", 2L,
                        "DIRECT", 1L,
                        "INTERNAL", 2L,
                        "OTHER", 1L));
        assertThat(referrers(id, 10))
                .containsExactly(
                        Map.entry("google.co.id", 2L),
                        Map.entry("kompas.example", 1L),
                        Map.entry("m.facebook.com", 1L),
                        Map.entry("t.co", 1L),
                        Map.entry("x.com", 1L));
        assertThat(referrers(id, 1)).containsExactly(Map.entry("google.co.id", 2L));
        // The full referrer is nowhere: only hosts.
        assertThat(fixtures.dsl()
                        .fetchCount(fixtures.dsl()
                                .selectFrom("article_referrers_hourly")
                                .where("article_id = ? and host like '%/%'", article)))
                .isZero();
    }

    @Test
    void badUtmValues_areRefused_andCountNothing() {
        long article = fixtures.article(2);
        String id = AnalyticsFixtures.id(article);
        http().post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"articleId\":\"" + id + "\",\"utm_source\":\"a\\u0000b\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .value(m -> assertThat((String) m).contains("utm_source"));
        http().post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"articleId\":\"" + id + "\",\"utm_campaign\":\"promo\\ud800\"}")
                .exchange()
                .expectStatus()
                .isBadRequest();
        graphQlClient()
                .mutate()
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .build()
                .document("mutation($v: RecordViewInput!) { recordView(input: $v) { counted } }")
                .variable("v", Map.of("articleId", id, "utmMedium", "e\u0000mail"))
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "BAD_REQUEST")));
        fixtures.flush();
        assertThat(fixtures.stored(article)).isZero();
        assertThat(sources(id).values()).allMatch(v -> v == 0);
    }

    @Test
    void lateDuplicates_addNoSource_andHostsAreBoundedPerArticleAndFlush() {
        long article = fixtures.article(2);
        long hour = Instant.now().truncatedTo(ChronoUnit.HOURS).getEpochSecond();
        long slot = hour;
        List<PendingView> views = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Host h0 three times, h1 twice, the rest once: 20 hosts kept, 5 under "(other)".
            for (int k = 0; k < (i == 0 ? 3 : i == 1 ? 2 : 1); k++) {
                views.add(new PendingView(
                        article,
                        hour,
                        slot,
                        0x0300_0000_0000_0000L | article,
                        i * 10 + k,
                        IngestionEntryPoint.BEACON,
                        "other",
                        String.format("h%02d.example", i)));
            }
        }
        views.sort(PendingView.ORDER);
        assertThat(repository
                        .add(new ViewBatch(views, List.of(), UUID.randomUUID()))
                        .counted())
                .isEqualTo(28);
        // The same keys again, in another batch: late duplicates, no source or host counted twice.
        assertThat(repository
                        .add(new ViewBatch(views, List.of(), UUID.randomUUID()))
                        .lateDuplicates())
                .isEqualTo(28);
        String id = AnalyticsFixtures.id(article);
        assertThat(sources(id).get("OTHER")).isEqualTo(28);
        Map<String, Long> hosts = referrers(id, 100);
        assertThat(hosts).hasSize(21).containsEntry("h00.example", 3L).containsEntry("h01.example", 2L);
        assertThat(hosts).containsEntry("(other)", 5L);
        assertThat(hosts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(28);
    }

    @Test
    void heartbeats_addEngagedSeconds_eachSecondOnce() {
        long article = fixtures.article(2);
        String id = AnalyticsFixtures.id(article);
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(1));
        if (start.isAfter(Instant.now())) {
            start = start.minus(Duration.ofHours(1));
        }
        fixtures.clock().set(start);
        beacon(Map.of("articleId", id, "visitorId", "hb"));
        // At once: nothing can have been engaged yet.
        heartbeat(id, "hb", 15, HttpStatus.NO_CONTENT);
        fixtures.clock().set(start.plusSeconds(20));
        heartbeat(id, "hb", 15, HttpStatus.NO_CONTENT); // 15: seconds 5 to 20
        heartbeat(id, "hb", 15, HttpStatus.NO_CONTENT); // 0: the same seconds (another tab)
        heartbeat(id, "hb", 15, HttpStatus.NO_CONTENT); // 0
        fixtures.clock().set(start.plusSeconds(120));
        heartbeat(id, "hb", 12, HttpStatus.NO_CONTENT); // 12
        // Another reader whose first report is a heartbeat (their view went to another instance): its seconds count.
        heartbeat(id, "hb2", 10, HttpStatus.NO_CONTENT); // 10
        fixtures.clock().set(start.plusSeconds(130));
        heartbeat(id, "hb2", 15, HttpStatus.NO_CONTENT); // 10: seconds 120 to 130, 110 to 120 were credited
        // Bots, unknown and unpublished articles and bad values add nothing.
        http().post()
                .uri("/views")
                .header("User-Agent", "Googlebot/2.1 (+http://www.google.com/bot.html)")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"articleId\":\"" + id + "\",\"visitorId\":\"hb\",\"engaged\":15}")
                .exchange()
                .expectStatus()
                .isNoContent();
        heartbeat(AnalyticsFixtures.id(fixtures.draft()), "hb", 15, HttpStatus.NOT_FOUND);
        heartbeat(AnalyticsFixtures.id(999_999_999L), "hb", 15, HttpStatus.NOT_FOUND);
        heartbeat(id, "hb", 16, HttpStatus.BAD_REQUEST);
        heartbeat(id, "hb", -1, HttpStatus.BAD_REQUEST);
        http().post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"articleId\":\"" + id + "\",\"engaged\":2.5}")
                .exchange()
                .expectStatus()
                .isBadRequest();
        fixtures.clock().reset();
        fixtures.flush();
        // Heartbeats are not views: the one view is hb's.
        assertThat(fixtures.stored(article)).isEqualTo(1);
        assertThat(fixtures.dsl()
                        .fetchValue(
                                "select coalesce(sum(seconds), 0) from article_engaged_hourly where article_id = ?",
                                article))
                .isEqualTo(java.math.BigDecimal.valueOf(47));

        Map<String, Object> editor = graphQlClient()
                .mutate()
                .headers(Tokens.editor("ani"))
                .build()
                .document("query($id: ID!) { node(id: $id) { ... on Article {"
                        + " engagedSeconds(window: TODAY) averageEngagedSeconds(window: TODAY) readers(window: TODAY) } }"
                        + " analytics { sectionTotals(window: TODAY) { section { slug } engagedSeconds } } }")
                .variable("id", id)
                .execute()
                .path("")
                .entity(Map.class)
                .get();
        @SuppressWarnings("unchecked")
        Map<String, Object> node = (Map<String, Object>) editor.get("node");
        assertThat(node).containsEntry("engagedSeconds", 47).containsEntry("readers", 1);
        assertThat(((Number) node.get("averageEngagedSeconds")).doubleValue()).isEqualTo(47.0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sections =
                (List<Map<String, Object>>) ((Map<String, Object>) editor.get("analytics")).get("sectionTotals");
        assertThat(sections)
                .filteredOn(s -> ((Map<?, ?>) s.get("section")).get("slug").equals(fixtures.section))
                .singleElement()
                .satisfies(s -> assertThat(s).containsEntry("engagedSeconds", 47));

        // Readers only: engaged time is the editors'.
        graphQlClient()
                .document("query($id: ID!) { node(id: $id) { ... on Article { engagedSeconds } } }")
                .variable("id", id)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors).isNotEmpty());
    }

    @Test
    void readersNow_areTheDistinctVisitorsOfTheLastMinutes_byViewOrHeartbeat() {
        long a = fixtures.article(2);
        long b = fixtures.article(3);
        String idA = AnalyticsFixtures.id(a);
        String idB = AnalyticsFixtures.id(b);
        beacon(Map.of("articleId", idA, "visitorId", "now1"));
        beacon(Map.of("articleId", idB, "visitorId", "now2"));
        beacon(Map.of("articleId", idB, "visitorId", "now1"));
        beacon(Map.of("articleId", idA, "visitorId", "now1")); // a repeat: still one reader
        heartbeat(idA, "now3", 5, HttpStatus.NO_CONTENT); // a heartbeat alone: a reader too
        http().post()
                .uri("/views")
                .header("User-Agent", "Googlebot/2.1 (+http://www.google.com/bot.html)")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"articleId\":\"" + idA + "\",\"visitorId\":\"now4\"}")
                .exchange()
                .expectStatus()
                .isNoContent();
        // Presence is written by the flush (every second in the background, and here at once).
        fixtures.flush();
        assertThat(readersNow("{article: \"" + idA + "\"}")).isEqualTo(2);
        assertThat(readersNow("{article: \"" + idB + "\"}")).isEqualTo(2);
        assertThat(readersNow("{section: \"" + fixtures.section + "\"}")).isEqualTo(3);
        assertThat(readersNow(null)).isGreaterThanOrEqualTo(3);
        // Six minutes later they are gone.
        fixtures.clock().set(Instant.now().plus(Duration.ofMinutes(6)));
        assertThat(readersNow("{section: \"" + fixtures.section + "\"}")).isZero();
    }

    private long readersNow(String scope) {
        return graphQlClient()
                .mutate()
                .headers(Tokens.editor("ani"))
                .build()
                .document("{ analytics { readersNow" + (scope == null ? "" : "(scope: " + scope + ")") + " } }")
                .execute()
                .path("analytics.readersNow")
                .entity(Long.class)
                .get();
    }

    private void beacon(Map<String, String> body) {
        http().post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue(json(body))
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    private void heartbeat(String article, String visitor, long seconds, HttpStatus expected) {
        http().post()
                .uri("/views")
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"articleId\":\"" + article + "\",\"visitorId\":\"" + visitor + "\",\"engaged\":" + seconds
                        + "}")
                .exchange()
                .expectStatus()
                .isEqualTo(expected);
    }

    private static String json(Map<String, String> body) {
        StringBuilder s = new StringBuilder("{");
        body.forEach((k, v) -> s.append(s.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v)
                .append('"'));
        return s.append('}').toString();
    }

    /** Views per category of one article today, as editors read them. */
    @SuppressWarnings("unchecked")
    private Map<String, Long> sources(String article) {
        List<Map<String, Object>> rows = graphQlClient()
                .mutate()
                .headers(Tokens.editor("ani"))
                .build()
                .document("query($a: ID!) { analytics { sources(scope: {article: $a}) { category views share } } }")
                .variable("a", article)
                .execute()
                .path("analytics.sources")
                .entityList(Map.class)
                .get()
                .stream()
                .map(m -> (Map<String, Object>) m)
                .toList();
        assertThat(rows).hasSize(7);
        Map<String, Long> result = new LinkedHashMap<>();
        rows.forEach(r -> result.put(r.get("category").toString(), ((Number) r.get("views")).longValue()));
        return result;
    }

    /** The referring hosts of one article today, in the order given. */
    @SuppressWarnings("unchecked")
    private Map<String, Long> referrers(String article, int first) {
        Map<String, Long> result = new LinkedHashMap<>();
        graphQlClient()
                .mutate()
                .headers(Tokens.editor("ani"))
                .build()
                .document("query($a: ID!, $n: Int) { analytics { referrers(article: $a, first: $n) { host views } } }")
                .variable("a", article)
                .variable("n", first)
                .execute()
                .path("analytics.referrers")
                .entityList(Map.class)
                .get()
                .forEach(m -> result.put(
                        ((Map<String, Object>) m).get("host").toString(),
                        ((Number) ((Map<String, Object>) m).get("views")).longValue()));
        return result;
    }
}
