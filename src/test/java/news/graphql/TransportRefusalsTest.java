package news.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.RawWebSocket;
import org.junit.jupiter.api.Test;

/**
 * What each transport carries and how it says no: a subscription over a plain POST or GET is refused with BAD_REQUEST
 * (never a serialized publisher), errors over WebSocket and Server-Sent Events carry {@code extensions.code} as over
 * HTTP, {@code @defer} is refused rather than ignored, and malformed WebSocket messages close the connection with the
 * graphql-transport-ws codes rather than a server error.
 */
@IntegrationTest
class TransportRefusalsTest extends HttpTestBase {

    private static final String POPULAR = "subscription { popularChanged(window: LAST_30_DAYS, first: 1) { window } }";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void subscriptionOverPlainPost_isRefusedWithBadRequest_notAnsweredWithASerializedPublisher() throws Exception {
        for (String accept : new String[] {"application/json", "application/graphql-response+json"}) {
            HttpResponse<String> response = post(POPULAR, accept);
            assertThat(response.body()).doesNotContain("upstreamPublisher").doesNotContain("Publisher");
            assertThat(response.body())
                    .contains("\"code\":\"BAD_REQUEST\"")
                    .contains("WebSocket")
                    .contains("text/event-stream");
            assertThat(response.body()).doesNotContain("\"window\"");
        }
        HttpResponse<String> articlePublished = post("subscription { articlePublished { id } }", "application/json");
        assertThat(articlePublished.body()).contains("\"code\":\"BAD_REQUEST\"").doesNotContain("Publisher");
    }

    @Test
    void subscriptionOverGet_isRefusedAsMethodNotAllowed() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql?query="
                        + URLEncoder.encode("subscription { articlePublished { id } }", StandardCharsets.UTF_8)))
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        // GET carries queries only (see the edge's GET handler): 405 with a classified error.
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).doesNotContain("Publisher").contains("\"code\":\"METHOD_NOT_ALLOWED\"");
    }

    @Test
    void refusedSubscriptionOverWebSocket_carriesExtensionsCode() {
        RawWebSocket socket = RawWebSocket.connect(port, true).init(Map.of());
        try {
            socket.subscribe("1", POPULAR);
            Map<String, Object> message = socket.next("1", Duration.ofSeconds(20));
            assertThat(message).isNotNull();
            assertThat(message.toString()).contains("code=UNAUTHORIZED").contains("classification=UNAUTHORIZED");
            socket.subscribe("2", "subscription { popularChanged(first: 1000) { window } }");
            Map<String, Object> invalid = socket.next("2", Duration.ofSeconds(20));
            assertThat(invalid).isNotNull();
            assertThat(invalid.toString()).contains("code=");
        } finally {
            socket.abort();
        }
    }

    @Test
    void refusedSubscriptionOverServerSentEvents_carriesExtensionsCode() throws Exception {
        HttpResponse<String> response = post(POPULAR, "text/event-stream");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("event:next").contains("\"code\":\"UNAUTHORIZED\"");
    }

    @Test
    void deferDirective_isRefusedWithAClassifiedError_notSilentlyIgnored() throws Exception {
        String query = "{ latest(first: 1) { edges { node { id ... @defer { headline } } } } }";
        HttpResponse<String> response = post(query, "application/json");
        assertThat(response.body()).contains("\"code\":\"BAD_REQUEST\"").contains("@defer");
        assertThat(response.body()).doesNotContain("\"headline\"");
        RawWebSocket socket = RawWebSocket.connect(port, true).init(Map.of());
        try {
            socket.subscribe("1", query);
            assertThat(socket.next("1", Duration.ofSeconds(20)).toString()).contains("code=BAD_REQUEST");
        } finally {
            socket.abort();
        }
    }

    @Test
    void malformedWebSocketMessage_closesWith4400_notAServerError() {
        for (String malformed : new String[] {
            "not json",
            "{\"type\": 5}",
            "[]",
            "{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":\"text\"}",
            "{\"type\":\"subscribe\",\"payload\":{\"query\":\"{ __typename }\"}}"
        }) {
            RawWebSocket socket = RawWebSocket.connect(port, true).init(Map.of());
            try {
                socket.send(malformed);
                assertThat(socket.closeCode(Duration.ofSeconds(10)))
                        .as(malformed)
                        .isEqualTo(4400);
            } finally {
                socket.abort();
            }
        }
    }

    @Test
    void idStillRunningSentAgain_closesWith4409() {
        RawWebSocket socket = RawWebSocket.connect(port, true).init(Map.of());
        try {
            socket.subscribe("same", "subscription { articlePublished { id } }");
            socket.subscribe("check", "{ __typename }");
            assertThat(socket.next("check", Duration.ofSeconds(20))).isNotNull();
            socket.subscribe("same", "{ __typename }");
            assertThat(socket.closeCode(Duration.ofSeconds(10))).isEqualTo(4409);
        } finally {
            socket.abort();
        }
    }

    private HttpResponse<String> post(String query, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + query.replace("\"", "\\\"") + "\"}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
