package news.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import news.HttpTestBase;
import news.IntegrationTest;
import news.SqlStatementCounter;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Guards against N+1: the statements a page query executes must not grow with the page size. */
@IntegrationTest
class QueryCostTest extends HttpTestBase {

    private static final String PAGE = """
            query($first: Int) {
              articles(first: $first) {
                totalCount
                edges { cursor node {
                  id slug headline url publishedAt
                  section { slug name path { slug name } }
                  reporters { slug name }
                  tags { slug name }
                  image { url caption credit alt width height }
                } }
                pageInfo { hasNextPage endCursor }
              }
            }
            """;

    private static final String FRONTS = """
            { sections { slug children { slug } articles(first: 5) { totalCount edges { node {
                slug reporters { name } tags { name } body { type } } } } } }
            """;

    private static final String ARTICLE_PAGE = """
            query($slug: String!) {
              article(slug: $slug) {
                id slug headline summary url publishedAt updatedAt
                section { slug name path { slug name } }
                reporters { id slug name bio avatarUrl }
                image { url caption credit alt width height }
                body { type text speaker }
                tags { id slug name }
              }
            }
            """;

    private static final String LIST_PARTS = """
            { latest(first: 30) { edges { node {
                slug reporters { id slug name bio avatarUrl } tags { id slug name } body { type text speaker } } } } }
            """;

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {};

    @Autowired
    SqlStatementCounter sql;

    @Autowired
    DSLContext dsl;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    DataSource dataSource;

    HttpGraphQlTester graphQl;

    @BeforeEach
    void setUp() {
        graphQl = graphQlClient();
    }

    @Test
    void articlesPage_statementCountDoesNotGrowWithPageSize() {
        // page with the reporter ids of each byline, count, tags; the section tree and the reporter directory are
        // left out: they are read again whenever their short-lived caches have expired, which on a slow machine may
        // happen between the two requests.
        List<String> small = withoutDirectories(statementsOf(PAGE, 5, 5));
        List<String> large = withoutDirectories(statementsOf(PAGE, 50, 50));
        assertThat(large).hasSameSizeAs(small);
        assertThat(large).hasSize(3);
    }

