package news.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.RawWebSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * What each transport carries and how it says no: a subscription over a plain POST or GET is refused with BAD_REQUEST
 * (never a serialized publisher), errors over WebSocket and Server-Sent Events carry the {@code extensions.code} and
 * message they carry over HTTP, queries go over Server-Sent Events too, {@code @defer} is an unknown directive rather
 * than ignored, and malformed WebSocket messages close the connection with the graphql-transport-ws codes rather than
 * a server error.
 */
@IntegrationTest
class TransportRefusalsTest extends HttpTestBase {

    private static final String POPULAR = "subscription { popularChanged(window: LAST_30_DAYS, first: 1) { window } }";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    /**
     * Bodies that cannot be read as a GraphQL request (not JSON, no query, variables that are not an object, another
     * content type) get over Server-Sent Events the status and {@code extensions.code} a plain POST gets, never a
     * server error or an answer without a code. (A query given as a number is read as its text over Server-Sent
     * Events, and answered in the stream as that text's syntax error, {@code InvalidSyntax}.)
     */
    @Test
    void unreadableBodiesOverServerSentEvents_areRefusedAsOverPost() throws Exception {
        String[][] bodies = {
            {"application/json", "{\"query\":"},
            {"application/json", "{}"},
            {"application/json", "{\"query\":\"{ __typename }\",\"variables\":[1]}"},
            {"application/x-www-form-urlencoded", "query=%7B__typename%7D"}
        };
        for (String[] body : bodies) {
            HttpResponse<String> overPost = raw(body[0], body[1], "application/json");
            HttpResponse<String> overSse = raw(body[0], body[1], "text/event-stream");
            assertThat(overSse.statusCode()).as("%s %s", body[0], body[1]).isEqualTo(overPost.statusCode());
            assertThat(overSse.statusCode()).as("%s %s", body[0], body[1]).isBetween(400, 499);
            JsonNode error = JSON.readTree(overSse.body()).path("errors").path(0);
            assertThat(error.at("/extensions/code").asString())
                    .as("%s %s: %s", body[0], body[1], overSse.body())
                    .isEqualTo(JSON.readTree(overPost.body())
                            .at("/errors/0/extensions/code")
                            .asString());
            assertThat(overSse.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    private HttpResponse<String> raw(String contentType, String body, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", contentType)
                .header("Accept", accept)
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void deferDirective_isAnUnknownDirective_refusedByValidationOnEveryTransport() throws Exception {
        String query = "{ latest(first: 1) { edges { node { id ... @defer { headline } } } } }";
        JsonNode post = JSON.readTree(post(query, "application/json").body());
        assertThat(codes(post.path("errors"))).containsExactly("ValidationError");
        assertThat(post.at("/errors/0/message").asString())
                .contains("Unknown directive")
                .contains("defer");
        assertThat(post.has("data")).as("nothing ran").isFalse();
        assertThat(codes(sseErrors(query))).containsExactly("ValidationError");
        assertThat(codes(webSocketErrors(query))).containsExactly("ValidationError");
    }

    /**
     * The class of answers over Server-Sent Events: for every operation refused or failing (parse and validation
     * errors, unsupported directives, queries and mutations with their field errors, auth refusals, the cost limit),
     * the errors carry the same {@code extensions.code} and message as the same operation gets over a plain POST and
     * over WebSocket, never Spring's "SSE handler supports only subscriptions", never a stack trace, and the stream
     * completes. Subscriptions that run are compared with WebSocket only: a plain POST refuses every subscription.
     */
    @Test
    void everyErrorOverServerSentEvents_carriesTheCodeAndMessageOfTheOtherTransports() throws Exception {
        Map<String, String> viaPost = new LinkedHashMap<>();
        viaPost.put("subscription { nope }", "ValidationError");
        viaPost.put("{ nope }", "ValidationError");
        viaPost.put("mutation { nope }", "ValidationError");
        viaPost.put("subscription { articlePublished { nope } }", "ValidationError");
        viaPost.put("subscription { articlePublished(section: 5) { id } }", "BAD_REQUEST");
        viaPost.put("{ latest(first: ", "InvalidSyntax");
        viaPost.put("subscription {", "InvalidSyntax");
        viaPost.put("{ latest(first: 1) { edges { node { id ... @defer { headline } } } } }", "ValidationError");
        viaPost.put("query @experimental_disableErrorPropagation { __typename }", "ValidationError");
        viaPost.put("{ latest(first: 0) { totalCount } }", "BAD_REQUEST");
        viaPost.put("{ drafts(first: 1) { totalCount } }", "UNAUTHORIZED");
        viaPost.put(
                "mutation { createArticle(input: {headline: \"x\", section: \"berita\"}) { __typename } }",
                "UNAUTHORIZED");
        viaPost.put(
                "{ a: latest(first: 100) { edges { node { tags { articles(first: 100) { edges { node { id } } } } } } } }",
                "QUERY_TOO_COMPLEX");
        for (Map.Entry<String, String> operation : viaPost.entrySet()) {
            String query = operation.getKey();
            JsonNode sse = sseErrors(query);
            JsonNode post =
                    JSON.readTree(post(query, "application/json").body()).path("errors");
            assertThat(codes(sse)).as(query).isNotEmpty().allMatch(operation.getValue()::equals);
            assertThat(codes(sse)).as(query).isEqualTo(codes(post));
            assertThat(messages(sse)).as(query).isEqualTo(messages(post));
            assertThat(codes(webSocketErrors(query))).as(query).isEqualTo(codes(sse));
            if (query.startsWith("{") || query.startsWith("query")) {
                // A query (one that parses or not) over GET gets the same codes and messages as over POST.
                JsonNode get = JSON.readTree(get(query).body()).path("errors");
                assertThat(codes(get)).as("GET " + query).isEqualTo(codes(post));
                assertThat(messages(get)).as("GET " + query).isEqualTo(messages(post));
            }
        }
        Map<String, String> viaWebSocket = new LinkedHashMap<>();
        viaWebSocket.put(POPULAR, "UNAUTHORIZED");
        viaWebSocket.put("subscription { popularChanged(window: LAST_30_DAYS, first: 1000) { window } }", null);
        viaWebSocket.put("subscription { articlePublished(section: \"x\\u0000\") { id } }", "BAD_REQUEST");
        for (Map.Entry<String, String> operation : viaWebSocket.entrySet()) {
            String query = operation.getKey();
            JsonNode sse = sseErrors(query);
            assertThat(codes(sse)).as(query).isNotEmpty().doesNotContainNull();
            if (operation.getValue() != null) {
                assertThat(codes(sse)).as(query).allMatch(operation.getValue()::equals);
            }
            assertThat(codes(sse)).as(query).isEqualTo(codes(webSocketErrors(query)));
        }
    }

    @Test
    void queryOverServerSentEvents_isAnsweredAsOverPost_inOneEvent() throws Exception {
        String query = "{ latest(first: 2) { edges { node { id headline } } } }";
        List<JsonNode> events = sseEvents(query);
        assertThat(events).hasSize(1);
        JsonNode post = JSON.readTree(post(query, "application/json").body());
        assertThat(events.get(0).path("errors").isMissingNode()).isTrue();
        assertThat(events.get(0).path("data")).isEqualTo(post.path("data"));
        assertThat(post.at("/data/latest/edges").size()).isPositive();
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
    void webSocketMessages_upToTheTextLimitAreAnswered_longerOnesCloseWith1009_binaryOnesAreRefused() {
        // A subscribe message of exactly 8,192 characters (the document padded with a comment) is answered.
        RawWebSocket socket = RawWebSocket.connect(port, true).init(Map.of());
        try {
            socket.send(subscribeOfLength("fits", 8192));
            assertThat(socket.next("fits", Duration.ofSeconds(20))).isNotNull();
        } finally {
            socket.abort();
        }
        // One character more closes the connection: the message is too big.
        socket = RawWebSocket.connect(port, true).init(Map.of());
        try {
            socket.send(subscribeOfLength("over", 8193));
            assertThat(socket.closeCode(Duration.ofSeconds(10))).isEqualTo(1009);
        } finally {
            socket.abort();
        }
        // graphql-transport-ws is text: a binary message is refused as such (1003), or as too big over the binary
        // limit (1009).
        for (int size : new int[] {100, 50_000}) {
            socket = RawWebSocket.connect(port, true).init(Map.of());
            try {
                socket.sendBinary(subscribeOfLength("b", size).getBytes(StandardCharsets.UTF_8));
                assertThat(socket.closeCode(Duration.ofSeconds(10)))
                        .as("binary message of %d bytes", size)
                        .isIn(size <= 1024 ? List.of(1003) : List.of(1003, 1009));
            } finally {
                socket.abort();
            }
        }
    }

    /** A graphql-transport-ws {@code subscribe} for {@code { __typename }} of exactly {@code length} characters. */
    private static String subscribeOfLength(String id, int length) {
        String head = "{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"payload\":{\"query\":\"{ __typename } #";
        String tail = "\"}}";
        String message = head + "x".repeat(length - head.length() - tail.length()) + tail;
        assertThat(message).hasSize(length);
        return message;
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

    private HttpResponse<String> get(String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql?query="
                        + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8)))
                .header("Accept", "application/json")
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String query, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The {@code next} events of the operation over Server-Sent Events, which must end with {@code complete}, none
     * naming Spring's refusal of non-subscriptions or a stack trace.
     */
    private List<JsonNode> sseEvents(String query) throws Exception {
        HttpResponse<String> response = post(query, "text/event-stream");
        assertThat(response.statusCode()).as(query).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        String body = response.body();
        assertThat(body)
                .as(query)
                .doesNotContain("supports only subscriptions")
                .doesNotContain("OperationNotSupported")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        List<JsonNode> events = new ArrayList<>();
        String event = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("event:")) {
                event = line.substring("event:".length()).trim();
            } else if (line.startsWith("data:") && "next".equals(event)) {
                events.add(JSON.readTree(line.substring("data:".length())));
            }
        }
        assertThat(event).as("the last event of %s: %s", query, body).isEqualTo("complete");
        return events;
    }

    /** The errors of every {@code next} event of the operation over Server-Sent Events. */
    private JsonNode sseErrors(String query) throws Exception {
        ArrayNode errors = JSON.createArrayNode();
        for (JsonNode event : sseEvents(query)) {
            event.path("errors").forEach(errors::add);
        }
        return errors;
    }

    /** The errors of the operation's first answer over WebSocket: an {@code error} message or a {@code next} one. */
    private JsonNode webSocketErrors(String query) {
        RawWebSocket socket = RawWebSocket.connect(port, true).init(Map.of());
        try {
            socket.subscribe("1", query);
            Map<String, Object> message = socket.next("1", Duration.ofSeconds(20));
            assertThat(message).as(query).isNotNull();
            JsonNode payload = JSON.valueToTree(message.get("payload"));
            return payload.isArray() ? payload : payload.path("errors");
        } finally {
            socket.abort();
        }
    }

    private static List<String> codes(JsonNode errors) {
        List<String> codes = new ArrayList<>();
        errors.forEach(error -> codes.add(
                error.at("/extensions/code").isMissingNode()
                        ? null
                        : error.at("/extensions/code").asString()));
        return codes;
    }

    private static List<String> messages(JsonNode errors) {
        List<String> messages = new ArrayList<>();
        errors.forEach(error -> messages.add(error.path("message").asString()));
        return messages;
    }
}
