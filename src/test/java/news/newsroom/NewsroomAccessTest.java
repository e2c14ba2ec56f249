package news.newsroom;

import static news.db.Tables.ARTICLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

/** Who may write and who may see unpublished articles, over HTTP with real tokens. */
@IntegrationTest
class NewsroomAccessTest extends HttpTestBase {

    @Autowired
    DSLContext dsl;

    @Test
    void anonymousClient_cannotMutate_andNothingIsWritten() {
        int before = dsl.fetchCount(ARTICLE);
        GraphQlTester.Response response = EditorClient.anonymous(port)
                .mutate("createArticle", Map.of("headline", "Tanpa izin", "section", "dunia"));
        expectError(response, ErrorType.UNAUTHORIZED, "createArticle");
        response.path("createArticle").pathDoesNotExist();
        assertThat(dsl.fetchCount(ARTICLE)).isEqualTo(before);
    }

    @Test
    void badExpiredOrForeignTokens_answerUnauthorizedInsideAGraphQlResponse() {
        String expired = Tokens.token("ani", List.of("EDITOR"), Duration.ofMinutes(-5), Tokens.SECRET);
        String foreign = Tokens.token(
                "ani",
                List.of("EDITOR"),
                Duration.ofMinutes(5),
                "another-secret-that-this-service-does-not-know-0123456789");
        String longSubject = Tokens.token("a".repeat(201), List.of("EDITOR"), Duration.ofMinutes(5), Tokens.SECRET);
        for (String token : List.of(expired, foreign, "not-a-jwt", longSubject)) {
            EditorClient client = new EditorClient(port, Tokens.bearer(token));
            GraphQlTester.Response response =
                    client.mutate("createArticle", Map.of("headline", "Token buruk", "section", "dunia"));
            ResponseError error = expectError(response, ErrorType.UNAUTHORIZED, "createArticle");
            assertThat(error.getMessage()).contains("token").doesNotContain(token);
            // A bad token does not spoil public reads: they answer as for anyone.
            client.graphQl
                    .document("{ latest(first: 1) { totalCount } }")
                    .execute()
                    .errors()
                    .verify();
        }
    }

    @Test
    void anonymousClient_cannotSeeADraftBySlugIdNodeOrInAnyList() {
        new Fixtures(dsl).reporter("ani", "Ani Rahmawati");
        Map<String, Object> draft = new EditorClient(port, Tokens.editor("ani"))
                .ok(
                        "createArticle",
                        Map.of(
                                "headline",
                                Fixtures.unique("Draf rahasia"),
                                "section",
                                "dunia",
                                "reporters",
                                List.of("ani"),
                                "tags",
                                List.of("Rahasia Negara")));
        String slug = (String) draft.get("slug");
        String id = (String) draft.get("id");
        EditorClient anonymous = EditorClient.anonymous(port);
        anonymous
                .graphQl
                .document("query($slug: String!, $id: ID!) { bySlug: article(slug: $slug) { id } "
                        + "byId: articleById(id: $id) { id } node(id: $id) { id } }")
                .variable("slug", slug)
                .variable("id", id)
                .execute()
                .path("bySlug")
                .valueIsNull()
                .path("byId")
                .valueIsNull()
                .path("node")
                .valueIsNull();
        GraphQlTester.Response lists = anonymous.graphQl.document("""
                { latest(first: 100) { edges { node { id } } }
                  articles(first: 100, filter: { section: "dunia" }) { edges { node { id } } }
                  section(slug: "dunia") { articles(first: 100) { edges { node { id } } } }
                  reporter(slug: "ani") { articles(first: 100) { edges { node { id } } } }
                  tag(slug: "rahasia-negara") { articles(first: 100) { edges { node { id } } } } }
                """).execute();
        lists.errors().verify();
        for (String path : List.of("latest", "articles", "section.articles", "reporter.articles")) {
            lists.path(path + ".edges[*].node.id").entityList(String.class).doesNotContain(id);
        }
        // Only the draft carries this tag, so the tag itself is not public yet.
        lists.path("tag").valueIsNull();
        // Editors see the draft, through the editors' queries only.
        EditorClient editor = new EditorClient(port, Tokens.editor("budi"));
        editor.graphQl
                .document("query($slug: String!) { article(slug: $slug) { id } editorArticle(slug: $slug) "
                        + "{ id status } drafts(first: 100) { edges { node { id } } } }")
                .variable("slug", slug)
                .execute()
                .path("article")
                .valueIsNull()
                .path("editorArticle.status")
                .entity(String.class)
                .isEqualTo("DRAFT")
                .path("drafts.edges[*].node.id")
                .entityList(String.class)
                .contains(id);
    }

    @Test
    void editorQueries_unauthorizedForAnonymous_sameAnswerWhetherTheDraftExistsOrNot() {
        String slug = (String) new EditorClient(port, Tokens.editor("ani"))
                .ok("createArticle", Map.of("headline", Fixtures.unique("Draf ada"), "section", "dunia"))
                .get("slug");
        EditorClient anonymous = EditorClient.anonymous(port);
        String query = "query($s: String!) { editorArticle(slug: $s) { id } }";
        String existing = expectError(
                        anonymous.graphQl.document(query).variable("s", slug).execute(),
                        ErrorType.UNAUTHORIZED,
                        "editorArticle")
                .getMessage();
        String missing = expectError(
                        anonymous
                                .graphQl
                                .document(query)
                                .variable("s", slug + "-tidak-ada")
                                .execute(),
                        ErrorType.UNAUTHORIZED,
                        "editorArticle")
                .getMessage();
        assertThat(existing).isEqualTo(missing);
        expectError(
                anonymous.graphQl.document("{ drafts { totalCount } }").execute(), ErrorType.UNAUTHORIZED, "drafts");
    }

    @Test
    void tokenWithoutEditorRole_isForbidden() {
        EditorClient reader = new EditorClient(
                port, Tokens.bearer(Tokens.token("pembaca", List.of("READER"), Duration.ofMinutes(5), Tokens.SECRET)));
        expectError(reader.graphQl.document("{ drafts { totalCount } }").execute(), ErrorType.FORBIDDEN, "drafts");
        expectError(
                reader.mutate("createArticle", Map.of("headline", "Bukan editor", "section", "dunia")),
                ErrorType.FORBIDDEN,
                "createArticle");
    }

    static ResponseError expectError(GraphQlTester.Response response, ErrorType type, String path) {
        ResponseError[] found = new ResponseError[1];
        response.errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            ResponseError error = errors.get(0);
            assertThat(error.getErrorType()).isEqualTo(type);
            assertThat(error.getPath()).isEqualTo(path);
            assertThat(error.getMessage()).doesNotContain("Exception", "\tat ");
            found[0] = error;
        });
        return found[0];
    }
}
