package news.newsroom;

import static news.db.Tables.ARTICLE;
import static news.db.Tables.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

/** Links editors enter (photo, portrait) are rendered into pages: only http(s) URLs and paths on this site. */
@IntegrationTest
class LinkInputTest extends HttpTestBase {

    static final List<String> HOSTILE = List.of(
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "  javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "//evil.example/foto.jpg",
            "/\\evil.example/foto.jpg",
            "ftp://files.example/foto.jpg",
            "http://",
            "https:foto.jpg",
            "media/foto.jpg",
            "java\tscript:alert(1)",
            "file:///etc/passwd");

    static final String REPORTER_RESULT = """
            __typename
            ... on ReporterPayload { reporter { id slug avatarUrl } }
            ... on ValidationFailed { errors { field code message } }
            """;

    @Autowired
    DSLContext dsl;

    @Test
    void imageUrl_mustBeHttpOrASitePath() {
        EditorClient editor = new EditorClient(port, Tokens.editor("ani"));
        int articles = dsl.fetchCount(ARTICLE);
        for (String url : HOSTILE) {
            Map<String, Object> input = Map.of(
                    "headline",
                    Fixtures.unique("Tautan berbahaya"),
                    "section",
                    "dunia",
                    "image",
                    Map.of("url", url, "caption", "Foto"));
            assertThat(ArticleWorkflowTest.fieldErrors(editor.mutate("createArticle", input), "createArticle"))
                    .as(url)
                    .containsEntry("input.image.url", "INVALID_URL");
        }
        assertThat(dsl.fetchCount(ARTICLE)).isEqualTo(articles);

        Map<String, Object> draft = editor.ok(
                "createArticle",
                Map.of(
                        "headline",
                        Fixtures.unique("Tautan sah"),
                        "section",
                        "dunia",
                        "image",
                        Map.of("url", "https://cdn.example.id/foto/rapat.jpg", "caption", "Rapat")));
        Map<String, Object> update = new HashMap<>(Map.of("id", draft.get("id"), "version", 1));
        update.put("image", Map.of("url", "javascript:alert(1)"));
        assertThat(ArticleWorkflowTest.fieldErrors(editor.mutate("updateArticle", update), "updateArticle"))
                .containsEntry("input.image.url", "INVALID_URL");
        update.put("image", Map.of("url", "/media/rapat.jpg"));
        assertThat(editor.ok("updateArticle", update)).containsEntry("version", 2);
    }

    @Test
    void avatarUrl_mustBeHttpOrASitePath() {
        EditorClient admin = new EditorClient(port, Tokens.admin("redaktur"));
        int reporters = dsl.fetchCount(REPORTER);
        for (String url : HOSTILE) {
            assertThat(ArticleWorkflowTest.fieldErrors(
                            reporter(
                                    admin,
                                    "createReporter",
                                    "CreateReporterInput",
                                    Map.of("name", "Wartawan Uji", "avatarUrl", url)),
                            "createReporter"))
                    .as(url)
                    .containsEntry("input.avatarUrl", "INVALID_URL");
        }
        assertThat(dsl.fetchCount(REPORTER)).isEqualTo(reporters);

        String id = reporter(
                        admin,
                        "createReporter",
                        "CreateReporterInput",
                        Map.of("name", Fixtures.unique("Wartawan Uji"), "avatarUrl", "/media/wajah.jpg"))
                .path("createReporter.reporter.id")
                .entity(String.class)
                .get();
        assertThat(ArticleWorkflowTest.fieldErrors(
                        reporter(
                                admin,
                                "updateReporter",
                                "UpdateReporterInput",
                                Map.of("id", id, "avatarUrl", "javascript:alert(1)")),
                        "updateReporter"))
                .containsEntry("input.avatarUrl", "INVALID_URL");
        reporter(admin, "updateReporter", "UpdateReporterInput", Map.of("id", id, "avatarUrl", ""))
                .path("updateReporter.reporter.avatarUrl")
                .valueIsNull();
        reporter(
                        admin,
                        "updateReporter",
                        "UpdateReporterInput",
                        Map.of("id", id, "avatarUrl", "https://cdn.example.id/wajah.jpg"))
                .path("updateReporter.reporter.avatarUrl")
                .entity(String.class)
                .isEqualTo("https://cdn.example.id/wajah.jpg");
    }

    private static GraphQlTester.Response reporter(
            EditorClient admin, String mutation, String type, Map<String, Object> input) {
        return admin.graphQl
                .document("mutation($input: " + type + "!) { " + mutation + "(input: $input) { " + REPORTER_RESULT
                        + " } }")
                .variable("input", input)
                .execute();
    }
}
