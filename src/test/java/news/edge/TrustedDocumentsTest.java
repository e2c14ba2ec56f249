package news.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * In trusted-documents mode only the operations of the shipped manifests run: by hash (GET, as an app sends them) or
 * by their exact text; anything else, a new text with a matching hash included, is refused and nothing runs.
 */
@IntegrationTest
@DirtiesContext
@TestPropertySource(properties = "news.persisted.trusted-only=true")
class TrustedDocumentsTest extends HttpTestBase {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The first operation of the shipped manifest, LatestList. */
    JsonNode latestList() throws Exception {
        try (var in = getClass().getResourceAsStream("/trusted-documents/app-1.json")) {
            for (JsonNode operation : JSON.readTree(in).path("operations")) {
                if (operation.path("name").asString().equals("LatestList")) {
                    return operation;
                }
            }
        }
        throw new AssertionError("LatestList is not in the manifest");
    }

    JsonNode post(Object body) {
        return JSON.readTree(http().post()
                .uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectBody()
                .returnResult()
                .getResponseBody());
    }

    @Test
    void aRegisteredOperation_runsByHashOverGet_andByItsExactText() throws Exception {
        JsonNode operation = latestList();
        String extensions = "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\""
                + operation.path("id").asString() + "\"}}";
        byte[] body = http().get()
                .uri(URI.create("http://localhost:" + port + "/graphql?operationName=LatestList&variables="
                        + URLEncoder.encode("{\"first\":2}", StandardCharsets.UTF_8) + "&extensions="
                        + URLEncoder.encode(extensions, StandardCharsets.UTF_8)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueMatches("Cache-Control", "public, max-age=30, .*")
                .expectBody()
                .returnResult()
                .getResponseBody();
        assertThat(JSON.readTree(body).at("/data/latest/edges").size()).isEqualTo(2);

        JsonNode byText = post(Map.of("query", operation.path("body").asString()));
        assertThat(byText.at("/data/latest/edges").size()).isEqualTo(10);
    }

    @Test
    void anythingElse_isRefusedAsNotInTheList() {
        String text = "{ sections { slug } }";
        JsonNode unknown = post(Map.of("query", text));
        assertThat(unknown.has("data")).isFalse();
        assertThat(unknown.at("/errors/0/extensions/code").asString()).isEqualTo("PERSISTED_QUERY_NOT_IN_LIST");
        assertThat(unknown.at("/errors/0/extensions/classification").asString())
                .isEqualTo("PERSISTED_QUERY_NOT_IN_LIST");

        // Registering a new text the automatic way does not work either.
        String hash = java.util.HexFormat.of().formatHex(sha256(text));
        Map<String, Object> extensions = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
        assertThat(post(Map.of("query", text, "extensions", extensions))
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("PERSISTED_QUERY_NOT_IN_LIST");
        assertThat(post(Map.of("extensions", extensions))
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("PERSISTED_QUERY_NOT_IN_LIST");

        // A mutation too: nothing outside the list runs.
        JsonNode mutation =
                post(Map.of("query", "mutation { recordView(input: {articleId: \"QXJ0aWNsZTox\"}) { counted } }"));
        assertThat(mutation.has("data")).isFalse();
        assertThat(mutation.at("/errors/0/extensions/code").asString()).isEqualTo("PERSISTED_QUERY_NOT_IN_LIST");
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
