package news.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.graphql.GlobalId;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request body is capped before it is read: 256 KB by default, 4 KB for {@code POST /views}, with a declared
 * length or chunked, whatever the content type. Bodies within the cap still arrive whole, also chunked ones.
 */
@IntegrationTest
class RequestBodyLimitTest extends HttpTestBase {

    private static final String BROWSER =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " + "Chrome/124.0 Safari/537.36";

    /**
     * Beacons within the cap are sent as a crawler: parsed and answered like any other, never counted, so no view is
     * left waiting to be written while a later test counts SQL statements.
     */
    private static final String CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    private static final long DEFAULT_LIMIT = 256 * 1024;

    private static final long BEACON_LIMIT = 4096;

    @Autowired
    DSLContext dsl;

    @Autowired
    JsonMapper json;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One way of sending a body: its path, content type, the bytes for a payload of a given size, and the cap. */
    record Body(String path, String contentType, java.util.function.IntFunction<byte[]> of, long limit) {

        @Override
        public String toString() {
            return "POST " + path + " " + contentType;
        }
    }

    private static final String BOUNDARY = "batas-bagian-7d3f";

    static List<Body> bodies(String articleId) {
        return List.of(
                new Body(
                        "/graphql",
                        "application/json",
                        n -> utf8("{\"query\":\"{ sections { slug } }\",\"variables\":{\"x\":\"" + "a".repeat(n)
                                + "\"}}"),
                        DEFAULT_LIMIT),
                new Body("/views", "text/plain;charset=UTF-8", n -> beaconJson(articleId, n), BEACON_LIMIT),
                new Body("/views", "application/json", n -> beaconJson(articleId, n), BEACON_LIMIT),
                new Body(
                        "/views",
                        "application/x-www-form-urlencoded",
                        n -> utf8("articleId=" + articleId + "&visitorId=" + "u".repeat(n)),
                        BEACON_LIMIT),
                new Body(
                        "/views",
                        "multipart/form-data; boundary=" + BOUNDARY,
                        n -> multipart(articleId, n),
                        BEACON_LIMIT),
                // Any other path that could take a body gets the default cap, whether or not it exists.
                new Body(
                        "/dev/token",
                        "application/x-www-form-urlencoded",
                        n -> utf8("sub=" + "s".repeat(n)),
                        DEFAULT_LIMIT),
                new Body("/no-such-endpoint", "application/octet-stream", n -> new byte[n], DEFAULT_LIMIT));
    }

    private static byte[] beaconJson(String articleId, int padding) {
        return utf8("{\"articleId\":\"" + articleId + "\",\"visitorId\":\"" + "j".repeat(padding) + "\"}");
    }

    private static byte[] multipart(String articleId, int padding) {
        return utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"articleId\"\r\n\r\n" + articleId
                + "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"visitorId\"\r\n\r\n"
                + "m".repeat(padding) + "\r\n--" + BOUNDARY + "--\r\n");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body, boolean chunked) throws Exception {
        return post(path, contentType, body, chunked, BROWSER);
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body, boolean chunked, String agent)
            throws Exception {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", contentType)
                        .header("User-Agent", agent)
                        .POST(publisher)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyBodyOverItsCapIsRefusedWith413AndJson() throws Exception {
        String articleId = publishedArticle();
        List<String> failures = new ArrayList<>();
        for (Body body : bodies(articleId)) {
            for (boolean chunked : new boolean[] {false, true}) {
                // The smallest padding that takes the body past its cap.
                int padding = (int) body.limit() + 1 - body.of().apply(0).length;
                byte[] bytes = body.of().apply(padding);
                assertThat(bytes.length).isEqualTo(body.limit() + 1);
                HttpResponse<String> response = post(body.path(), body.contentType(), bytes, chunked);
                String what = body + (chunked ? " chunked" : " with Content-Length");
                if (response.statusCode() != 413
                        || !response.headers()
                                .firstValue("Content-Type")
                                .orElse("")
                                .startsWith("application/json")) {
                    failures.add(what + " answered " + response.statusCode() + " " + response.body());
                    continue;
                }
                Map<?, ?> answer = json.readValue(response.body(), Map.class);
                assertThat(answer.get("error")).as(what).asString().contains("at most " + body.limit() + " bytes");
                assertThat(((Number) answer.get("maxBytes")).longValue())
                        .as(what)
                        .isEqualTo(body.limit());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void bodiesWithinTheCapArriveWholeAlsoWhenChunked() throws Exception {
        String articleId = publishedArticle();
        for (Body body : bodies(articleId)) {
            if (!body.path().equals("/views") && !body.path().equals("/graphql")) {
                continue;
            }
            for (boolean chunked : new boolean[] {false, true}) {
                // Exactly at the cap: still served.
                int padding = (int) body.limit() - body.of().apply(0).length;
                byte[] bytes = body.of().apply(padding);
                assertThat(bytes.length).isEqualTo(body.limit());
                HttpResponse<String> response = post(body.path(), body.contentType(), bytes, chunked, CRAWLER);
                assertThat(response.statusCode())
                        .as(body + (chunked ? " chunked" : "") + ": " + response.body())
                        .isEqualTo(body.path().equals("/views") ? 204 : 200);
                if (body.path().equals("/graphql")) {
                    assertThat(response.body()).contains("\"sections\"");
                }
            }
        }
        // A beacon body that arrived incomplete or empty would have answered 400 (the id is read before the user
        // agent is looked at): 204 means it was parsed.
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedWithoutReadingTheBody() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // 60 MB announced, none of it sent: the answer must come anyway.
            out.write(utf8("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 62914560\r\n\r\n{\"query\":"));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 413");
        }
    }

    private String publishedArticle() {
        Fixtures fixtures = new Fixtures(dsl);
        String section = Fixtures.unique("batas");
        fixtures.section(section, "Batas " + section, "berita");
        long id = fixtures.article(
                Fixtures.unique("batas"),
                section,
                "PUBLISHED",
                java.time.OffsetDateTime.now().minusHours(1),
                "[]");
        return GlobalId.encode("Article", id);
    }
}
