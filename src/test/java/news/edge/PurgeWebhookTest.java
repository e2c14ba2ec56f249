package news.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishing an article sends a purge naming the article, its sections and the lists it enters to the webhook, signed,
 * and retried when the webhook fails; the write itself never waits for it. The webhook is a local HTTP server.
 */
@IntegrationTest
@DirtiesContext
class PurgeWebhookTest extends HttpTestBase {

    static final String SECRET = "purge-secret-for-tests";

    static final BlockingQueue<Delivery> DELIVERIES = new LinkedBlockingQueue<>();

    /** The webhook fails its first call, as one that is briefly down. */
    static final AtomicInteger CALLS = new AtomicInteger();

    static final HttpServer WEBHOOK = start();

    record Delivery(int call, String body, String timestamp, String signature) {}

    static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/purge", exchange -> {
                int call = CALLS.incrementAndGet();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                DELIVERIES.add(new Delivery(
                        call,
                        body,
                        exchange.getRequestHeaders().getFirst("X-News-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-News-Signature")));
                exchange.sendResponseHeaders(call == 1 ? 503 : 204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) {
        registry.add(
                "news.edge.purge.webhook-url",
                () -> "http://127.0.0.1:" + WEBHOOK.getAddress().getPort() + "/purge");
        registry.add("news.edge.purge.webhook-secret", () -> SECRET);
        registry.add("news.edge.purge.first-retry", () -> "100ms");
    }

    @AfterAll
    static void stop() {
        WEBHOOK.stop(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void publishing_sendsASignedPurgeNamingTheArticleItsSectionsAndLists_retriedWhenTheWebhookFails() throws Exception {
        HttpGraphQlTester editor =
                graphQlClient().mutate().headers(Tokens.editor("ani")).build();
        Map<String, Object> input = Map.of(
                "headline", "Purge uji untuk CDN",
                "section", "berita",
                "reporters", List.of("anindya-paramitha"),
                "image", Map.of("url", "/media/uji.jpg", "caption", "Foto uji", "credit", "Net"),
                "body", List.of(Map.of("type", "PARAGRAPH", "text", "Isi berita uji.")));
        Map<String, Object> created = editor.document(
                        "mutation($input: CreateArticleInput!) { createArticle(input: $input) {"
                                + " __typename ... on ArticlePayload { article { id version section { id } } }"
                                + " ... on ValidationFailed { errors { field message } } } }")
                .variable("input", input)
                .execute()
                .errors()
                .verify()
                .path("createArticle")
                .entity(Map.class)
                .satisfies(result -> assertThat(result).containsEntry("__typename", "ArticlePayload"))
                .path("createArticle.article")
                .entity(Map.class)
                .get();
        // A draft is not public: nothing to purge yet.
        assertThat(DELIVERIES.poll(1, TimeUnit.SECONDS)).isNull();

        String id = (String) created.get("id");
        editor.document("mutation($input: ArticleVersionInput!) { publishArticle(input: $input) {"
                        + " ... on ArticlePayload { article { status } } } }")
                .variable("input", Map.of("id", id, "version", created.get("version")))
                .execute()
                .path("publishArticle.article.status")
                .entity(String.class)
                .isEqualTo("PUBLISHED");

        Delivery first = DELIVERIES.poll(30, TimeUnit.SECONDS);
        Delivery retry = DELIVERIES.poll(30, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(retry).isNotNull();
        assertThat(first.call()).isEqualTo(1);
        assertThat(retry.call()).isEqualTo(2);
        assertThat(retry.body()).isEqualTo(first.body());

        assertThat(retry.signature())
                .isEqualTo("sha256=" + PurgeNotifier.sign(SECRET, retry.timestamp() + "." + retry.body()));
        assertThat(retry.signature())
                .isNotEqualTo("sha256=" + PurgeNotifier.sign("other", retry.timestamp() + "." + retry.body()));

        JsonNode purge = JsonMapper.builder().build().readTree(retry.body());
        List<String> keys = new java.util.ArrayList<>();
        purge.path("keys").forEach(k -> keys.add(k.asString()));
        long articleId = EdgeHttpTest.articleId(id);
        long sectionId = EdgeHttpTest.articleId((String) ((Map<String, Object>) created.get("section")).get("id"));
        assertThat(keys)
                .contains("article-" + articleId, "section-" + sectionId, "list-latest", "list-articles")
                .anyMatch(k -> k.startsWith("reporter-"));
        assertThat(purge.path("reason").asString()).isEqualTo("ARTICLE " + articleId);
        assertThat(Base64.getDecoder().decode(id)).isNotEmpty();
    }
}
