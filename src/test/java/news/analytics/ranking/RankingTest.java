package news.analytics.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import news.HttpTestBase;
import news.IntegrationTest;
import news.SqlStatementCounter;
import news.Tokens;
import news.analytics.ingest.AnalyticsFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** The popular and trending lists: order, windows in the newsroom zone, previous ranks, and the cache. */
@IntegrationTest
class RankingTest extends HttpTestBase {

    private static final String POPULAR = """
            query($window: PopularityWindow, $section: String, $first: Int) {
              popular(window: $window, section: $section, first: $first) {
                rank views previousRank article { id slug views(window: $window) }
              }
            }
            """;

    @Autowired
    ApplicationContext context;

    @Autowired
    SqlStatementCounter sql;

    AnalyticsFixtures fixtures;

    HttpGraphQlTester graphQl;

    @BeforeEach
    void setUp() {
        fixtures = new AnalyticsFixtures(context);
        graphQl = graphQlClient();
    }

    @AfterEach
    void resetClock() {
        fixtures.clock().reset();
    }

    private void views(long article, int count, String visitorPrefix) {
        assertThat(fixtures.recordViews(article, count, visitorPrefix)).allMatch("ACCEPTED"::equals);
    }

    @Test
    void popular_listsArticlesInTheOrderOfTheirViews() {
        long second = fixtures.article(3);
        long first = fixtures.article(2);
        long third = fixtures.article(1);
        // 1,000 views in the proportions 5 : 3 : 2, interleaved as readers would send them.
        for (int round = 0; round < 100; round++) {
            views(first, 5, "r" + round + "-a");
            views(second, 3, "r" + round + "-b");
            views(third, 2, "r" + round + "-c");
        }
        fixtures.flush();

        graphQl.document(POPULAR)
                .variable("window", "LAST_HOUR")
                .variable("section", fixtures.section)
                .variable("first", 10)
                .execute()
                .path("popular[*].article.id")
                .entityList(String.class)
                .containsExactly(AnalyticsFixtures.id(first), AnalyticsFixtures.id(second), AnalyticsFixtures.id(third))
                .path("popular[*].views")
                .entityList(Integer.class)
                .containsExactly(500, 300, 200)
                .path("popular[*].rank")
                .entityList(Integer.class)
                .containsExactly(1, 2, 3)
                .path("popular[*].article.views")
                .entityList(Integer.class)
                .containsExactly(500, 300, 200);
    }

    @Test
    void popular_breaksTiesByPublishTimeThenId() {
        long older = fixtures.article(5);
        long newer = fixtures.article(1);
        views(older, 7, "o");
        views(newer, 7, "n");
        fixtures.flush();

        graphQl.document(POPULAR)
                .variable("window", "LAST_24_HOURS")
                .variable("section", fixtures.section)
                .variable("first", 10)
                .execute()
                .path("popular[*].article.id")
                .entityList(String.class)
                .containsExactly(AnalyticsFixtures.id(newer), AnalyticsFixtures.id(older));
    }

    @Test
    void popular_todayBeginsAtMidnightInJakartaNotUtc() {
        long lateYesterday = fixtures.article(48);
        long earlyToday = fixtures.article(48);
        // 23:30 WIB on 25 November is 16:30 UTC; 00:30 WIB on 26 November is 17:30 UTC the same UTC day.
        fixtures.clock().set(Instant.parse("2026-11-25T16:30:00Z"));
        views(lateYesterday, 4, "malam");
        fixtures.clock().set(Instant.parse("2026-11-25T17:30:00Z"));
        views(earlyToday, 2, "pagi");
        fixtures.flush();
        fixtures.clock().set(Instant.parse("2026-11-26T03:00:00Z"));
        // Windows move on the flusher's schedule, never on a read.
        fixtures.flush();

        graphQl.document(POPULAR)
                .variable("window", "TODAY")
                .variable("section", fixtures.section)
                .variable("first", 10)
                .execute()
                .path("popular[*].article.id")
                .entityList(String.class)
                .containsExactly(AnalyticsFixtures.id(earlyToday))
                .path("popular[0].views")
                .entity(Integer.class)
                .isEqualTo(2)
                // Yesterday's equally long stretch before midnight (13:00 to 24:00 WIB) ranks the late article first.
                .path("popular[0].previousRank")
                .valueIsNull();
        graphQl.document(POPULAR)
                .variable("window", "LAST_24_HOURS")
                .variable("section", fixtures.section)
                .variable("first", 10)
                .execute()
                .path("popular[*].article.id")
                .entityList(String.class)
                .containsExactly(AnalyticsFixtures.id(lateYesterday), AnalyticsFixtures.id(earlyToday));
    }

