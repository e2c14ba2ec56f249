package news.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.GraphQlClient;
import news.Tokens;
import news.section.SectionDirectory;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Articles the reader tests write through the newsroom API with an editor's token, in a section of their own under
 * the demo's {@code berita}, with a byline, a photo, a paragraph and a quote.
 */
final class ReaderNewsroom {

    final HttpGraphQlTester editor;

    final String section;

    final String reporterName;

    private final String reporter;

    ReaderNewsroom(int port, DSLContext dsl, SectionDirectory sections) {
        Fixtures fixtures = new Fixtures(dsl);
        section = Fixtures.unique("baca");
        reporter = Fixtures.unique("wartawan");
        reporterName = "Wartawan " + reporter;
        fixtures.section(section, "Baca " + section, "berita");
        fixtures.reporter(reporter, reporterName);
        sections.invalidate();
        editor = GraphQlClient.forPort(port)
                .mutate()
                .headers(Tokens.editor("ani"))
                .build();
    }

    /** An article as the editor holds it. */
    record Written(String id, String slug, String url, int version) {}

    Written create(String headline) {
        Map<String, Object> input = new HashMap<>();
        input.put("headline", headline);
        input.put("slug", Fixtures.unique("berita-uji"));
        input.put("summary", "Ringkasan uji.");
        input.put("section", section);
        input.put("reporters", List.of(reporter));
        input.put("image", Map.of("url", "/media/uji.jpg", "caption", "Suasana sidang uji", "credit", "Net"));
        input.put(
                "body",
                List.of(
                        Map.of("type", "PARAGRAPH", "text", "Paragraf pertama berita uji."),
                        Map.of("type", "QUOTE", "text", "Kami akan menjawab semuanya.", "speaker", "Juru Bicara")));
        return write("createArticle", "CreateArticleInput", input);
    }

    Written publish(Written article) {
        return write("publishArticle", "ArticleVersionInput", Map.of("id", article.id(), "version", article.version()));
    }

    Written update(Written article, Map<String, Object> changes) {
        Map<String, Object> input = new HashMap<>(changes);
        input.put("id", article.id());
        input.put("version", article.version());
        return write("updateArticle", "UpdateArticleInput", input);
    }

    @SuppressWarnings("unchecked")
    private Written write(String mutation, String type, Map<String, Object> input) {
        Map<String, Object> result = editor.document("mutation($input: " + type + "!) { " + mutation
                        + "(input: $input) { __typename ... on ArticlePayload { article { id slug url version } }"
                        + " ... on ValidationFailed { errors { field code message } } } }")
                .variable("input", input)
                .execute()
                .path(mutation)
                .entity(Map.class)
                .get();
        assertThat(result.get("__typename")).as(mutation + ": " + result).isEqualTo("ArticlePayload");
        Map<String, Object> article = (Map<String, Object>) result.get("article");
        return new Written(
                (String) article.get("id"), (String) article.get("slug"), (String) article.get("url"), (Integer)
                        article.get("version"));
    }
}
