package news.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import news.HttpTestBase;
import news.IntegrationTest;
import news.TestClock;
import news.Tokens;
import news.analytics.ingest.AnalyticsFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Subscription.readersNow}: readers of a fresh article (views through ingestion and the flush, into
 * {@code reader_presence}) are pushed to an editor over WebSocket and over Server-Sent Events as the same figure the
 * query answers, and the figure falls back to 0 once they are out of the window (the test clock moved past it rather
 * than waiting five minutes); readers and anonymous clients are refused with the same codes over both transports.
 */
@IntegrationTest
class ReadersNowLiveTest extends HttpTestBase {

    private static final String SUBSCRIPTION =
            "subscription($s: AnalyticsScope) { readersNow(scope: $s) { readers computedAt } }";

    @Autowired
    ApplicationContext context;

    @Autowired
    TestClock.Settable clock;

    AnalyticsFixtures fixtures;

    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        fixtures = new AnalyticsFixtures(context);
    }

    @AfterEach
    void close() {
        clock.reset();
    }

    @Test
    void readersNow_isPushedOverWebSocketAndSse_asTheyComeAndLeave() throws Exception {
        long article = fixtures.article(1);
        String articleId = AnalyticsFixtures.id(article);
        Map<String, Object> scope = Map.of("article", articleId);

        List<Long> pushed = new CopyOnWriteArrayList<>();
        WebSocketGraphQlClient client = webSocketClient(editorToken());
        Disposable subscription = client.document(SUBSCRIPTION)
                .variable("s", scope)
                .executeSubscription()
                .map(r -> ((Number) r.field("readersNow.readers").getValue()).longValue())
                .subscribe(pushed::add);
        BlockingQueue<String> sse = sse(editorToken(), scope);
        try {
            await(pushed, p -> p.equals(List.of(0L)), "the first figure at once");
            assertThat(nextReaders(sse)).isZero();

            fixtures.recordViews(article, 3, "sekarang-");
            fixtures.flush();
            await(pushed, p -> p.equals(List.of(0L, 3L)), "pushed once when it changed");
            assertThat(nextReaders(sse)).isEqualTo(3);
            assertThat(query(articleId)).as("the query answers the same").isEqualTo(3);

            // A second subscriber of the same scope shares the feed and gets the latest figure at once.
            List<Long> second = new CopyOnWriteArrayList<>();
            Disposable again = webSocketClient(editorToken())
                    .document(SUBSCRIPTION)
                    .variable("s", scope)
                    .executeSubscription()
                    .map(r -> ((Number) r.field("readersNow.readers").getValue()).longValue())
                    .subscribe(second::add);
            await(second, p -> p.equals(List.of(3L)), "the latest figure");
            again.dispose();

            // Six minutes on, the readers are out of the window: the figure falls back to 0 on both transports.
            clock.set(Instant.now().plus(Duration.ofMinutes(6)));
            await(pushed, p -> p.equals(List.of(0L, 3L, 0L)), "the fall");
            assertThat(nextReaders(sse)).isZero();
            assertThat(query(articleId)).isZero();
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void readersNow_isForEditorsOnly_withTheSameCodesOverWebSocketAndSse() throws Exception {
        String reader = Tokens.token("pembaca", List.of(), Duration.ofMinutes(5), Tokens.SECRET);

        ResponseError anonymous = refusal(webSocketClient(null));
        ResponseError notEditor = refusal(webSocketClient(reader));
        assertThat(anonymous.getErrorType().toString()).isEqualTo("UNAUTHORIZED");
        assertThat(notEditor.getErrorType().toString()).isEqualTo("FORBIDDEN");

        JsonNode anonymousSse = sseError(null);
        JsonNode notEditorSse = sseError(reader);
        assertThat(anonymousSse.path("extensions").path("classification").asString())
                .isEqualTo("UNAUTHORIZED");
        assertThat(notEditorSse.path("extensions").path("classification").asString())
                .isEqualTo("FORBIDDEN");
        assertThat(anonymousSse.path("extensions").path("code").asString())
                .isEqualTo(String.valueOf(anonymous.getExtensions().get("code")));
        assertThat(notEditorSse.path("extensions").path("code").asString())
                .isEqualTo(String.valueOf(notEditor.getExtensions().get("code")));
    }

    private long query(String articleId) {
        return graphQlClient()
                .mutate()
                .headers(Tokens.editor("redaksi"))
                .build()
                .document("query($a: ID!) { analytics { readersNow(scope: {article: $a}) } }")
                .variable("a", articleId)
                .execute()
                .path("analytics.readersNow")
                .entity(Long.class)
                .get();
    }

    private static void await(List<Long> pushed, Predicate<List<Long>> done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.test(pushed) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(done.test(pushed)).as(what + ", pushed " + pushed).isTrue();
    }

    private static String editorToken() {
        return Tokens.token("ani", List.of("EDITOR"), Duration.ofHours(1), Tokens.SECRET);
    }

    /** The lines of an SSE subscription to readers now of a scope. */
    private BlockingQueue<String> sse(String token, Map<String, Object> scope) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                        Map.of("query", SUBSCRIPTION, "variables", scope == null ? Map.of() : Map.of("s", scope)))));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient.newHttpClient()
                .sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .thenAccept(response -> {
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
                    });
                    reader.setDaemon(true);
                    reader.start();
                });
        return lines;
    }

    /** The next SSE message's payload. */
    private JsonNode nextData(BlockingQueue<String> lines) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith("data:") && line.length() > 5) {
                return json.readTree(line.substring(5).trim());
            }
        }
        throw new AssertionError("no SSE message within 20 s");
    }

    private long nextReaders(BlockingQueue<String> lines) throws InterruptedException {
        return nextData(lines).path("data").path("readersNow").path("readers").asLong();
    }

    /** The first error of a refused SSE subscription. */
    private JsonNode sseError(String token) throws InterruptedException {
        JsonNode payload = nextData(sse(token, null));
        assertThat(payload.path("errors").isArray()).as("refused: " + payload).isTrue();
        return payload.path("errors").get(0);
    }

    private ResponseError refusal(WebSocketGraphQlClient client) {
        SubscriptionErrorException error = catchThrowableOfType(
                SubscriptionErrorException.class,
                () -> client.document(SUBSCRIPTION)
                        .executeSubscription()
                        .map(ClientGraphQlResponse::getData)
                        .blockFirst(Duration.ofSeconds(10)));
        assertThat(error).as("the subscription is refused").isNotNull();
        return error.getErrors().get(0);
    }
}
