package news.analytics.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import news.DrillIntegrationTest;
import news.HttpTestBase;
import news.SecondInstance;
import news.SqlStatementCounter;
import news.Tokens;
import news.analytics.ingest.AnalyticsFixtures;
import news.section.SectionDirectory;
import news.support.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An article that is archived or unpublished leaves the popular and trending lists and stops being counted at once on
 * the instance that made the change, and on a second instance of the service (its own application context, over
 * HTTP, on the same database) within {@link #BOUND}; published again, it comes back. The same holds for answers the
 * instances keep in their response caches (GET), and a recomputed ranking replaces a kept popular answer.
 */
@DrillIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WithdrawnArticlesIT extends HttpTestBase {

    /** The bound the README states for other instances: the notification's trip, with room for a loaded machine. */
    static final Duration BOUND = Duration.ofSeconds(2);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String LISTS = """
            query($section: String) {
              popular(window: LAST_HOUR, section: $section, first: 10) {
                rank views article { id headline status views(window: LAST_HOUR) }
              }
              trending(section: $section, first: 10) { rank article { id status } }
            }
            """;

    private static final String TOP_ONE = """
            query($section: String) { popular(window: LAST_HOUR, section: $section, first: 1) { article { id } } }
            """;

    private static final String ARTICLE = """
            query($id: ID!) { node(id: $id) { ... on Article { id views(window: LAST_HOUR) } } }
            """;

    private static final String RECORD = """
            mutation($id: ID!, $visitor: String) { recordView(input: {articleId: $id, visitorId: $visitor}) {
              counted } }
            """;

    @Autowired
    ApplicationContext context;

    ConfigurableApplicationContext second;

    HttpGraphQlTester here;

    HttpGraphQlTester there;

    HttpGraphQlTester editor;

    AnalyticsFixtures fixtures;

    int visitors;

    @BeforeAll
    void secondInstance() {
        second = SecondInstance.beside(context);
    }

    @BeforeEach
    void setUp() {
        fixtures = new AnalyticsFixtures(context);
        new Fixtures(fixtures.dsl()).reporter("ani", "Ani Rahmawati");
        // The fixture's section is written by SQL, which announces nothing.
        second.getBean(SectionDirectory.class).invalidate();
        here = browser(port);
        there = browser(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));
        editor = browser(port).mutate().headers(Tokens.editor("ani")).build();
    }

    private static HttpGraphQlTester browser(int port) {
        // A generous timeout: two services and their database share a busy machine here.
        WebTestClient client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port + "/graphql")
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("User-Agent", AnalyticsFixtures.BROWSER)
                .build();
        return HttpGraphQlTester.create(client);
    }

    /** A published article with {@code views} views in the current hour: enough to be popular and trending. */
    private long popularArticle(int views) {
        long article = fixtures.article(30);
        fixtures.recordViews(article, views, "pembaca-" + article + "-");
        return article;
    }

    @Test
    void archivedArticle_leavesRankingsAndIngestionAtOnceHere_andWithinTheBoundOnAnotherInstance() throws Exception {
        long article = popularArticle(40);
        long runnerUp = popularArticle(30);
        fixtures.flush();
        String id = AnalyticsFixtures.id(article);
        for (HttpGraphQlTester instance : List.of(here, there)) {
            // Both instances cache the lists and the answer "this article may be counted".
            assertThat(popular(instance)).containsExactly(id, AnalyticsFixtures.id(runnerUp));
            assertThat(trending(instance)).contains(id);
            assertThat(topOne(instance)).containsExactly(id);
            assertThat(counted(instance, id)).isTrue();
            instance.document(LISTS)
                    .variable("section", fixtures.section)
                    .execute()
                    .path("popular[0].article.status")
                    .entity(String.class)
                    .isEqualTo("PUBLISHED");
        }

        change("archiveArticle", id, 1);

        assertGone(here, id);
        assertThat(counted(here, id)).isFalse();
        // The lists are checked against the database on every read: the other instance is exact at once too.
        assertGone(there, id);
        long bound = within(() -> !counted(there, id));
        assertThat(Duration.ofNanos(bound)).isLessThan(BOUND);
        // The shortened list is refilled in the background, without a reader waiting for it.
        within(() -> topOne(there).equals(List.of(AnalyticsFixtures.id(runnerUp))));
        within(() -> topOne(here).equals(List.of(AnalyticsFixtures.id(runnerUp))));
    }

    @Test
    void unpublishedArticle_leavesRankingsAndIngestion_andComesBackWhenPublishedAgain() throws Exception {
        long article = popularArticle(40);
        fixtures.flush();
        String id = AnalyticsFixtures.id(article);
        for (HttpGraphQlTester instance : List.of(here, there)) {
            assertThat(popular(instance)).containsExactly(id);
            assertThat(trending(instance)).containsExactly(id);
            assertThat(counted(instance, id)).isTrue();
        }

        int version = change("unpublishArticle", id, 1);

        assertGone(here, id);
        assertThat(counted(here, id)).isFalse();
        assertGone(there, id);
        assertThat(Duration.ofNanos(within(() -> !counted(there, id)))).isLessThan(BOUND);

        change("publishArticle", id, version);

        // Publication is announced too: no instance keeps a "not published" answer or an old list for long.
        assertThat(counted(here, id)).isTrue();
        assertThat(Duration.ofNanos(within(() -> counted(there, id)))).isLessThan(BOUND);
        for (HttpGraphQlTester instance : List.of(here, there)) {
            within(() ->
                    popular(instance).equals(List.of(id)) && trending(instance).equals(List.of(id)));
            instance.document(LISTS)
                    .variable("section", fixtures.section)
                    .execute()
                    .path("popular[0].article.status")
                    .entity(String.class)
                    .isEqualTo("PUBLISHED")
                    .path("popular[0].article.views")
                    .entity(Integer.class)
                    .satisfies(views -> assertThat(views).isGreaterThanOrEqualTo(40));
        }
    }

    private static final String CACHED_PAGES = """
            query CachedPages($id: ID!, $section: String) {
              node(id: $id) { ... on Article { id } }
              latest(section: $section, first: 10) { edges { node { id } } }
              popular(window: LAST_HOUR, section: $section, first: 10) { article { id } }
            }
            """;

    private static final String CACHED_POPULAR = """
            query CachedPopular($section: String) {
              popular(window: LAST_HOUR, section: $section, first: 10) { article { id } }
            }
            """;

    @Test
    void withdrawnArticle_leavesCachedGetAnswersAtOnceHere_andWithinTheBoundOnAnotherInstance() throws Exception {
        long article = popularArticle(40);
        long other = popularArticle(30);
        fixtures.flush();
        String id = AnalyticsFixtures.id(article);
        int herePort = port;
        int therePort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
        Map<String, Object> variables = Map.of("id", id, "section", fixtures.section);
        SqlStatementCounter sql = context.getBean(SqlStatementCounter.class);
        for (int instance : List.of(herePort, therePort)) {
            for (int i = 0; i < 2; i++) {
                sql.reset();
                JsonNode data = get(instance, CACHED_PAGES, variables).at("/data");
                assertThat(data.at("/node/id").asString()).isEqualTo(id);
                assertThat(data.at("/latest/edges").findValuesAsString("id")).contains(id);
                assertThat(data.at("/popular").findValuesAsString("id"))
                        .containsExactly(id, AnalyticsFixtures.id(other));
                if (i == 1 && instance == herePort) {
                    // Served from the response cache.
                    assertThat(sql.statements()).isEmpty();
                }
            }
        }

        change("archiveArticle", id, 1);

        JsonNode here = get(herePort, CACHED_PAGES, variables).at("/data");
        assertThat(here.at("/node").isNull()).isTrue();
        assertThat(here.at("/latest/edges").findValuesAsString("id")).doesNotContain(id);
        assertThat(here.at("/popular").findValuesAsString("id")).doesNotContain(id);
        long bound = within(() -> {
            JsonNode there = get(therePort, CACHED_PAGES, variables).at("/data");
            return there.at("/node").isNull()
                    && !there.at("/latest/edges").findValuesAsString("id").contains(id)
                    && !there.at("/popular").findValuesAsString("id").contains(id);
        });
        assertThat(Duration.ofNanos(bound)).isLessThan(BOUND);
    }

    @Test
    void rankingRefresh_replacesACachedPopularGetAnswer() throws Exception {
        long first = popularArticle(40);
        long second = popularArticle(30);
        fixtures.flush();
        Map<String, Object> variables = Map.of("section", fixtures.section);
        List<String> before =
                get(port, CACHED_POPULAR, variables).at("/data/popular").findValuesAsString("id");
        assertThat(before).containsExactly(AnalyticsFixtures.id(first), AnalyticsFixtures.id(second));
        assertThat(get(port, CACHED_POPULAR, variables).at("/data/popular").findValuesAsString("id"))
                .isEqualTo(before);

        fixtures.recordViews(second, 30, "penggemar-" + second + "-");
        fixtures.flush();
        context.getBean(Rankings.class).invalidateAll();

        within(() -> get(port, CACHED_POPULAR, variables)
                .at("/data/popular")
                .findValuesAsString("id")
                .equals(List.of(AnalyticsFixtures.id(second), AnalyticsFixtures.id(first))));
    }

    /** GET /graphql, as a browser or CDN sends it. */
    private static JsonNode get(int port, String query, Map<String, Object> variables) {
        String uri = "http://localhost:" + port + "/graphql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&variables=" + URLEncoder.encode(JSON.writeValueAsString(variables), StandardCharsets.UTF_8);
        byte[] body = WebTestClient.bindToServer()
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .get()
                .uri(URI.create(uri))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body);
    }

    private void assertGone(HttpGraphQlTester instance, String id) {
        assertThat(popular(instance)).doesNotContain(id);
        assertThat(trending(instance)).doesNotContain(id);
        assertThat(topOne(instance)).doesNotContain(id);
        instance.document(ARTICLE).variable("id", id).execute().path("node").valueIsNull();
    }

    private List<String> popular(HttpGraphQlTester instance) {
        return instance.document(LISTS)
                .variable("section", fixtures.section)
                .execute()
                .path("popular[*].article.id")
                .entityList(String.class)
                .get();
    }

    private List<String> trending(HttpGraphQlTester instance) {
        return instance.document(LISTS)
                .variable("section", fixtures.section)
                .execute()
                .path("trending[*].article.id")
                .entityList(String.class)
                .get();
    }

    private List<String> topOne(HttpGraphQlTester instance) {
        return instance.document(TOP_ONE)
                .variable("section", fixtures.section)
                .execute()
                .path("popular[*].article.id")
                .entityList(String.class)
                .get();
    }

    /** Reports a view by a new visitor; false when it is refused as not a published article. */
    private boolean counted(HttpGraphQlTester instance, String id) {
        List<ResponseError> errors = new ArrayList<>();
        GraphQlTester.Response response = instance.document(RECORD)
                .variable("id", id)
                .variable("visitor", "uji-" + (++visitors))
                .execute();
        response.errors().satisfy(errors::addAll);
        if (!errors.isEmpty()) {
            assertThat(errors).singleElement().satisfies(e -> {
                assertThat(e.getErrorType().toString()).isEqualTo("BAD_REQUEST");
                assertThat(e.getMessage()).contains("No published article");
            });
            return false;
        }
        return response.path("recordView.counted").entity(Boolean.class).get();
    }

    /** Runs an article workflow mutation on the first instance; answers the new version. */
    @SuppressWarnings("unchecked")
    private int change(String mutation, String id, int version) {
        Map<String, Object> result = editor.document("mutation($input: ArticleVersionInput!) { " + mutation
                        + "(input: $input) { __typename ... on ArticlePayload { article { version } } } }")
                .variable("input", Map.of("id", id, "version", version))
                .execute()
                .path(mutation)
                .entity(Map.class)
                .get();
        assertThat(result).containsEntry("__typename", "ArticlePayload");
        return (Integer) ((Map<String, Object>) result.get("article")).get("version");
    }

    /** Waits until the condition holds (at most ten seconds) and answers how long that took, in nanoseconds. */
    static long within(BooleanSupplier condition) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition still false after 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        return System.nanoTime() - started;
    }
}
