package news.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import news.DrillIntegrationTest;
import news.HttpTestBase;
import news.SecondInstance;
import news.Tokens;
import news.db.Tables;
import news.graphql.GlobalId;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Changes of sections and reporters reach a second instance (its own application context on the same database)
 * within the bound, far sooner than the section tree's age limit; and an instance whose listening connection is cut
 * reconnects and forgets what it may have missed meanwhile.
 */
@DrillIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentChangesIT extends HttpTestBase {

    static final Duration BOUND = Duration.ofSeconds(2);

    private static final String BROWSER =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " + "Chrome/124.0 Safari/537.36";

    @Autowired
    DSLContext dsl;

    @Autowired
    ContentChanges changes;

    @Autowired
    ApplicationContext context;

    ConfigurableApplicationContext second;

    HttpGraphQlTester here;

    HttpGraphQlTester there;

    HttpGraphQlTester admin;

    int visitors;

    @BeforeAll
    void secondInstance() {
        second = SecondInstance.beside(context);
    }

    @BeforeEach
    void setUp() {
        here = client(port);
        there = client(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));
        admin = here.mutate().headers(Tokens.admin("redaktur")).build();
    }

    private static HttpGraphQlTester client(int port) {
        // A generous timeout: two services and their database share a busy machine here.
        return HttpGraphQlTester.create(WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port + "/graphql")
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("User-Agent", BROWSER)
                .build());
    }

    @Test
    void sectionAndReporterChanges_reachAnotherInstanceWithinTheBound() throws Exception {
        String slug = Fixtures.unique("wilayah");
        String id = admin.document("""
                mutation($input: CreateSectionInput!) { createSection(input: $input) {
                  ... on SectionPayload { section { id } } } }
                """)
                .variable("input", Map.of("name", "Wilayah", "slug", slug, "parent", "berita"))
                .execute()
                .path("createSection.section.id")
                .entity(String.class)
                .get();
        assertThat(sectionName(here, slug)).isEqualTo("Wilayah");
        // Created on the first instance; the second has its tree cached from before and is told.
        assertThat(Duration.ofNanos(within(() -> "Wilayah".equals(sectionName(there, slug)))))
                .isLessThan(BOUND);

        admin.document("""
                mutation($input: RenameSectionInput!) { renameSection(input: $input) { __typename } }
                """)
                .variable("input", Map.of("id", id, "name", "Daerah"))
                .execute()
                .path("renameSection.__typename")
                .entity(String.class)
                .isEqualTo("SectionPayload");
        assertThat(sectionName(here, slug)).isEqualTo("Daerah");
        assertThat(Duration.ofNanos(within(() -> "Daerah".equals(sectionName(there, slug)))))
                .isLessThan(BOUND);

        admin.document("""
                mutation($input: MoveSectionInput!) { moveSection(input: $input) { __typename } }
                """)
                .variable("input", Map.of("id", id))
                .execute()
                .path("moveSection.__typename")
                .entity(String.class)
                .isEqualTo("SectionPayload");
        assertThat(Duration.ofNanos(within(() -> sectionPath(there, slug).equals(List.of(slug)))))
                .isLessThan(BOUND);

        String reporter = Fixtures.unique("penulis");
        long reporterId = new Fixtures(dsl).reporter(reporter, "Penulis Lama");
        String bylined = Fixtures.unique("berita-penulis");
        long bylinedId = new Fixtures(dsl)
                .article(
                        bylined,
                        "berita",
                        "PUBLISHED",
                        OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1),
                        "[]");
        dsl.insertInto(Tables.ARTICLE_REPORTER)
                .set(Tables.ARTICLE_REPORTER.ARTICLE_ID, bylinedId)
                .set(Tables.ARTICLE_REPORTER.REPORTER_ID, reporterId)
                .set(Tables.ARTICLE_REPORTER.POSITION, -1)
                .execute();
        assertThat(reporterName(there, reporter)).isEqualTo("Penulis Lama");
        // Bylines in lists and on article pages come from each instance's reporter directory, kept in memory.
        assertThat(bylines(here, bylined)).containsExactly("Penulis Lama", "Penulis Lama");
        assertThat(bylines(there, bylined)).containsExactly("Penulis Lama", "Penulis Lama");
        admin.document("""
                mutation($input: UpdateReporterInput!) { updateReporter(input: $input) { __typename } }
                """)
                .variable("input", Map.of("id", GlobalId.encode("Reporter", reporterId), "name", "Penulis Baru"))
                .execute()
                .path("updateReporter.__typename")
                .entity(String.class)
                .isEqualTo("ReporterPayload");
        assertThat(reporterName(here, reporter)).isEqualTo("Penulis Baru");
        assertThat(bylines(here, bylined)).containsExactly("Penulis Baru", "Penulis Baru");
        assertThat(Duration.ofNanos(within(() -> "Penulis Baru".equals(reporterName(there, reporter)))))
                .isLessThan(BOUND);
        assertThat(Duration.ofNanos(
                        within(() -> List.of("Penulis Baru", "Penulis Baru").equals(bylines(there, bylined)))))
                .isLessThan(BOUND);
    }

    /** The first name of the article's byline as the latest list shows it, then as its article page shows it. */
    @SuppressWarnings("unchecked")
    private static List<String> bylines(HttpGraphQlTester instance, String slug) {
        GraphQlTester.Response response =
                instance.document("""
                        query($slug: String!) {
                          latest(first: 50) { edges { node { slug reporters { name } } } }
                          article(slug: $slug) { reporters { name } }
                        }
                        """).variable("slug", slug).execute();
        List<Map<String, Object>> nodes = response.path("latest.edges[*].node")
                .entityList(new ParameterizedTypeReference<Map<String, Object>>() {})
                .get();
        Object listed = nodes.stream()
                .filter(n -> slug.equals(n.get("slug")))
                .findFirst()
                .map(n ->
                        ((List<Map<String, Object>>) n.get("reporters")).get(0).get("name"))
                .orElse(null);
        String page =
                response.path("article.reporters[0].name").entity(String.class).get();
        List<String> names = new ArrayList<>();
        names.add((String) listed);
        names.add(page);
        return names;
    }

    @Test
    void listener_reconnectsAfterItsConnectionIsCut_andForgetsWhatItMayHaveMissed() throws Exception {
        Fixtures fixtures = new Fixtures(dsl);
        long article = fixtures.article(
                Fixtures.unique("terputus"),
                "berita",
                "PUBLISHED",
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(1),
                "[]");
        String id = GlobalId.encode("Article", article);
        assertThat(counted(here, id)).isTrue();
        assertThat(counted(there, id)).isTrue();

        // Withdrawn behind the newsroom's back: nothing is announced, as with a notification lost in transit.
        dsl.update(Tables.ARTICLE)
                .set(Tables.ARTICLE.STATUS, "DRAFT")
                .where(Tables.ARTICLE.ID.eq(article))
                .execute();
        assertThat(counted(here, id)).as("the cached answer still holds").isTrue();

        int cut = dsl.fetchOne("select count(pg_terminate_backend(pid)) from pg_stat_activity "
                        + "where application_name = 'news-content-listener' and datname = current_database()")
                .get(0, Integer.class);
        assertThat(cut).isGreaterThanOrEqualTo(2);

        // The first retry comes after a second; after it every cache starts afresh.
        assertThat(Duration.ofNanos(within(() -> !counted(here, id)))).isLessThan(Duration.ofSeconds(5));
        within(changes::listening);
        within(second.getBean(ContentChanges.class)::listening);
        within(() -> dsl.fetchOne("select count(*) from pg_stat_activity "
                                + "where application_name = 'news-content-listener' and datname = current_database()")
                        .get(0, Integer.class)
                >= 2);
        assertThat(counted(there, id)).isFalse();
    }

    private static String sectionName(HttpGraphQlTester instance, String slug) {
        return instance.document("query($slug: String!) { section(slug: $slug) { name } }")
                .variable("slug", slug)
                .execute()
                .returnResponse()
                .field("section.name")
                .getValue();
    }

    private static List<String> sectionPath(HttpGraphQlTester instance, String slug) {
        return instance.document("query($slug: String!) { section(slug: $slug) { path { slug } } }")
                .variable("slug", slug)
                .execute()
                .path("section.path[*].slug")
                .entityList(String.class)
                .get();
    }

    private static String reporterName(HttpGraphQlTester instance, String slug) {
        return instance.document("query($slug: String!) { reporter(slug: $slug) { name } }")
                .variable("slug", slug)
                .execute()
                .path("reporter.name")
                .entity(String.class)
                .get();
    }

    /** Reports a view by a new visitor; false when it is refused as not a published article. */
    private boolean counted(HttpGraphQlTester instance, String id) {
        List<ResponseError> errors = new ArrayList<>();
        GraphQlTester.Response response = instance.document("""
                mutation($id: ID!, $visitor: String) { recordView(input: {articleId: $id, visitorId: $visitor}) {
                  counted } }
                """)
                .variable("id", id)
                .variable("visitor", "putus-" + (++visitors))
                .execute();
        response.errors().satisfy(errors::addAll);
        if (!errors.isEmpty()) {
            assertThat(errors)
                    .singleElement()
                    .satisfies(e -> assertThat(e.getMessage()).contains("No published"));
            return false;
        }
        return response.path("recordView.counted").entity(Boolean.class).get();
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
