package news.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import news.HttpTestBase;
import news.IntegrationTest;
import news.RawSse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.server.webmvc.GraphQlSseHandler;

/**
 * When the service stops, its Server-Sent Events streams end at once with a retryable UNAVAILABLE error and
 * {@code complete} (an open stream would otherwise hold the graceful shutdown for its whole allowance, then be cut),
 * and a stream asked for meanwhile is refused with 503. Over real HTTP; the handler is started again afterwards.
 */
@IntegrationTest
class SseStopTest extends HttpTestBase {

    @Autowired
    GraphQlSseHandler handler;

    @Test
    void stopping_endsOpenStreamsWithARetryableError_andRefusesNewOnes() throws Exception {
        SseHandler sse = (SseHandler) handler;
        assertThat(sse.isRunning()).as("started with the application").isTrue();
        try (Socket stream = RawSse.open(port, "subscription { articlePublished { id } }")) {
            long open = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (sse.openStreams() == 0 && System.nanoTime() < open) {
                Thread.sleep(10);
            }
            sse.stop();
            String rest = RawSse.rest(stream);
            assertThat(rest)
                    .contains("event:next")
                    .contains("\"code\":\"UNAVAILABLE\"")
                    .contains("\"retryAfterSeconds\":1")
                    .contains("event:complete");
            HttpResponse<String> refused = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                                    .header("Content-Type", "application/json")
                                    .header("Accept", "text/event-stream")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"query\":\"subscription { articlePublished { id } }\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.body()).contains("\"code\":\"UNAVAILABLE\"");
        } finally {
            sse.start();
        }
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sse.openStreams() > 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(sse.openStreams()).as("the ended stream is no longer open").isZero();
        RawSse.open(port, "subscription { articlePublished { id } }").close();
    }
}
