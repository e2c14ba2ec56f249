package news.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one client can make the service count: at most {@code max-batch} views per GraphQL request however they are
 * spread over fields, refused before the list reaches a resolver; and a rate per client address at every entry point.
 * Clients are told apart by their address: each test connects from its own loopback addresses (127.0.0.x).
 */
@IntegrationTest
class IngestionLimitsTest extends HttpTestBase {

    private static final String BATCH = """
            mutation($v: [RecordViewInput!]!) { recordViews(input: $v) { accepted duplicates bots rejected rateLimited } }
            """;

    @Autowired
    ApplicationContext context;

    @Autowired
    JsonMapper json;

    AnalyticsFixtures fixtures;

    long article;

    String id;

    @BeforeEach
    void setUp() {
        fixtures = new AnalyticsFixtures(context);
        article = fixtures.article(1);
        id = AnalyticsFixtures.id(article);
    }

    @AfterEach
    void resetClock() {
        fixtures.clock().reset();
    }

    /** A browser connecting from the given loopback address (the JDK's HTTP client cannot choose its address). */
    private Client client(String address) {
        return new Client(address);
    }

    private final class Client {

        private final InetAddress local;

        Client(String address) {
            try {
                this.local = InetAddress.getByName(address);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        /** Sends one HTTP/1.1 POST on a new connection; answers the status and the (de-chunked) body. */
        Answer post(String path, String contentType, byte[] body) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, local, 0)) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUser-Agent: "
                                + AnalyticsFixtures.BROWSER + "\r\nContent-Type: " + contentType
                                + "\r\nContent-Length: "
                                + body.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return Answer.read(socket.getInputStream());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        Answer post(String path, String contentType, String body) {
            return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    record Answer(int status, String body) {

        static Answer read(InputStream in) throws IOException {
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String head = text.substring(0, end);
            int status = Integer.parseInt(head.substring(9, 12));
            byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                int at = 0;
                while (true) {
                    int eol = indexOf(rest, at);
                    int size = Integer.parseInt(new String(rest, at, eol - at, StandardCharsets.US_ASCII).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    body.write(rest, eol + 2, size);
                    at = eol + 2 + size + 2;
                }
                rest = body.toByteArray();
            }
            return new Answer(status, new String(rest, StandardCharsets.UTF_8));
        }

        private static int indexOf(byte[] bytes, int from) {
            for (int i = from; i < bytes.length - 1; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                    return i;
                }
            }
            throw new IllegalStateException("truncated chunked body");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> graphQl(Client client, String document, Map<String, Object> variables) {
        Answer answer = client.post(
                "/graphql",
                "application/json",
                json.writeValueAsBytes(Map.of("query", document, "variables", variables)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return json.readValue(answer.body(), Map.class);
    }

    private List<Map<String, Object>> views(int count, String visitorPrefix) {
        return IntStream.range(0, count)
                .mapToObj(i -> Map.<String, Object>of("articleId", id, "visitorId", visitorPrefix + i))
                .toList();
    }

    private Map<ViewOutcome, Long> counts() {
        Map<ViewOutcome, Long> counts = new EnumMap<>(ViewOutcome.class);
        for (ViewOutcome outcome : ViewOutcome.values()) {
            counts.put(outcome, fixtures.recorder().count(outcome));
        }
        return counts;
    }

    private static String aliases(int count, String field) {
        return IntStream.range(0, count).mapToObj(i -> "a" + i + ": " + field).collect(Collectors.joining(" "));
    }

    private String literal(int index) {
        return "{articleId: \"%s\", visitorId: \"literal-%d\"}".formatted(id, index);
    }

    private String literals(int count) {
        return IntStream.range(0, count).mapToObj(this::literal).collect(Collectors.joining(", "));
    }

    /** A request that reports more than 500 views in total, however they are spread over the document. */
    record Oversized(String name, String document, Map<String, Object> variables) {}

    private List<Oversized> oversized() {
        return List.of(
                new Oversized(
                        "200 aliased recordViews of 500 views each",
                        "mutation($v: [RecordViewInput!]!) { " + aliases(200, "recordViews(input: $v) { accepted }")
                                + " }",
                        Map.of("v", views(500, "alias-"))),
                new Oversized(
                        "two aliased recordViews of 251",
                        "mutation($v: [RecordViewInput!]!) { " + aliases(2, "recordViews(input: $v) { accepted }")
                                + " }",
                        Map.of("v", views(251, "dua-"))),
                new Oversized(
                        "501 aliased recordView",
                        "mutation($i: RecordViewInput!) { " + aliases(501, "recordView(input: $i) { counted }") + " }",
                        Map.of("i", Map.of("articleId", id))),
                new Oversized(
                        "recordViews of 500 and one recordView",
                        "mutation($v: [RecordViewInput!]!, $i: RecordViewInput!) { recordViews(input: $v) { accepted }"
                                + " one: recordView(input: $i) { counted } }",
                        Map.of("v", views(500, "campur-"), "i", Map.of("articleId", id))),
                new Oversized(
                        "fragments and inline fragments",
                        "mutation($v: [RecordViewInput!]!) { ...Dua ... on Mutation { b: recordViews(input: $v) {"
                                + " accepted } } } fragment Dua on Mutation { a: recordViews(input: $v) { accepted } }",
                        Map.of("v", views(251, "fragmen-"))),
                new Oversized(
                        "a literal list of 501",
                        "mutation { recordViews(input: [" + literals(501) + "]) { accepted } }",
                        Map.of()),
                new Oversized(
                        "501 single objects, each coerced to a list of one",
                        "mutation { " + aliases(501, "recordViews(input: " + literal(0) + ") { accepted }") + " }",
                        Map.of()),
                new Oversized(
                        "a variable's default value of 501",
                        "mutation($v: [RecordViewInput!]! = [" + literals(501) + "]) { recordViews(input: $v) {"
                                + " accepted } }",
                        Map.of()),
                new Oversized(
                        "4,000 views in one list",
                        "mutation($v: [RecordViewInput!]!) { recordViews(input: $v) { accepted } }",
                        Map.of("v", views(4_000, "banyak-"))));
    }

    @Test
    void recordViews_requestsOverMaxBatchAreRefusedWholeBeforeAnyViewIsLookedAt() {
        Client client = client("127.0.0.11");
        Map<ViewOutcome, Long> before = counts();
        List<String> failures = new ArrayList<>();
        for (Oversized request : oversized()) {
            Map<String, Object> answer = graphQl(client, request.document(), request.variables());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> errors = (List<Map<String, Object>>) answer.get("errors");
            if (errors == null || errors.size() != 1) {
                failures.add(request.name() + ": " + answer);
                continue;
            }
            Map<String, Object> error = errors.get(0);
            // A request error: no data at all, and no path, since no field ran.
            assertThat(answer).as(request.name()).doesNotContainKey("data");
            assertThat(error).as(request.name()).doesNotContainKey("path");
            assertThat(error.get("message"))
                    .as(request.name())
                    .asString()
                    .startsWith("At most 500 views per request, over all recordView and recordViews fields");
            assertThat(error.get("extensions"))
                    .as(request.name())
                    .isEqualTo(Map.of("classification", "BAD_REQUEST", "code", "BAD_REQUEST", "argument", "input"));
        }
        assertThat(failures).isEmpty();
        // No view reached ingestion: not even as refused or a duplicate.
        assertThat(counts()).isEqualTo(before);
        fixtures.flusher().flush();
        assertThat(fixtures.stored(article)).isZero();
    }

    @Test
    void recordViews_exactlyMaxBatchOverSeveralFieldsIsCounted() {
        Map<String, Object> answer = graphQl(
                client("127.0.0.12"),
                "mutation($v: [RecordViewInput!]!, $w: [RecordViewInput!]!) { a: recordViews(input: $v) { accepted }"
                        + " b: recordViews(input: $w) { accepted } }",
                Map.of("v", views(250, "kiri-"), "w", views(250, "kanan-")));
        assertThat(answer).doesNotContainKey("errors");
        assertThat(answer.get("data")).isEqualTo(Map.of("a", Map.of("accepted", 250), "b", Map.of("accepted", 250)));
        fixtures.flusher().flush();
        assertThat(fixtures.stored(article)).isEqualTo(500);
    }

    @Test
    void rateLimit_anIpv6ClientIsKeyedByItsSlash64() {
        // One subscriber's /64 is one client, however many of its addresses it uses; IPv4 addresses stay apart.
        assertThat(ViewRateLimiter.clientKey("2001:db8:1:2::1"))
                .isEqualTo(ViewRateLimiter.clientKey("2001:db8:1:2:ffff::9"))
                .isEqualTo(ViewRateLimiter.clientKey("2001:0db8:0001:0002:0:0:0:abcd"))
                .isNotEqualTo(ViewRateLimiter.clientKey("2001:db8:1:3::1"));
        assertThat(ViewRateLimiter.clientKey("127.0.0.20")).isNotEqualTo(ViewRateLimiter.clientKey("127.0.0.21"));
    }

    /** One view sent through an entry point from a client, by a visitor. */
    record EntryPoint(String name, BiConsumer<Client, String> send) {

        @Override
        public String toString() {
            return name;
        }
    }

    private List<EntryPoint> entryPoints() {
        return List.of(
                new EntryPoint(
                        "recordView",
                        (client, visitor) -> assertThat(graphQl(
                                        client,
                                        "mutation($i: RecordViewInput!) { recordView(input: $i) { outcome } }",
                                        Map.of("i", Map.of("articleId", id, "visitorId", visitor))))
                                .doesNotContainKey("errors")),
                new EntryPoint(
                        "recordViews",
                        (client, visitor) -> assertThat(graphQl(
                                        client,
                                        BATCH,
                                        Map.of("v", List.of(Map.of("articleId", id, "visitorId", visitor)))))
                                .doesNotContainKey("errors")),
                new EntryPoint(
                        "POST /views text/plain",
                        (client, visitor) -> assertThat(client.post(
                                                "/views",
                                                "text/plain;charset=UTF-8",
                                                "{\"articleId\":\"" + id + "\",\"visitorId\":\"" + visitor + "\"}")
                                        .status())
                                .isEqualTo(204)),
                new EntryPoint(
                        "POST /views application/json",
                        (client, visitor) -> assertThat(client.post(
                                                "/views",
                                                "application/json",
                                                "{\"articleId\":\"" + id + "\",\"visitorId\":\"" + visitor + "\"}")
                                        .status())
                                .isEqualTo(204)),
                new EntryPoint(
                        "POST /views form",
                        (client, visitor) -> assertThat(client.post(
                                                "/views",
                                                "application/x-www-form-urlencoded",
                                                "articleId=" + id + "&visitorId=" + visitor)
                                        .status())
                                .isEqualTo(204)),
                new EntryPoint(
                        "POST /views multipart",
                        (client, visitor) -> assertThat(client.post(
                                                "/views",
                                                "multipart/form-data; boundary=batas",
                                                "--batas\r\nContent-Disposition: form-data;"
                                                        + " name=\"articleId\"\r\n\r\n" + id
                                                        + "\r\n--batas\r\nContent-Disposition: form-data;"
                                                        + " name=\"visitorId\"\r\n\r\n" + visitor + "\r\n--batas--\r\n")
                                        .status())
                                .isEqualTo(204)));
    }

    @Test
    void rateLimit_aBurstBeyondTheLimitIsCountedAsRateLimitedAtEveryEntryPointAndOtherClientsAreUnaffected() {
        String ingestion = "{ analytics { ingestion { accepted rateLimited } } }";
        // The accounting is read from PostgreSQL: what earlier tests left in memory goes there first.
        fixtures.flusher().flush();
        long dashboardBefore = graphQlClient()
                .mutate()
                .headers(Tokens.editor("redaksi"))
                .build()
                .document(ingestion)
                .execute()
                .path("analytics.ingestion.rateLimited")
                .entity(Long.class)
                .get();
        // Time stands still: no token comes back while the test runs, so the counts are exact.
        Instant start = Instant.now();
        fixtures.clock().set(start);
        long accepted = 0;
        int client = 20;
        for (EntryPoint entry : entryPoints()) {
            Client burst = client("127.0.0." + client);
            Client other = client("127.0.0." + (client + 100));
            client++;
            // The default burst is 1,000 views: two full batches use it up, a third gets nothing counted.
            for (int batch = 0; batch < 3; batch++) {
                Map<String, Object> answer =
                        graphQl(burst, BATCH, Map.of("v", views(500, entry.name() + "-" + batch + "-")));
                assertThat(answer.get("data"))
                        .as(entry + ", batch " + batch)
                        .isEqualTo(Map.of(
                                "recordViews",
                                Map.of(
                                        "accepted",
                                        batch < 2 ? 500 : 0,
                                        "duplicates",
                                        0,
                                        "bots",
                                        0,
                                        "rejected",
                                        0,
                                        "rateLimited",
                                        batch < 2 ? 0 : 500)));
            }
            accepted += 1000;

            Map<ViewOutcome, Long> before = counts();
            entry.send().accept(burst, "lagi-" + entry.name().replace(' ', '-'));
            Map<ViewOutcome, Long> after = counts();
            assertThat(after.get(ViewOutcome.RATE_LIMITED) - before.get(ViewOutcome.RATE_LIMITED))
                    .as(entry.name())
                    .isEqualTo(1);
            assertThat(after.get(ViewOutcome.ACCEPTED)).as(entry.name()).isEqualTo(before.get(ViewOutcome.ACCEPTED));

            // Another client, at the same moment, through the same entry point: counted.
            entry.send().accept(other, "lain-" + entry.name().replace(' ', '-'));
            assertThat(fixtures.recorder().count(ViewOutcome.ACCEPTED) - after.get(ViewOutcome.ACCEPTED))
                    .as(entry.name())
                    .isEqualTo(1);
            accepted += 1;
        }
        // One second later the first client has 50 views again (news.analytics.rate-limit.views-per-second).
        fixtures.clock().set(start.plusSeconds(1));
        Map<String, Object> refilled = graphQl(client("127.0.0.20"), BATCH, Map.of("v", views(60, "kemudian-")));
        assertThat(refilled.get("data"))
                .isEqualTo(Map.of(
                        "recordViews",
                        Map.of("accepted", 50, "duplicates", 0, "bots", 0, "rejected", 0, "rateLimited", 10)));
        accepted += 50;
        fixtures.clock().reset();

        fixtures.flusher().flush();
        assertThat(fixtures.stored(article)).isEqualTo(accepted);
        // Visible in the editors' accounting and in the metric.
        long dashboardAfter = graphQlClient()
                .mutate()
                .headers(Tokens.editor("redaksi"))
                .build()
                .document(ingestion)
                .execute()
                .path("analytics.ingestion.rateLimited")
                .entity(Long.class)
                .get();
        assertThat(dashboardAfter - dashboardBefore).isEqualTo(entryPoints().size() * 501L + 10);
        String prometheus = http().get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(prometheus).containsPattern("news_views_total\\{[^}]*outcome=\"rate_limited\"[^}]*\\} [1-9]");
    }
}