    @Test
    void latestWithBylines_isOneStatement_withTheBylinesTheBatchedLoaderGives() {
        // A byline of two among the newest, whatever the tests before this one published.
        long twoReporters = new Fixtures(dsl)
                .article(
                        Fixtures.unique("byline"),
                        "berita",
                        "PUBLISHED",
                        OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1),
                        "[]");
        dsl.execute(
                "insert into article_reporter (article_id, reporter_id, position) select ?, id, 1 from reporter"
                        + " where id not in (select reporter_id from article_reporter where article_id = ?)"
                        + " order by id limit 1",
                twoReporters,
                twoReporters);
        String document = "{ latest(first: 40) { edges { node { id reporters { id slug name } } } } }";
        graphQl.document(document).execute().errors().verify();
        sql.reset();
        List<Map<String, Object>> nodes = graphQl.document(document)
                .execute()
                .path("latest.edges[*].node")
                .entityList(MAP)
                .get();
        assertThat(withoutDirectories(sql.statements())).hasSize(1);
        assertThat(nodes)
                .anySatisfy(n -> assertThat((List<?>) n.get("reporters")).hasSizeGreaterThan(1));
        // node(id:) reads the article alone; its byline comes from the batched loader's join, in the same order.
        for (Map<String, Object> node : nodes) {
            graphQl.document("query($id: ID!) { node(id: $id) { ... on Article { reporters { id slug name } } } }")
                    .variable("id", node.get("id"))
                    .execute()
                    .path("node.reporters")
                    .entity(Object.class)
                    .isEqualTo(node.get("reporters"));
        }
    }

    @Test
    void aListPage_isPlannedOncePerConnection_notOnEveryExecution() throws Exception {
        String document = "{ latest(first: 20) { edges { node { id reporters { name } } } } }";
        graphQl.document(document).execute().errors().verify();
        sql.reset();
        graphQl.document(document).execute().errors().verify();
        String page = sql.statements().stream()
                .filter(s -> s.contains("page_index"))
                .findFirst()
                .orElseThrow();
        // The page size is in the text: a bound limit made PostgreSQL plan the statement again on every execution,
        // since a generic plan cannot know how few rows are asked and so never wins over a custom one.
        assertThat(page).contains("fetch next 21 rows only").doesNotContain("?");
        try (Connection connection = dataSource.getConnection()) {
            // The driver names the statement on the server from its fifth execution (prepareThreshold).
            for (int i = 0; i < 12; i++) {
                try (PreparedStatement statement = connection.prepareStatement(page);
                        ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                }
            }
            try (PreparedStatement plans =
                            connection.prepareStatement("select generic_plans, custom_plans from pg_prepared_statements"
                                    + " where statement like '%page_index%fetch next 21 rows only%'");
                    ResultSet row = plans.executeQuery()) {
                assertThat(row.next())
                        .as("the page statement is prepared on the server")
                        .isTrue();
                assertThat(row.getLong("custom_plans")).isZero();
                assertThat(row.getLong("generic_plans")).isGreaterThanOrEqualTo(5);
            }
        }
    }

    private static List<String> withoutDirectories(List<String> statements) {
        return statements.stream()
                .filter(s -> !s.contains("from \"section\""))
                .filter(s -> !s.contains("from \"reporter\" where \"reporter\".\"id\" in"))
                .toList();
    }

    @Test
    void sectionFronts_loadAllSectionListsInOneBatch() {
        graphQl.document(FRONTS).execute().errors().verify();
        sql.reset();
        graphQl.document(FRONTS).execute().errors().verify();
        // pages of all sections (one UNION ALL, with the reporter ids of each byline), their counts, tags, bodies.
        assertThat(withoutDirectories(sql.statements())).hasSize(4);
    }

    @Test
    void articlePage_readsArticleBodyBylineAndTagsInOneStatement() {
        var list = graphQl.document(LIST_PARTS).execute();
        List<Map<String, Object>> nodes =
                list.path("latest.edges[*].node").entityList(MAP).get();
        Map<String, Object> listed = nodes.stream()
                .filter(n -> !((List<?>) n.get("tags")).isEmpty() && !((List<?>) n.get("reporters")).isEmpty())
                .findFirst()
                .orElseThrow();
        String slug = (String) listed.get("slug");
        graphQl.document(ARTICLE_PAGE).variable("slug", slug).execute().errors().verify();

        sql.reset();
        var page = graphQl.document(ARTICLE_PAGE).variable("slug", slug).execute();

        // the article row with body, byline and tags; maybe the section tree when its short-lived cache is cold.
        assertThat(sql.statements()).hasSizeBetween(1, 2);
        page.path("article.image.url").hasValue();
        // the single read gives what the batched list fields give, in the same order.
        page.path("article.reporters").entity(Object.class).isEqualTo(listed.get("reporters"));
        page.path("article.tags").entity(Object.class).isEqualTo(listed.get("tags"));
        page.path("article.body").entity(Object.class).isEqualTo(listed.get("body"));
    }

    @Test
    void partsAskedThroughFragments_areReadInTheSameStatement() {
        String slug = graphQl.document("{ latest(first: 1) { edges { node { slug } } } }")
                .execute()
                .path("latest.edges[0].node.slug")
                .entity(String.class)
                .get();
        String plain = "query($slug: String!) { article(slug: $slug) { reporters { name } tags { name } body { type } }"
                + " latest(first: 3) { edges { node { reporters { name } } } } }";
        String fragments = "query($slug: String!) { article(slug: $slug) { ...Parts } latest(first: 3) { ...Bylines } }"
                + " fragment Parts on Article { ... on Article { reporters { name } } ...More }"
                + " fragment More on Article { tags { name } body { type } }"
                + " fragment Bylines on ArticleConnection { edges { ... { node { ... on Article { reporters { name } } } } } }";
        Object expected = graphQl.document(plain)
                .variable("slug", slug)
                .execute()
                .returnResponse()
                .getData();
        graphQl.document(fragments).variable("slug", slug).execute().errors().verify();

        sql.reset();
        Object data = graphQl.document(fragments)
                .variable("slug", slug)
                .execute()
                .returnResponse()
                .getData();

        assertThat(data).isEqualTo(expected);
        // the article with its parts, and the latest page with its bylines
        assertThat(withoutDirectories(sql.statements())).hasSize(2);
    }

    @Test
    void articlePage_readsOnlyTheRowWhenNoPartIsAsked() {
        String slug = graphQl.document("{ latest(first: 1) { edges { node { slug } } } }")
                .execute()
                .path("latest.edges[0].node.slug")
                .entity(String.class)
                .get();
        graphQl.document("query($slug: String!) { article(slug: $slug) { headline section { name } } }")
                .variable("slug", slug)
                .execute()
                .errors()
                .verify();
        sql.reset();
        graphQl.document("query($slug: String!) { article(slug: $slug) { headline section { name } } }")
                .variable("slug", slug)
                .execute()
                .path("article.headline")
                .hasValue();
        assertThat(sql.statements())
                .hasSizeBetween(1, 2)
                .allSatisfy(statement ->
                        assertThat(statement).doesNotContain("\"body\"", "article_reporter", "article_tag"));
    }

    private List<String> statementsOf(String document, int first, int expectedEdges) {
        graphQl.document(document).variable("first", first).execute().errors().verify();
        sql.reset();
        graphQl.document(document)
                .variable("first", first)
                .execute()
                .path("articles.edges")
                .entityList(Object.class)
                .hasSize(expectedEdges);
        return sql.statements();
    }
}
