package news.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import news.HttpTestBase;
import news.IntegrationTest;
import news.SqlStatementCounter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

@IntegrationTest
class QueryLimitsTest extends HttpTestBase {

    @Autowired
    SqlStatementCounter sql;

    HttpGraphQlTester graphQl;

    @BeforeEach
    void setUp() {
        graphQl = graphQlClient();
    }

    @Test
    void queryMultiplyingPagesBeyondTheBudget_isRefusedBeforeTouchingTheDatabase() {
        String expensive = """
                { latest(first: 100) { edges { node { reporters { articles(first: 100) { edges { node {
                    headline reporters { name } tags { name } } } } } } } } }
                """;
        sql.reset();
        graphQl.document(expensive).execute().errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).getMessage()).containsIgnoringCase("complexity");
            assertThat(errors.get(0).getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX");
        });
        assertThat(sql.statements()).isEmpty();
    }

    /**
     * A limit remembers the operations it let through, by document and by the values that weigh on it: the same
     * document with larger page sizes, or with a directive including a costly part, is measured again and refused.
     */
    @Test
    void anOperationThatPassed_isMeasuredAgainWhenItsPageSizesOrDirectivesChange() {
        String document = """
                query($outer: Int, $inner: Int, $more: Boolean!) {
                  latest(first: $outer) { edges { node { headline reporters { articles(first: $inner) {
                    edges { node { headline ...More @include(if: $more) } } } } } } } }
                fragment More on Article { tags { articles(first: 100) { edges { node { headline } } } } }
                """;
        for (int i = 0; i < 2; i++) {
            graphQl.document(document)
                    .variable("outer", 20)
                    .variable("inner", 20)
                    .variable("more", false)
                    .execute()
                    .errors()
                    .verify();
        }
        graphQl.document(document)
                .variable("outer", 100)
                .variable("inner", 100)
                .variable("more", false)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("measure", "complexity")));
        graphQl.document(document)
                .variable("outer", 20)
                .variable("inner", 20)
                .variable("more", true)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("measure", "complexity")));
    }

    /**
     * {@code totalCount} is a count over the whole list: aliased 500 times (or over search and section lists) it
     * used to cost 1 each and ran 500 counts in one request. Each one now costs news.graphql.total-count-cost (100),
     * so such a request is refused as too complex before any SQL, while a page with one count is fine.
     */
    @Test
    void fiveHundredAliasedTotalCounts_areRefusedAsTooComplexBeforeAnySql() {
        for (String counted : java.util.List.of(
                "latest(first: 1) { totalCount }",
                "articles(first: 1) { totalCount }",
                "search(query: \"pemilu\", first: 1) { totalCount }",
                "section(slug: \"berita\") { articles(first: 1) { totalCount } }")) {
            StringBuilder document = new StringBuilder("{");
            for (int i = 0; i < 500; i++) {
                document.append(" c").append(i).append(": ").append(counted);
            }
            document.append(" }");
            sql.reset();
            graphQl.document(document.toString())
                    .execute()
                    .errors()
                    .satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
                        assertThat(e.getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX");
                        assertThat(e.getExtensions()).containsEntry("measure", "complexity");
                    }));
            assertThat(sql.statements()).as(counted).isEmpty();
        }
        // Fifty counts cost about 5,050: over the limit too; a few are fine.
        StringBuilder few = new StringBuilder("{");
        for (int i = 0; i < 5; i++) {
            few.append(" c").append(i).append(": latest(first: 1) { totalCount }");
        }
        graphQl.document(few.append(" }").toString()).execute().errors().verify();
    }

    @Test
    void queryNestedTooDeep_isRefused() {
        String deep = "{ sections { children { children { children { children { children { children { children "
                + "{ children { children { children { children { children { children { children { children { slug "
                + "} } } } } } } } } } } } } } } } }";
        graphQl.document(deep)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
                    assertThat(e.getMessage()).containsIgnoringCase("depth");
                    assertThat(e.getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX");
                }));
    }

    @Test
    void fullPageOfAHundredArticles_staysWithinTheBudget() {
        graphQl.document("""
                { latest(first: 100) { totalCount edges { cursor node { id slug headline summary url publishedAt
                    updatedAt status section { slug name path { slug name } } reporters { slug name }
                    tags { slug name } image { url caption credit alt width height } } }
                    pageInfo { hasNextPage endCursor } } }
                """)
                .execute()
                .errors()
                .verify()
                .path("latest.edges")
                .entityList(Object.class)
                .hasSizeGreaterThan(99);
    }
}
