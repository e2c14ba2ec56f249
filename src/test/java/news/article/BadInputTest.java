package news.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import news.HttpTestBase;
import news.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

@IntegrationTest
class BadInputTest extends HttpTestBase {

    HttpGraphQlTester graphQl;

    @BeforeEach
    void setUp() {
        graphQl = graphQlClient();
    }

    @Test
    void unknownSlugs_resolveToNull() {
        graphQl.document("""
                { article(slug: "tidak-ada") { id } section(slug: "tidak-ada") { id }
                  reporter(slug: "tidak-ada") { id } tag(slug: "tidak-ada") { id } }
                """)
                .execute()
                .path("article")
                .valueIsNull()
                .path("section")
                .valueIsNull()
                .path("reporter")
                .valueIsNull()
                .path("tag")
                .valueIsNull();
    }

    @Test
    void malformedIds_areBadRequestsNamingTheArgument() {
        expectBadRequest("{ node(id: \"%%%\") { id } }", "id");
        expectBadRequest("{ node(id: \"bm90LWFuLWlk\") { id } }", "id");
        expectBadRequest("{ articleById(id: \"QXJ0aWNsZTp4\") { id } }", "id");
        // A well-formed id of another type is not an article id.
        expectBadRequest("{ articleById(id: \"U2VjdGlvbjox\") { id } }", "id");
    }

    @Test
    void malformedCursors_areBadRequestsNamingTheArgument() {
        expectBadRequest("{ latest(after: \"bukan-kursor\") { totalCount } }", "after");
        expectBadRequest("{ articles(after: \"YTE6eDox\") { totalCount } }", "after");
        expectBadRequest("{ section(slug: \"berita\") { articles(after: \"!!\") { totalCount } } }", "after");
    }

    @Test
    void pageSizesOutsideOneToHundred_areBadRequests() {
        expectBadRequest("{ latest(first: 0) { totalCount } }", "first");
        expectBadRequest("{ articles(first: 101) { totalCount } }", "first");
        expectBadRequest("{ articles(first: -5) { totalCount } }", "first");
        expectBadRequest("{ section(slug: \"berita\") { articles(first: 1000) { totalCount } } }", "first");
        graphQl.document("{ articles(first: 100) { edges { cursor } } }")
                .execute()
                .errors()
                .verify();
    }

    @Test
    void malformedDateTime_isRejectedWithoutStackTrace() {
        graphQl.document("{ articles(filter: { publishedAfter: \"kemarin\" }) { totalCount } }")
                .execute()
                .errors()
                .satisfy(errors -> {
                    assertThat(errors).isNotEmpty();
                    assertThat(errors.get(0).getMessage()).contains("kemarin").doesNotContain("Exception", "\tat ");
                });
    }

    @Test
    void literalValuesOfEveryKind_areBadRequestsNamingTheArgumentInPlainWords() {
        for (String literal :
                List.of("99999999999", "-2147483649", "\"zehn\"", "1.5", "{ a: 1 }", "[1, 2]", "LAST_HOUR", "true")) {
            expectBadRequest("{ latest(first: " + literal + ") { totalCount } }", "first");
        }
        expectBadRequest(
                "{ articles(filter: { publishedAfter: \"+10000-01-01T00:00:00Z\" }) { totalCount } }",
                "filter.publishedAfter");
        expectBadRequest(
                "{ articles(filter: { publishedBefore: \"2023-09-22T07:40:00+16:00\" }) { totalCount } }",
                "filter.publishedBefore");
        expectBadRequest("{ articles(filter: { section: 5 }) { totalCount } }", "filter.section");
        expectBadRequest("{ popular(window: SEPEKAN) { rank } }", "window");
        expectBadRequest("{ article(slug: \"kata\\u0000kunci\") { id } }", "slug");
        expectBadRequest("{ section(slug: \"berita\") { articles(after: \"\\u0000\") { totalCount } } }", "after");
    }

    @Test
    void oneFailingRootField_leavesTheOtherFieldsTheirData() {
        graphQl.document("""
                { article(slug: "tidak-ada") { id }
                  popular(first: 3) { rank }
                  sections { slug }
                  latest(after: "kursor-basi") { totalCount }
                  articles(first: 2) { edges { node { slug } } } }
                """)
                .execute()
                .errors()
                .satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                    assertThat(errors.get(0).getExtensions()).containsEntry("argument", "after");
                    assertThat(errors.get(0).getPath()).isEqualTo("latest");
                })
                .path("latest")
                .valueIsNull()
                .path("article")
                .valueIsNull()
                .path("popular")
                .hasValue()
                .path("sections[0].slug")
                .hasValue()
                .path("articles.edges")
                .entityList(Object.class)
                .hasSize(2);
    }

    @Test
    void dateTimesAtTheEdgesOfTheRange_areAccepted() {
        graphQl.document("""
                { articles(filter: { publishedAfter: "0001-01-01T00:00:00Z",
                                     publishedBefore: "9999-12-31T23:59:59.999999999Z" }) { totalCount } }
                """)
                .execute()
                .errors()
                .verify()
                .path("articles.totalCount")
                .entity(Integer.class)
                .satisfies(n -> assertThat(n).isPositive());
        graphQl.document("""
                { articles(filter: { publishedAfter: "0001-01-01T00:00:00+15:59" }) { totalCount } }
                """)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(
                                e -> assertThat(e.getExtensions()).containsEntry("argument", "filter.publishedAfter")));
    }

    private void expectBadRequest(String document, String argument) {
        graphQl.document(document).execute().errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            ResponseError error = errors.get(0);
            assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
            assertThat(error.getMessage())
                    .as(document)
                    .doesNotContain(
                            "Exception", "\tat ", "select ", "Value{", "Validation error (", "WrongType", "AST");
            if (argument != null) {
                assertThat(error.getExtensions()).containsEntry("argument", argument);
                assertThat(error.getMessage()).contains("'" + argument + "'");
            } else {
                assertThat(error.getMessage()).isNotBlank();
            }
            assertThat(List.of(error)).isNotEmpty();
        });
    }
}
