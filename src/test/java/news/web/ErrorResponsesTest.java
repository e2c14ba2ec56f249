package news.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import news.HttpTestBase;
import news.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Every error the service answers is JSON: those of the application (unknown path, wrong method, the error page
 * itself, whatever the client accepts) and those Tomcat answers before the application sees the request (a header
 * section over {@code server.max-http-request-header-size}, a malformed request line or header). The container's
 * cases are sent over a raw socket, byte for byte, since HTTP clients refuse to send such requests.
 */
@IntegrationTest
class ErrorResponsesTest extends HttpTestBase {

    @Test
    void applicationErrors_areJson_evenForBrowsers() {
        http().get()
                .uri("/no/such/page")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(404)
                .jsonPath("$.error")
                .isEqualTo("Not Found")
                .jsonPath("$.path")
                .isEqualTo("/no/such/page");
        http().get()
                .uri("/error")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        http().get()
                .uri("/views")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(405);
    }

    @Test
    void bareErrorStatuses_getTheJsonBody_andKeepTheirHeaders() {
        // The view beacon's filter answers another method with a status and its Allow header only.
        http().get()
                .uri("/views")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .valueEquals("Allow", "POST, OPTIONS")
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(405)
                .jsonPath("$.path")
                .isEqualTo("/views");
    }

    @Test
    void anEventStreamAskedForWithABodyOfAnotherType_isRefusedClassified() {
        // Spring's route for server-sent events takes JSON bodies only; the service's own POST handler answers the
        // others, with the GraphQL error a plain POST of that body gets (until 2026-12-08 Spring's bare 415).
        http().post()
                .uri("/graphql")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{ sections { slug } }")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.errors[0].extensions.code")
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void headersOverTheServerLimit_areAnsweredWithJson() throws IOException {
        String token = "e" + "x".repeat(100 * 1024);
        RawResponse response = send("POST /graphql HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                + "\r\n{}");
        assertThat(response.status()).isIn(400, 431);
        assertJson(response);
    }

    @Test
    void malformedRequests_areAnsweredWithJson() throws IOException {
        RawResponse badTarget = send("GET /graphql?query={x} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(badTarget.status()).isEqualTo(400);
        assertJson(badTarget);
        RawResponse badHeader = send("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n");
        assertThat(badHeader.status()).isEqualTo(400);
        assertJson(badHeader);
        RawResponse badVersion = send("GET /actuator/health HTTP/9.9\r\nHost: localhost\r\n\r\n");
        assertThat(badVersion.status()).isGreaterThanOrEqualTo(400);
        assertJson(badVersion);
    }

    private static void assertJson(RawResponse response) {
        assertThat(response.header("content-type")).startsWith("application/json");
        assertThat(response.body())
                .doesNotContainIgnoringCase("<html")
                .doesNotContainIgnoringCase("tomcat")
                .contains("\"status\":" + response.status());
    }

    record RawResponse(int status, String head, String body) {

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0
                        && line.substring(0, colon)
                                .trim()
                                .toLowerCase(Locale.ROOT)
                                .equals(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }
    }

    /** Sends the bytes as they are and reads one response, headers and (unchunked or chunked) body. */
    private RawResponse send(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                socket.shutdownOutput();
            } catch (IOException ex) {
                // The server may answer and close before it has read everything; the answer is still there.
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    received.write(buffer, 0, n);
                    if (complete(received.toString(StandardCharsets.UTF_8))) {
                        break;
                    }
                }
            } catch (SocketTimeoutException | java.net.SocketException ex) {
                // Whatever arrived is the answer.
            }
            String text = received.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            assertThat(split).as("a complete response head in: %s", text).isPositive();
            String head = text.substring(0, split);
            String body = text.substring(split + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new RawResponse(Integer.parseInt(head.split(" ")[1]), head, body);
        }
    }

    private static boolean complete(String text) {
        int split = text.indexOf("\r\n\r\n");
        if (split < 0) {
            return false;
        }
        String head = text.substring(0, split).toLowerCase(Locale.ROOT);
        String body = text.substring(split + 4);
        if (head.contains("transfer-encoding: chunked")) {
            return body.endsWith("0\r\n\r\n");
        }
        int at = head.indexOf("content-length:");
        if (at >= 0) {
            int end = head.indexOf("\r\n", at);
            int length = Integer.parseInt(
                    head.substring(at + 15, end < 0 ? head.length() : end).trim());
            return body.getBytes(StandardCharsets.UTF_8).length >= length;
        }
        return false;
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
