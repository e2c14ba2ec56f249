package news.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.RawSse;
import news.RawWebSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over Server-Sent Events within the live connections' bounds, over real HTTP: every stream counts as a live
 * connection of its client's address, so streams and WebSocket upgrades beyond {@code max-connections-per-client}
 * are refused alike (429, {@code Retry-After}, {@code TOO_MANY_CONNECTIONS}) and nothing runs for them; a stream that
 * ends lets its place go. A subscription's response (status and headers) arrives at once, not with its first event,
 * and its stream has no end of its own (Tomcat's default would close it after 30 s).
 */
@IntegrationTest
class ServerSentEventsBoundsTest extends HttpTestBase {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String SUBSCRIPTION = "subscription { articlePublished { id headline } }";

    @Autowired
    LiveConnections connections;

    @Autowired
    LiveProperties settings;

    @Test
    void streamsCountAsLiveConnections_beyondTheBoundStreamsAndUpgradesAreRefused_andAnEndedStreamFreesItsPlace()
            throws Exception {
        int before = settled();
        int limit = settings.maxConnectionsPerClient();
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = before; i < limit; i++) {
                open.add(subscribe());
            }
            assertThat(connections.open()).isEqualTo(limit);
            assertThat(connections.streams()).isEqualTo(limit - before);

            HttpResponse<String> refused = HTTP.send(request(SUBSCRIPTION), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
            JsonNode error = JSON.readTree(refused.body()).path("errors").path(0);
            assertThat(error.at("/extensions/code").asString()).isEqualTo("TOO_MANY_CONNECTIONS");
            assertThat(error.path("message").asString()).contains(String.valueOf(limit));
            assertThat(refused.body()).doesNotContain("Exception");

            // Any operation over the bound is refused before it runs: no data.
            HttpResponse<String> query = HTTP.send(
                    request("{ latest(first: 1) { edges { node { id } } } }"), HttpResponse.BodyHandlers.ofString());
            assertThat(query.statusCode()).isEqualTo(429);
            assertThat(query.body()).doesNotContain("\"data\"");

            Throwable upgrade = catchThrowable(() -> RawWebSocket.connect(port, true));
            assertThat(handshakeFailure(upgrade))
                    .as("a WebSocket upgrade is refused while streams hold every place: %s", upgrade)
                    .isNotNull();
            assertThat(handshakeFailure(upgrade).getResponse().statusCode()).isEqualTo(429);

            // The client goes away: the service notices when a write fails (the keep-alive, every second in tests).
            open.remove(0).close();
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (connections.open() >= limit && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertThat(connections.open())
                    .as("the ended stream's place is free")
                    .isEqualTo(limit - 1);
            open.add(subscribe());
        } finally {
            for (Socket stream : open) {
                stream.close();
            }
        }
        assertThat(settledAt(before)).as("every stream's place is given back").isEqualTo(before);
    }

    @Test
    void aSubscriptionsStream_outlivesTheContainersDefaultTimeout() throws Exception {
        try (Socket stream = subscribe()) {
            InputStream in = stream.getInputStream();
            long started = System.nanoTime();
            long seconds = 0;
            while (seconds < 33) {
                int b = in.read();
                assertThat(b).as("the stream still open after %d s", seconds).isNotNegative();
                seconds = (System.nanoTime() - started) / 1_000_000_000;
            }
        }
    }

    @Test
    void aQueryOverServerSentEvents_isAnsweredAndLetsItsPlaceGoAtOnce() throws Exception {
        int before = settled();
        HttpResponse<String> answer = HTTP.send(
                request("{ latest(first: 1) { edges { node { id } } } }"), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body())
                .startsWith(":")
                .contains("event:next")
                .contains("\"latest\"")
                .contains("event:complete");
        assertThat(settledAt(before)).isEqualTo(before);
    }

    private Socket subscribe() throws IOException {
        return RawSse.open(port, SUBSCRIPTION);
    }

    private HttpRequest request(String query) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))))
                .build();
    }

    /** Live connections once those of earlier tests have gone (within the keep-alive, when they were streams). */
    private int settled() throws InterruptedException {
        return settledAt(0);
    }

    private int settledAt(int expected) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (connections.open() > expected && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        return connections.open();
    }

    private static WebSocketHandshakeException handshakeFailure(Throwable t) {
        while (t != null && !(t instanceof WebSocketHandshakeException)) {
            t = t.getCause();
        }
        return (WebSocketHandshakeException) t;
    }
}
