package news.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import news.GraphQlClient;
import news.IntegrationTest;
import news.SqlStatementCounter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Guards against N+1: the statements a page query executes must not grow with the page size. */
@IntegrationTest
class QueryCostTest {

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

    @LocalServerPort
    int port;

    @Autowired
    SqlStatementCounter sql;

    HttpGraphQlTester graphQl;

    @BeforeEach
    void setUp() {
        graphQl = GraphQlClient.forPort(port);
    }

    @Test
    void articlesPage_statementCountDoesNotGrowWithPageSize() {
        // page, count, reporters, tags; the section tree is left out: it is read again whenever its short-lived
        // cache has expired, which on a slow machine may happen between the two requests.
        List<String> small = withoutSectionTree(statementsOf(PAGE, 5, 5));
        List<String> large = withoutSectionTree(statementsOf(PAGE, 50, 50));
        assertThat(large).hasSameSizeAs(small);
        assertThat(large).hasSize(4);
    }

    private static List<String> withoutSectionTree(List<String> statements) {
        return statements.stream().filter(s -> !s.contains("from \"section\"")).toList();
    }

    @Test
    void sectionFronts_loadAllSectionListsInOneBatch() {
        graphQl.document(FRONTS).execute().errors().verify();
        sql.reset();
        graphQl.document(FRONTS).execute().errors().verify();
        // pages of all sections (one UNION ALL), their counts, reporters, tags, bodies; maybe the section tree.
        assertThat(sql.statements().size()).isBetween(5, 6);
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
