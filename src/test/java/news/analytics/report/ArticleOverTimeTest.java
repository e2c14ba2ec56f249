package news.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.TestClock;
import news.Tokens;
import news.analytics.TimeRange;
import news.analytics.ingest.AnalyticsFixtures;
import news.analytics.readers.ReaderFixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * {@code Analytics.articleOverTime}, the dashboard's article view: one article's views, exact readers, engaged seconds
 * and sources per hour, two past hours as the flush writes them and the current hour through ingestion, with the
 * period's totals (readers each once, not summed) and the current hour marked partial, as in {@code viewsOverTime};
 * editors only.
 */
@IntegrationTest
class ArticleOverTimeTest extends HttpTestBase {

    private static final String QUERY = """
            query($a: ID!, $from: DateTime!, $to: DateTime!) { analytics { articleOverTime(article: $a, from: $from, to: $to) {
              articleId article { headline } from to views readers engagedSeconds averageEngagedSeconds
              sources { category views share }
              points { start views readers engagedSeconds partial sources { category views share } } } } }""";

    @Autowired
    ApplicationContext context;

    @Autowired
    TestClock.Settable clock;

    @Autowired
    DSLContext dsl;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anArticlesHours_viewsReadersEngagedTimeAndSources_withThePeriodsTotals() {
        Instant now = Instant.now();
        clock.set(now);
        AnalyticsFixtures fixtures = new AnalyticsFixtures(context);
        long article = fixtures.article(30);
        String id = AnalyticsFixtures.id(article);
        Instant current = Instant.ofEpochSecond(TimeRange.hourOf(now));
        Instant twoAgo = current.minus(Duration.ofHours(2));
        Instant oneAgo = current.minus(Duration.ofHours(1));

        // Two past hours as the flush writes them: visitors 1-4, then 3-5 (two of them again).
        hour(article, twoAgo, 5, 120, Map.of("search", 3, "direct", 2));
        hour(article, oneAgo, 3, 30, Map.of("social", 3));
        ReaderFixtures readers = new ReaderFixtures(context);
        readers.keys(article, twoAgo, 1, 4);
        readers.keys(article, oneAgo, 3, 5);
        readers.build();
        // The current hour through ingestion: two new readers without a referrer.
        fixtures.recordViews(article, 2, "kini-");
        fixtures.flush();

        Map<String, Object> overTime = editor().document(QUERY)
                .variable("a", id)
                .variable("from", twoAgo.plus(Duration.ofMinutes(10)).toString())
                .variable("to", now.toString())
                .execute()
                .path("analytics.articleOverTime")
                .entity(Map.class)
                .get();

        List<Map<String, Object>> points = (List<Map<String, Object>>) overTime.get("points");
        assertThat(points)
                .extracting(p -> OffsetDateTime.parse(p.get("start").toString()).toInstant())
                .containsExactly(twoAgo, oneAgo, current);
        assertThat(points).extracting(p -> p.get("views")).containsExactly(5, 3, 2);
        assertThat(points).extracting(p -> p.get("readers")).containsExactly(4, 3, 2);
        assertThat(points).extracting(p -> p.get("engagedSeconds")).containsExactly(120, 30, 0);
        assertThat(points).extracting(p -> p.get("partial")).containsExactly(false, false, true);
        assertThat(editor().document("query($a: ID!, $from: DateTime!, $to: DateTime!) { analytics {"
                                + " viewsOverTime(scope: {article: $a}, from: $from, to: $to) { views partial } } }")
                        .variable("a", id)
                        .variable("from", twoAgo.toString())
                        .variable("to", now.toString())
                        .execute()
                        .path("analytics.viewsOverTime[*].partial")
                        .entityList(Boolean.class)
                        .get())
                .as("the series marks the running hour too")
                .containsExactly(false, false, true);
        assertThat(sources(points.get(0)))
                .as("every category, in the fixed order")
                .containsExactly(
                        Map.entry("INTERNAL", 0),
                        Map.entry("SEARCH", 3),
                        Map.entry("SOCIAL", 0),
                        Map.entry("NEWSLETTER", 0),
                        Map.entry("CAMPAIGN", 0),
                        Map.entry("DIRECT", 2),
                        Map.entry("OTHER", 0));
        assertThat(sources(points.get(2))).contains(Map.entry("DIRECT", 2));

        assertThat(overTime)
                .containsEntry("articleId", id)
                .containsEntry("views", 10)
                .containsEntry("readers", 7) // visitors 1-5 and the two of now: not 4 + 3 + 2
                .containsEntry("engagedSeconds", 150);
        assertThat((Double) overTime.get("averageEngagedSeconds")).isCloseTo(150.0 / 7, within(1e-9));
        assertThat(OffsetDateTime.parse(overTime.get("from").toString()).toInstant())
                .isEqualTo(twoAgo);
        assertThat(OffsetDateTime.parse(overTime.get("to").toString()).toInstant())
                .isEqualTo(current.plus(Duration.ofHours(1)));
        assertThat(((Map<String, Object>) overTime.get("article")).get("headline"))
                .isNotNull();
        List<Map<String, Object>> total = (List<Map<String, Object>>) overTime.get("sources");
        assertThat(total.get(0)).containsEntry("category", "DIRECT").containsEntry("views", 4);
        assertThat(total.get(0).get("share")).isEqualTo(0.4);
        assertThat(total).extracting(s -> s.get("category")).hasSize(7);
    }

    @Test
    void anIdOfNoArticle_givesZeros_andReadersMayNotAsk() {
        Instant now = Instant.now();
        String nobody = news.graphql.GlobalId.encode("Article", 987_654_321L);
        editor().document(QUERY)
                .variable("a", nobody)
                .variable("from", now.minus(Duration.ofHours(3)).toString())
                .variable("to", now.toString())
                .execute()
                .path("analytics.articleOverTime.article")
                .valueIsNull()
                .path("analytics.articleOverTime.views")
                .entity(Integer.class)
                .isEqualTo(0)
                .path("analytics.articleOverTime.points")
                .entityList(Object.class)
                .hasSize(4);
        graphQlClient()
                .mutate()
                .headers(h -> h.setBearerAuth(Tokens.token("pembaca", List.of(), Duration.ofMinutes(5), Tokens.SECRET)))
                .build()
                .document(QUERY)
                .variable("a", nobody)
                .variable("from", now.minus(Duration.ofHours(3)).toString())
                .variable("to", now.toString())
                .execute()
                .errors()
                .expect(e -> e.getErrorType() == ErrorType.FORBIDDEN);
    }

    @SuppressWarnings("unchecked")
    private static List<Map.Entry<String, Integer>> sources(Map<String, Object> point) {
        return ((List<Map<String, Object>>) point.get("sources"))
                .stream()
                        .map(s -> Map.entry(s.get("category").toString(), (Integer) s.get("views")))
                        .toList();
    }

    private void hour(long article, Instant hour, int views, int seconds, Map<String, Integer> sources) {
        String at = hour.toString();
        dsl.execute(
                "insert into article_views_hourly (article_id, hour, views) values (?, ?::timestamptz, ?)",
                article,
                at,
                views);
        dsl.execute(
                "insert into article_engaged_hourly (article_id, hour, seconds) values (?, ?::timestamptz, ?)",
                article,
                at,
                seconds);
        sources.forEach((category, n) -> dsl.execute(
                "insert into article_sources_hourly (article_id, hour, category, views) values (?, ?::timestamptz, ?, ?)",
                article,
                at,
                category,
                n));
    }

    private GraphQlTester editor() {
        return graphQlClient().mutate().headers(Tokens.editor("redaksi")).build();
    }
}
