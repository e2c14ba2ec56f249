package news.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import news.GraphQlClient;
import news.Tokens;
import news.section.SectionDirectory;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The newsroom writes and the anonymous GETs the edge tests repeat: articles with everything a public article has
 * (byline, photo), written over POST with an editor's token, and read over GET from the service or from a cache in
 * front of it, with the answer's headers.
 */
final class EdgeNewsroom {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    final HttpGraphQlTester editor;

    final String section;

    final String reporter;

    EdgeNewsroom(int port, DSLContext dsl, SectionDirectory sections) {
        Fixtures fixtures = new Fixtures(dsl);
        section = Fixtures.unique("tepi");
        reporter = Fixtures.unique("penulis");
        fixtures.section(section, "Tepi " + section, "berita");
        fixtures.reporter(reporter, "Penulis " + reporter);
        sections.invalidate();
        editor = GraphQlClient.forPort(port)
                .mutate()
                .headers(Tokens.editor("ani"))
                .build();
    }

    /** An article as the editor holds it: global id, slug and version. */
    record Draft(String id, String slug, int version) {

        long key() {
            return EdgeHttpTest.articleId(id);
        }
    }

    Draft create(String headline, String text) {
        Map<String, Object> input = new HashMap<>();
        input.put("headline", headline + " " + Fixtures.unique("x"));
        input.put("section", section);
        input.put("reporters", List.of(reporter));
        input.put("image", Map.of("url", "/media/uji.jpg", "caption", "Foto uji", "credit", "Net"));
        input.put("body", List.of(Map.of("type", "PARAGRAPH", "text", text)));
        return write("createArticle", "CreateArticleInput", input);
    }

    Draft publish(Draft draft) {
        return write("publishArticle", "ArticleVersionInput", Map.of("id", draft.id(), "version", draft.version()));
    }

    Draft unpublish(Draft draft) {
        return write("unpublishArticle", "ArticleVersionInput", Map.of("id", draft.id(), "version", draft.version()));
    }

    Draft archive(Draft draft) {
        return write("archiveArticle", "ArticleVersionInput", Map.of("id", draft.id(), "version", draft.version()));
    }

    Draft schedule(Draft draft, Instant at) {
        return write(
                "scheduleArticle",
                "ScheduleArticleInput",
                Map.of(
                        "id",
                        draft.id(),
                        "version",
                        draft.version(),
                        "publishAt",
                        at.atOffset(ZoneOffset.UTC).toString()));
    }

    @SuppressWarnings("unchecked")
    private Draft write(String mutation, String type, Map<String, Object> input) {
        Map<String, Object> result = editor.document("mutation($input: " + type + "!) { " + mutation
                        + "(input: $input) { __typename ... on ArticlePayload { article { id slug version } }"
                        + " ... on ValidationFailed { errors { field code message } } } }")
                .variable("input", input)
                .execute()
                .path(mutation)
                .entity(Map.class)
                .get();
        assertThat(result.get("__typename")).as(mutation + ": " + result).isEqualTo("ArticlePayload");
        Map<String, Object> article = (Map<String, Object>) result.get("article");
        return new Draft((String) article.get("id"), (String) article.get("slug"), (Integer) article.get("version"));
    }

    /** An anonymous GET answer: status, body and headers. */
    record Answer(int status, JsonNode body, HttpResponse<String> response) {

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        List<String> keys() {
            String keys = header("Surrogate-Key");
            return keys == null ? List.of() : List.of(keys.split(" "));
        }
    }

    /** {@code GET <base>/graphql?query=...&variables=...} without any token or cookie. */
    static Answer get(String base, String query, Map<String, Object> variables) {
        String uri = base + "/graphql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&variables="
                + URLEncoder.encode(JSON.writeValueAsString(variables), StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(uri))
                            .timeout(Duration.ofSeconds(30))
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Repeats the GET until its answer satisfies {@code wanted} or {@code within} has passed; answers the last answer
     * and how long it took.
     */
    static Timed await(
            String base, String query, Map<String, Object> variables, Predicate<Answer> wanted, Duration within) {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        while (true) {
            Answer answer = get(base, query, variables);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (wanted.test(answer) || System.nanoTime() - deadline > 0) {
                return new Timed(answer, took, wanted.test(answer));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    record Timed(Answer answer, Duration took, boolean satisfied) {}
}
