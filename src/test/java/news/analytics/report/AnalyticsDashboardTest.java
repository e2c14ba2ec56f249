package news.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import news.analytics.ingest.AnalyticsFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** The editors' analytics: series in hours and newsroom days, totals against the previous window, accounting. */
@IntegrationTest
class AnalyticsDashboardTest extends HttpTestBase {

    @Autowired
    ApplicationContext context;

    AnalyticsFixtures fixtures;

    HttpGraphQlTester graphQl;

    @BeforeEach
    void setUp() {
        fixtures = new AnalyticsFixtures(context);
        graphQl = graphQlClient().mutate().headers(Tokens.editor("redaksi")).build();
    }

    @Test
    void dashboard_isForEditorsOnly() {
        String query = "{ analytics { ingestion { accepted } } }";
        graphQlClient()
                .document(query)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.UNAUTHORIZED)));
        graphQlClient()
                .mutate()
                .headers(Tokens.bearer(Tokens.token("pembaca", List.of(), Duration.ofMinutes(5), Tokens.SECRET)))
                .build()
                .document(query)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.FORBIDDEN)));
        graphQl.document(query).execute().errors().verify();
    }

    @AfterEach
    void resetClock() {
        fixtures.clock().reset();
    }

    private void views(long article, int count, String prefix) {
        fixtures.recordViews(article, count, prefix);
        fixtures.flush();
    }

    @Test
    void analytics_seriesAndTotalsAgainstThePreviousWindow() {
        String sub = fixtures.subsection();
        long parentArticle = fixtures.article(400);
        long subArticle = fixtures.articleIn(sub, 400);
        String reporter = fixtures.reporter(parentArticle, subArticle);
        // 2 views at 11:30 WIB on 9 November, then 3 + 5 at 12:30 WIB on 10 November.
        fixtures.clock().set(Instant.parse("2026-11-09T04:30:00Z"));
        views(parentArticle, 2, "kemarin-");
        fixtures.clock().set(Instant.parse("2026-11-10T05:30:00Z"));
        views(parentArticle, 3, "induk-");
        views(subArticle, 5, "anak-");

        graphQl.document("""
                query($section: String!, $article: ID!) {
                  analytics {
                    hourly: viewsOverTime(scope: {section: $section}, bucket: HOUR,
                                          from: "2026-11-10T10:00:00+07:00", to: "2026-11-10T14:00:00+07:00") {
                      start views }
                    daily: viewsOverTime(scope: {article: $article}, bucket: DAY,
                                         from: "2026-11-09T00:00:00+07:00", to: "2026-11-11T00:00:00+07:00") {
                      start views }
                  }
                }
                """)
                .variable("section", fixtures.section)
                .variable("article", AnalyticsFixtures.id(parentArticle))
                .execute()
                .path("analytics.hourly[*].start")
                .entityList(String.class)
                .containsExactly(
                        "2026-11-10T10:00:00+07:00",
                        "2026-11-10T11:00:00+07:00",
                        "2026-11-10T12:00:00+07:00",
                        "2026-11-10T13:00:00+07:00")
                .path("analytics.hourly[*].views")
                .entityList(Integer.class)
                .containsExactly(0, 0, 8, 0)
                .path("analytics.daily[*].start")
                .entityList(String.class)
                .containsExactly("2026-11-09T00:00:00+07:00", "2026-11-10T00:00:00+07:00")
                .path("analytics.daily[*].views")
                .entityList(Integer.class)
                .containsExactly(2, 3);

        List<Map<String, Object>> sectionsTotals = graphQl.document("""
                { analytics { sectionTotals(window: LAST_24_HOURS) {
                    section { slug } views previousViews change } } }
                """)
                .execute()
                .path("analytics.sectionTotals")
                .entityList(mapType())
                .get();
        assertThat(sectionsTotals)
                .filteredOn(t -> fixtures.section.equals(slug(t)))
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.get("views")).isEqualTo(8);
                    assertThat(t.get("previousViews")).isEqualTo(2);
                    assertThat(((Number) t.get("change")).doubleValue()).isEqualTo(3.0);
                });
        assertThat(sectionsTotals)
                .filteredOn(t -> sub.equals(slug(t)))
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.get("views")).isEqualTo(5);
                    assertThat(t.get("change")).isNull();
                });

        List<Map<String, Object>> reporters = graphQl.document("""
                { analytics { reporterTotals(window: LAST_24_HOURS, first: 100) {
                    reporter { slug } views previousViews } } }
                """)
                .execute()
                .path("analytics.reporterTotals")
                .entityList(mapType())
                .get();
        assertThat(reporters)
                .filteredOn(t -> reporter.equals(slug(t, "reporter")))
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.get("views")).isEqualTo(8);
                    assertThat(t.get("previousViews")).isEqualTo(2);
                });
    }

    @Test
    void analytics_ingestionAccountsForEveryDecision() {
        long article = fixtures.article(1);
        String query = "{ analytics { ingestion { accepted duplicates lateDuplicates bots rejected flushes lastFlushAt"
                + " byEntryPoint { entryPoint accepted duplicates bots } } } }";
        // The accounting is read from PostgreSQL: what earlier tests left in memory goes there first.
        fixtures.flush();
        Map<String, Object> before = graphQl.document(query)
                .execute()
                .path("analytics.ingestion")
                .entity(mapType())
                .get();
        String id = AnalyticsFixtures.id(article);
        fixtures.recordFrom("10.4.4.5", AnalyticsFixtures.BROWSER, "x", id, id, "bukan-id");
        fixtures.recordFrom("10.4.4.5", "Googlebot/2.1", "y", id);
        fixtures.flush();
        Map<String, Object> after = graphQl.document(query)
                .execute()
                .path("analytics.ingestion")
                .entity(mapType())
                .get();

        assertThat(delta(before, after, "accepted")).isEqualTo(1);
        assertThat(delta(before, after, "duplicates")).isEqualTo(1);
        assertThat(delta(before, after, "rejected")).isEqualTo(1);
        assertThat(delta(before, after, "bots")).isEqualTo(1);
        assertThat(delta(before, after, "lateDuplicates")).isZero();
        assertThat(after.get("lastFlushAt")).isNotNull();
        // Every entry point is listed; these views came through the GraphQL side of ingestion.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) after.get("byEntryPoint");
        assertThat(entries).extracting(e -> e.get("entryPoint")).containsExactly("GRAPHQL", "BEACON");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entriesBefore = (List<Map<String, Object>>) before.get("byEntryPoint");
        assertThat(delta(entriesBefore.get(0), entries.get(0), "accepted")).isEqualTo(1);
        assertThat(delta(entriesBefore.get(0), entries.get(0), "bots")).isEqualTo(1);
        assertThat(delta(entriesBefore.get(1), entries.get(1), "accepted")).isZero();

        String prometheus = http().get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(prometheus)
                .contains(
                        "news_views_total{",
                        "outcome=\"accepted\"",
                        "outcome=\"bot\"",
                        "outcome=\"duplicate\"",
                        "outcome=\"rejected\"",
                        "news_views_flush_seconds_count",
                        "cache=\"popular\"");
    }

    @Test
    void analytics_refusesSeriesThatAreTooLongOrBackwards() {
        graphQl.document("""
                { analytics { viewsOverTime(bucket: HOUR, from: "2020-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z") {
                    views } } }
                """)
                .execute()
                .errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST
                        && "to".equals(e.getExtensions().get("argument")));
        // The message names the number of buckets asked for, however far past the limit.
        record Range(String bucket, String from, String to, String asked) {}
        for (Range range : List.of(
                // 2,192 days of 24 hours
                new Range("HOUR", "2020-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "52608"),
                new Range("HOUR", "2026-01-01T00:30:00Z", "2026-03-25T09:00:00Z", "2001"),
                new Range("HOUR", "2026-01-01T00:00:00Z", "2026-03-25T08:00:00.5Z", "2001"),
                new Range("DAY", "2020-01-01T00:00:00+07:00", "2026-01-01T00:00:00+07:00", "2192"),
                new Range("DAY", "2020-01-01T12:00:00+07:00", "2025-06-23T00:00:01+07:00", "2001"))) {
            graphQl.document("query($bucket: TimeBucket, $from: DateTime!, $to: DateTime!) {"
                            + " analytics { viewsOverTime(bucket: $bucket, from: $from, to: $to) { views } } }")
                    .variable("bucket", range.bucket())
                    .variable("from", range.from())
                    .variable("to", range.to())
                    .execute()
                    .errors()
                    .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST
                            && e.getMessage()
                                    .equals("At most 2000 buckets per series, this asks for " + range.asked() + "."));
        }
        // Exactly 2,000 buckets are served.
        graphQl.document("""
                { analytics { viewsOverTime(bucket: HOUR, from: "2026-01-01T00:00:00Z", to: "2026-03-25T08:00:00Z") {
                    views } } }
                """)
                .execute()
                .path("analytics.viewsOverTime")
                .entityList(Object.class)
                .hasSize(2000);
        graphQl.document("""
                { analytics { viewsOverTime(from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z") { views } } }
                """).execute().errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST);
    }

    private static int delta(Map<String, Object> before, Map<String, Object> after, String key) {
        return ((Number) after.get(key)).intValue() - ((Number) before.get(key)).intValue();
    }

    @SuppressWarnings("unchecked")
    private static String slug(Map<String, Object> total) {
        return slug(total, "section");
    }

    @SuppressWarnings("unchecked")
    private static String slug(Map<String, Object> total, String field) {
        return (String) ((Map<String, Object>) total.get(field)).get("slug");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Map<String, Object>> mapType() {
        return (Class) Map.class;
    }

    @Test
    void analytics_ingestionCoversTheAskedPeriodOnly() {
        // Accounting of an hour ten days ago, as another instance's flush would have written it.
        Instant hour = Instant.now().minus(Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        fixtures.dsl()
                .execute(
                        "insert into view_ingestion_hourly (hour, entry_point, outcome, views) values (to_timestamp(?), 'beacon',"
                                + " 'late_duplicate', 7) on conflict (hour, entry_point, outcome) do update set views ="
                                + " view_ingestion_hourly.views + 7",
                        hour.getEpochSecond());
        String range = "query($from: DateTime, $to: DateTime) { analytics { ingestion(from: $from, to: $to) {"
                + " lateDuplicates byEntryPoint { entryPoint lateDuplicates } } } }";
        graphQl.document(range)
                .variable("from", hour.plusSeconds(600).toString())
                .variable("to", hour.plusSeconds(1200).toString())
                .execute()
                .path("analytics.ingestion.lateDuplicates")
                .entity(Long.class)
                .isEqualTo(7L)
                .path("analytics.ingestion.byEntryPoint[1].lateDuplicates")
                .entity(Long.class)
                .isEqualTo(7L);
        // The hour before is another period.
        graphQl.document(range)
                .variable("from", hour.minusSeconds(3600).toString())
                .variable("to", hour.toString())
                .execute()
                .path("analytics.ingestion.lateDuplicates")
                .entity(Long.class)
                .isEqualTo(0L);
        long week = graphQl.document("{ analytics { ingestion(window: LAST_7_DAYS) { lateDuplicates } } }")
                .execute()
                .path("analytics.ingestion.lateDuplicates")
                .entity(Long.class)
                .get();
        long month = graphQl.document("{ analytics { ingestion(window: LAST_30_DAYS) { lateDuplicates } } }")
                .execute()
                .path("analytics.ingestion.lateDuplicates")
                .entity(Long.class)
                .get();
        assertThat(month - week).isGreaterThanOrEqualTo(7);
    }

    @Test
    void analytics_ingestionRefusesAnIncompleteOrBackwardPeriod() {
        String range = "query($from: DateTime, $to: DateTime) { analytics { ingestion(from: $from, to: $to) {"
                + " accepted } } }";
        Instant now = Instant.now();
        for (Map<String, Object> variables : List.of(
                Map.<String, Object>of("from", now.toString()),
                Map.<String, Object>of("to", now.toString()),
                Map.<String, Object>of(
                        "from", now.toString(), "to", now.minusSeconds(60).toString()),
                Map.<String, Object>of("from", now.minus(Duration.ofDays(400)).toString(), "to", now.toString()))) {
            graphQl.document(range)
                    .variables(variables)
                    .execute()
                    .errors()
                    .satisfy(errors -> assertThat(errors)
                            .as(variables.toString())
                            .singleElement()
                            .satisfies(e -> {
                                assertThat(e.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                                assertThat(e.getExtensions().get("argument")).isIn("from", "to");
                            }));
        }
    }
}
