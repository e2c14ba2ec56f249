package news.newsroom;

import java.util.Map;
import java.util.function.Consumer;
import news.GraphQlClient;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;

/** A GraphQL client over HTTP with the given token headers, plus the newsroom operations the tests repeat. */
final class EditorClient {

    static final String ARTICLE_RESULT = """
            __typename
            ... on ArticlePayload { article { id slug headline status version url publishedAt } }
            ... on ValidationFailed { errors { field code message } }
            """;

    final HttpGraphQlTester graphQl;

    EditorClient(int port, Consumer<HttpHeaders> headers) {
        this.graphQl = GraphQlClient.forPort(port).mutate().headers(headers).build();
    }

    /**
     * Input for an article with everything a list item shows (byline, photo with caption and credit), as every
     * public article of the shared test database has.
     */
    static Map<String, Object> complete(String headline, String section) {
        Map<String, Object> input = new java.util.HashMap<>();
        input.put("headline", headline);
        input.put("section", section);
        input.put("reporters", java.util.List.of("ani"));
        input.put("image", Map.of("url", "/media/uji.jpg", "caption", "Foto uji", "credit", "Net"));
        input.put("body", java.util.List.of(Map.of("type", "PARAGRAPH", "text", "Isi berita uji.")));
        return input;
    }

    static EditorClient anonymous(int port) {
        return new EditorClient(port, h -> {});
    }

    GraphQlTester.Response mutate(String mutation, Map<String, Object> input) {
        return graphQl.document("mutation($input: " + inputType(mutation) + "!) { " + mutation + "(input: $input) { "
                        + ARTICLE_RESULT + " } }")
                .variable("input", input)
                .execute();
    }

    /** Runs an article mutation that must succeed and returns the article as stored. */
    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String mutation, Map<String, Object> input) {
        GraphQlTester.Response response = mutate(mutation, input);
        response.errors().verify();
        Map<String, Object> result = response.path(mutation).entity(Map.class).get();
        if (!"ArticlePayload".equals(result.get("__typename"))) {
            throw new AssertionError(mutation + " failed: " + result);
        }
        return (Map<String, Object>) result.get("article");
    }

    private static String inputType(String mutation) {
        return switch (mutation) {
            case "createArticle" -> "CreateArticleInput";
            case "updateArticle" -> "UpdateArticleInput";
            case "scheduleArticle" -> "ScheduleArticleInput";
            case "addCorrection" -> "AddCorrectionInput";
            default -> "ArticleVersionInput";
        };
    }
}