    @Test
    void popular_previousRankIsTheRankInThePrecedingWindow() {
        long falling = fixtures.article(30);
        long rising = fixtures.article(30);
        Instant now = Instant.parse("2026-11-20T10:15:00Z");
        fixtures.clock().set(now.minusSeconds(3 * 3600));
        views(falling, 9, "lalu-a");
        views(rising, 3, "lalu-b");
        fixtures.clock().set(now);
        views(falling, 2, "kini-a");
        views(rising, 6, "kini-b");
        fixtures.flush();

        // LAST_HOUR at 10:15 reads 09:00-11:00; the preceding window is 07:00-09:00.
        graphQl.document(POPULAR)
                .variable("window", "LAST_HOUR")
                .variable("section", fixtures.section)
                .variable("first", 10)
                .execute()
                .path("popular[*].article.id")
                .entityList(String.class)
                .containsExactly(AnalyticsFixtures.id(rising), AnalyticsFixtures.id(falling))
                .path("popular[*].previousRank")
                .entityList(Integer.class)
                .containsExactly(2, 1);
    }

    @Test
    void popular_burstOfReadersOnAColdKeyRunsTheRankingQueryOnce() throws Exception {
        long article = fixtures.article(1);
        views(article, 3, "burst");
        fixtures.flush();
        sql.reset();
        int readers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> answers = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return graphQlClient()
                        .document("""
                        query($section: String) { popular(window: LAST_7_DAYS, section: $section, first: 5) {
                          article { id } } }
                        """)
                        .variable("section", fixtures.section)
                        .execute()
                        .path("popular[*].article.id")
                        .entityList(String.class)
                        .get();
            }));
        }
        start.countDown();
        for (Future<List<String>> answer : answers) {
            assertThat(answer.get()).containsExactly(AnalyticsFixtures.id(article));
        }
        pool.shutdown();

        List<String> statements = sql.statements();
        // One ranking over the window and one for the previous window's ranks, shared by all; the listed articles are
        // read by primary key by the readers that found them in no memory (some of the first ones, at once), then
        // taken from memory until a change names them.
        assertThat(statements)
                .filteredOn(s -> s.startsWith(
                        "select \"article_views_window\".\"article_id\", \"article_views_window\".\"views\""))
                .hasSize(1);
        assertThat(statements).filteredOn(s -> s.contains("row_number()")).hasSize(1);
        assertThat(statements).filteredOn(RankingTest::readsArticles).hasSizeBetween(1, readers);
    }

    @Test
    void popular_takesItsArticlesFromMemory_untilAChangeNamesThem() {
        long article = fixtures.article(1);
        views(article, 3, "ingatan");
        fixtures.flush();
        String query = """
                query($section: String) { popular(window: LAST_7_DAYS, section: $section, first: 5) {
                  article { id headline } } }
                """;
        String before = headline(query);
        sql.reset();
        assertThat(headline(query)).isEqualTo(before);
        assertThat(sql.statements()).filteredOn(RankingTest::readsArticles).isEmpty();

        // An edit through the newsroom announces the change: the next read has the new headline.
        int version =
                ((Number) fixtures.dsl().fetchValue("select version from article where id = ?", article)).intValue();
        String edited = "Judul disunting " + article;
        graphQlClient()
                .mutate()
                .headers(Tokens.editor("ani"))
                .build()
                .document("mutation($input: UpdateArticleInput!) { updateArticle(input: $input) { __typename } }")
                .variable("input", Map.of("id", AnalyticsFixtures.id(article), "version", version, "headline", edited))
                .execute()
                .path("updateArticle.__typename")
                .entity(String.class)
                .isEqualTo("ArticlePayload");
        sql.reset();
        assertThat(headline(query)).isEqualTo(edited);
        assertThat(sql.statements()).filteredOn(RankingTest::readsArticles).hasSize(1);

        // Changed in the database by hand, which announces nothing: the list shows the article as last read until
        // the memory's bound, or until anything drops the rankings.
        fixtures.dsl().execute("update article set headline = ? where id = ?", "Diubah langsung " + article, article);
        assertThat(headline(query)).isEqualTo(edited);
        context.getBean(Rankings.class).invalidateAll();
        assertThat(headline(query)).isEqualTo("Diubah langsung " + article);
    }

    private String headline(String query) {
        return graphQl.document(query)
                .variable("section", fixtures.section)
                .execute()
                .path("popular[0].article.headline")
                .entity(String.class)
                .get();
    }

    /** The lists' read of their articles by primary key. */
    private static boolean readsArticles(String statement) {
        return statement.startsWith("select \"article\".\"id\", \"article\".\"slug\"");
    }

    @Test
    void trending_listsArticlesWhoseRateRises() {
        long steady = fixtures.article(40);
        long rising = fixtures.article(40);
        Instant now = Instant.parse("2026-11-21T10:30:00Z");
        // The steady one had 10 views in each of the 24 hours before; both have 30 in the current hour.
        for (int h = 2; h <= 25; h++) {
            fixtures.clock().set(now.minusSeconds(h * 3600L));
            views(steady, 10, "tetap-" + h + "-");
        }
        fixtures.clock().set(now);
        views(steady, 30, "tetap-kini-");
        views(rising, 30, "naik-");
        fixtures.flush();

        graphQl.document("""
                query($section: String) { trending(section: $section, first: 10) { rank views article { id } } }
                """)
                .variable("section", fixtures.section)
                .execute()
                .path("trending[*].article.id")
                .entityList(String.class)
                .containsExactly(AnalyticsFixtures.id(rising), AnalyticsFixtures.id(steady))
                .path("trending[*].views")
                .entityList(Integer.class)
                .containsExactly(30, 30);
    }

    @Test
    void popular_demoContentHasAViewHistoryOnFirstStart() {
        List<Integer> views = graphQl.document("{ popular(window: LAST_7_DAYS, first: 10) { views } }")
                .execute()
                .path("popular[*].views")
                .entityList(Integer.class)
                .hasSizeGreaterThan(5)
                .get();
        assertThat(views).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(views.get(views.size() - 1)).isPositive();
    }

    @Test
    void views_windowTotalsFollowTheClockAsHoursTurn() {
        long article = fixtures.article(30);
        String query = "query($id: ID!) { node(id: $id) { ... on Article { hour: views(window: LAST_HOUR) "
                + "day: views(window: LAST_24_HOURS) } } }";
        fixtures.clock().set(Instant.parse("2026-11-19T10:50:00Z"));
        views(article, 4, "jam10-");
        fixtures.flush();
        fixtures.clock().set(Instant.parse("2026-11-19T11:10:00Z"));
        views(article, 3, "jam11-");
        fixtures.flush();
        graphQl.document(query)
                .variable("id", AnalyticsFixtures.id(article))
                .execute()
                .path("node.hour")
                .entity(Integer.class)
                .isEqualTo(7)
                .path("node.day")
                .entity(Integer.class)
                .isEqualTo(7);

        // At 12:05 LAST_HOUR reads the 11:00 and 12:00 buckets: the 10:00 views have left it.
        fixtures.clock().set(Instant.parse("2026-11-19T12:05:00Z"));
        fixtures.flush();
        graphQl.document(query)
                .variable("id", AnalyticsFixtures.id(article))
                .execute()
                .path("node.hour")
                .entity(Integer.class)
                .isEqualTo(3)
                .path("node.day")
                .entity(Integer.class)
                .isEqualTo(7);
        fixtures.clock().set(Instant.parse("2026-11-20T11:30:00Z"));
        fixtures.flush();
        graphQl.document(query)
                .variable("id", AnalyticsFixtures.id(article))
                .execute()
                .path("node.hour")
                .entity(Integer.class)
                .isEqualTo(0)
                .path("node.day")
                .entity(Integer.class)
                .isEqualTo(3);
    }
}
