package news.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import news.HttpTestBase;
import news.IntegrationTest;
import news.RawWebSocket;
import news.TestClock;
import news.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An editor's token on a long-lived connection (WebSocket with the token in the upgrade header or in
 * {@code connection_init}, Server-Sent Events) stops giving editor rights once it has expired plus the minute of clock
 * allowance: later operations answer UNAUTHORIZED ("expired"), and subscriptions started with it end with that
 * error. The application clock is moved past the expiry instead of waiting.
 */
@IntegrationTest
class LongLivedTokenExpiryTest extends HttpTestBase {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final String DRAFTS = "{ drafts(first: 1) { totalCount } }";

    private static final String CREATE = """
            mutation { createArticle(input: {headline: "Tidak boleh", section: "berita"}) { __typename } }""";

    @Autowired
    TestClock.Settable clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void expiredTokenInTheUpgradeHeader_noLongerReadsDraftsNorWrites_andItsSubscriptionsEnd() {
        String token = Tokens.token("ani", List.of("EDITOR"), Duration.ofSeconds(5), Tokens.SECRET);
        RawWebSocket socket = RawWebSocket.connect(port, true, "Authorization", "Bearer " + token);
        try {
            socket.init(Map.of());
            assertEditorRightsThenExpiry(socket);
        } finally {
            socket.abort();
        }
    }

    @Test
    void expiredTokenInConnectionInit_noLongerReadsDraftsNorWrites_andItsSubscriptionsEnd() {
        String token = Tokens.token("ani", List.of("EDITOR"), Duration.ofSeconds(5), Tokens.SECRET);
        RawWebSocket socket = RawWebSocket.connect(port, true);
        try {
            socket.init(Map.of("Authorization", "Bearer " + token));
            assertEditorRightsThenExpiry(socket);
        } finally {
            socket.abort();
        }
    }

    @Test
    void tokenWithinTheClockAllowance_stillHolds_likeOverHttp() {
        String token = Tokens.token("ani", List.of("EDITOR"), Duration.ofSeconds(5), Tokens.SECRET);
        RawWebSocket socket = RawWebSocket.connect(port, true, "Authorization", "Bearer " + token);
        try {
            socket.init(Map.of());
            clock.set(Instant.now().plusSeconds(5 + 30));
            socket.subscribe("1", DRAFTS);
            assertThat(data(socket.next("1", WAIT)))
                    .as("30 s after expiry, inside the 60 s allowance")
                    .isNotNull();
        } finally {
            socket.abort();
        }
    }

    private void assertEditorRightsThenExpiry(RawWebSocket socket) {
        socket.subscribe("before", DRAFTS);
        Map<String, Object> before = socket.next("before", WAIT);
        assertThat(errors(before)).as("before expiry: %s", before).isEmpty();
        assertThat(data(before)).containsKey("drafts");
        socket.subscribe("live", "subscription { popularChanged(window: LAST_30_DAYS, first: 1) { window } }");
        Map<String, Object> first = socket.next("live", WAIT);
        assertThat(first).as("the first popular list").isNotNull().containsEntry("type", "next");

        // 71 s after the token's expiry: beyond the 60 s allowance.
        clock.set(Instant.now().plusSeconds(5 + 71));

        Map<String, Object> ended = socket.next("live", WAIT);
        assertThat(ended).as("the editor's subscription ends").isNotNull().containsEntry("type", "error");
        assertThat(code(firstError(ended.get("payload")))).isEqualTo("UNAUTHORIZED");

        socket.subscribe("drafts", DRAFTS);
        Map<String, Object> drafts = socket.next("drafts", WAIT);
        assertThat(drafts).isNotNull();
        assertThat(data(drafts)).as("no drafts").containsEntry("drafts", null);
        Map<?, ?> refused = firstError(errors(drafts));
        assertThat(code(refused)).isEqualTo("UNAUTHORIZED");
        assertThat(refused.get("message").toString()).contains("expired");

        socket.subscribe("create", CREATE);
        Map<String, Object> create = socket.next("create", WAIT);
        assertThat(code(firstError(errors(create))))
                .as("createArticle: %s", create)
                .isEqualTo("UNAUTHORIZED");
    }

    @Test
    void expiredTokenOfAnSseSubscription_endsIt() throws Exception {
        String token = Tokens.token("ani", List.of("EDITOR"), Duration.ofSeconds(5), Tokens.SECRET);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"query\":\"subscription { popularChanged(window: LAST_30_DAYS, first: 1) { window } }\"}"))
                .build();
        HttpResponse<java.io.InputStream> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception ex) {
                // the stream ended
            }
            lines.add("<end>");
        });
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(nextData(lines)).as("the first list").contains("\"popularChanged\"");
            clock.set(Instant.now().plusSeconds(5 + 71));
            String ended = nextData(lines);
            assertThat(ended).as("the subscription ends with an error").contains("\"code\":\"UNAUTHORIZED\"");
        } finally {
            response.body().close();
        }
    }

    private static String nextData(BlockingQueue<String> lines) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (line.equals("<end>")) {
                return null;
            }
            if (line.startsWith("data:") && line.length() > 6) {
                return line.substring(5).trim();
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> message) {
        assertThat(message).isNotNull();
        return (Map<String, Object>) ((Map<String, Object>) message.get("payload")).get("data");
    }

    private static List<?> errors(Map<String, Object> message) {
        assertThat(message).isNotNull();
        Object errors = ((Map<?, ?>) message.get("payload")).get("errors");
        return errors == null ? List.of() : (List<?>) errors;
    }

    private static Map<?, ?> firstError(Object errors) {
        assertThat(errors).isInstanceOf(List.class);
        assertThat((List<?>) errors).isNotEmpty();
        return (Map<?, ?>) ((List<?>) errors).get(0);
    }

    private static Object code(Map<?, ?> error) {
        return ((Map<?, ?>) error.get("extensions")).get("code");
    }
}
