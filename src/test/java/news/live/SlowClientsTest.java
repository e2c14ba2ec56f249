package news.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import news.RawWebSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Clients that would hold the service's memory: one that sends many operations over WebSocket and never reads the
 * answers is closed once its unsent answers pass the bound (or wait too long), while HTTP keeps answering quickly;
 * connections from one address beyond the limit are refused at the upgrade; operations and subscriptions beyond their
 * limits on one connection are answered with classified errors.
 */
@IntegrationTest
class SlowClientsTest extends HttpTestBase {

    /** The largest page of the UPDATE list with every article's body: the heaviest public answer. */
    private static final String HEAVY = "{ latest(first: 100) { edges { node { id headline summary"
            + " body { type text speaker } section { name path { name } } reporters { name bio } } } } }";

    @Autowired
    LiveConnections connections;

    @Autowired
    LiveProperties settings;

    @Test
    void clientSendingManyOperationsAndNeverReading_isClosed_whileHttpStaysFast() throws Exception {
        // Connections an earlier test of the shared context opened may still be closing: let them go first.
        long settled = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (connections.open() > 0 && System.nanoTime() < settled) {
            Thread.sleep(10);
        }
        int before = connections.open();
        List<RawWebSocket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                RawWebSocket socket = RawWebSocket.connect(port, false);
                socket.send(Map.of("type", "connection_init", "payload", Map.of()));
                slow.add(socket);
            }
            // The server registers a connection when Tomcat opens it, just after the client has read the upgrade.
            long registered = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (connections.open() < before + 3 && System.nanoTime() < registered) {
                Thread.sleep(10);
            }
            assertThat(connections.open()).isEqualTo(before + 3);
            List<Long> httpMillis = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int sent = 0;
            long maxQueued = 0;
            while (connections.open() > before && System.nanoTime() < deadline) {
                for (RawWebSocket socket : slow) {
                    for (int i = 0; i < settings.maxOperationsInFlight(); i++) {
                        try {
                            socket.subscribe("q" + sent++, HEAVY);
                        } catch (RuntimeException closed) {
                            // the server closed this one already
                        }
                    }
                }
                maxQueued = Math.max(maxQueued, connections.queuedBytes());
                long start = System.nanoTime();
                assertThat(httpQuery("{ latest(first: 5) { edges { node { id headline } } } }"))
                        .contains("\"latest\"");
                httpMillis.add((System.nanoTime() - start) / 1_000_000);
                Thread.sleep(50);
            }
            assertThat(connections.open())
                    .as("every connection that stopped reading is closed (%d operations sent)", sent)
                    .isEqualTo(before);
            assertThat(maxQueued)
                    .as("unsent answers held for the three connections, at most")
                    .isLessThanOrEqualTo(3 * settings.sendBufferSize().toBytes() + 1_000_000);
            List<Long> sorted = httpMillis.stream().sorted().toList();
            assertThat(sorted.get(sorted.size() / 2))
                    .as("median HTTP answer while the slow connections were open, ms: %s", httpMillis)
                    .isLessThan(200);
        } finally {
            slow.forEach(RawWebSocket::abort);
        }
    }

    @Test
    void connectionsFromOneAddressBeyondTheLimit_areRefusedAtTheUpgrade() throws Exception {
        int limit = settings.maxConnectionsPerClient();
        List<RawWebSocket> open = new ArrayList<>();
        try {
            while (connections.open() < limit) {
                open.add(RawWebSocket.connect(port, true).init(Map.of()));
            }
            Throwable refused = catchThrowable(() -> RawWebSocket.connect(port, true));
            WebSocketHandshakeException handshake = handshakeFailure(refused);
            assertThat(handshake).as("refused at the upgrade: %s", refused).isNotNull();
            assertThat(handshake.getResponse().statusCode()).isEqualTo(429);
            assertThat(rawUpgrade())
                    .as("the refusal says why, classified")
                    .startsWith("HTTP/1.1 429")
                    .contains("TOO_MANY_CONNECTIONS");

            open.remove(0).abort();
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (connections.open() >= limit && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            RawWebSocket again = RawWebSocket.connect(port, true).init(Map.of());
            open.add(again);
        } finally {
            open.forEach(RawWebSocket::abort);
        }
    }

    @Test
    void subscriptionsBeyondTheLimitOnOneConnection_areRefused_andTheOthersKeepRunning() {
        RawWebSocket socket = RawWebSocket.connect(port, true).init(Map.of());
        try {
            int limit = settings.maxSubscriptionsPerConnection();
            for (int i = 0; i < limit; i++) {
                socket.subscribe("s" + i, "subscription { articlePublished { id } }");
            }
            socket.subscribe("one-more", "subscription { articlePublished { id } }");
            Map<String, Object> refused = socket.next("one-more", Duration.ofSeconds(20));
            assertThat(refused).isNotNull();
            assertThat(refused.toString()).contains("code=TOO_MANY_SUBSCRIPTIONS");
            assertThat(socket.closeCode(Duration.ofMillis(200)))
                    .as("the connection stays open")
                    .isNull();
            // A query still runs beside the subscriptions.
            socket.subscribe("q", "{ __typename }");
            assertThat(socket.next("q", Duration.ofSeconds(20)).toString()).contains("__typename=Query");
        } finally {
            socket.abort();
        }
    }

    @Test
    void operationsBeyondTheInFlightLimit_areAnsweredWithAnError_withoutRunning() {
        RawWebSocket socket = RawWebSocket.connect(port, true).init(Map.of());
        try {
            int sent = settings.maxOperationsInFlight() * 6;
            for (int i = 0; i < sent; i++) {
                socket.subscribe("q" + i, HEAVY);
            }
            int refused = 0;
            int answered = 0;
            for (int i = 0; i < sent * 2 && refused + answered < sent; i++) {
                Map<String, Object> message = socket.next(Duration.ofSeconds(30));
                assertThat(message).isNotNull();
                if ("error".equals(message.get("type"))) {
                    assertThat(message.toString()).contains("code=TOO_MANY_OPERATIONS");
                    refused++;
                } else if ("next".equals(message.get("type"))) {
                    answered++;
                }
            }
            assertThat(refused + answered).isEqualTo(sent);
            assertThat(answered).isGreaterThanOrEqualTo(settings.maxOperationsInFlight());
        } finally {
            socket.abort();
        }
    }

    private static WebSocketHandshakeException handshakeFailure(Throwable t) {
        while (t != null && !(t instanceof WebSocketHandshakeException)) {
            t = t.getCause();
        }
        return (WebSocketHandshakeException) t;
    }

    /** An upgrade request on a plain socket, to read the whole answer (the JDK client hides a refusal's body). */
    private String rawUpgrade() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET /graphql-ws HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n"
                                    + "Connection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            int n;
            try {
                while ((n = socket.getInputStream().read(buffer)) > 0) {
                    answer.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                    if (answer.indexOf("TOO_MANY_CONNECTIONS") >= 0) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException ex) {
                // whatever arrived
            }
            return answer.toString();
        }
    }

    private String httpQuery(String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + query.replace("\"", "\\\"") + "\"}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
}
