package news.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import news.GraphQlClient;
import news.IntegrationTest;
import news.SqlStatementCounter;

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
        List<String> small = statementsOf(PAGE, 5, 5);
        List<String> large = statementsOf(PAGE, 50, 50);
        assertThat(large).hasSameSizeAs(small);
        // page, count, reporters, tags; plus the section tree when its short-lived cache is cold.
        assertThat(large.size()).isBetween(4, 5);
    }

    @Test
    void sectionFronts_loadAllSectionListsInOneBatch() {
        graphQl.document(FRONTS).execute().errors().verify();
        sql.reset();
        graphQl.document(FRONTS).execute().errors().verify();
        // pages of all sections (one UNION ALL), their counts, reporters, tags, bodies; maybe the section tree.
        assertThat(sql.statements().size()).isBetween(5, 6);
    }

    private List<String> statementsOf(String document, int first, int expectedEdges) {
        graphQl.document(document).variable("first", first).execute().errors().verify();
        sql.reset();
        graphQl.document(document)
            .variable("first", first)
            .execute()
            .path("articles.edges").entityList(Object.class).hasSize(expectedEdges);
        return sql.statements();
    }
}
