package news.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import news.HttpTestBase;
import news.IntegrationTest;
import news.edge.EdgeNewsroom.Draft;
import news.section.SectionDirectory;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A purge webhook that stalls must not hold up the purges after it: the first purge's request hangs past the timeout
 * (and is retried), and a later write's purge arrives while the stalled one is still waiting for its retries. The
 * webhook is a local HTTP server that stalls the first request it gets.
 */
@IntegrationTest
@DirtiesContext
class SlowPurgeTargetIT extends HttpTestBase {

    static final String SECRET = "slow-purge-secret";

    /** Each request's keys, as it arrives (before any stall). */
    static final BlockingQueue<Delivery> DELIVERIES = new LinkedBlockingQueue<>();

    static final AtomicBoolean STALLED_ONE = new AtomicBoolean();

    static final CountDownLatch RELEASE = new CountDownLatch(1);

    static final HttpServer WEBHOOK = start();

    record Delivery(long at, boolean stalled, List<String> keys) {}

    static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/purge", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                List<String> keys = new ArrayList<>();
                JsonNode purge = EdgeNewsroom.JSON.readTree(body);
                purge.path("keys").forEach(k -> keys.add(k.asString()));
                // Only purges of this test's articles: other contexts share the database, not this webhook.
                boolean stall =
                        keys.stream().anyMatch(k -> k.startsWith("article-")) && STALLED_ONE.compareAndSet(false, true);
                DELIVERIES.add(new Delivery(System.nanoTime(), stall, keys));
                if (stall) {
                    try {
                        RELEASE.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }
                try {
                    exchange.sendResponseHeaders(204, -1);
                } catch (IOException ex) {
                    // the client gave up waiting
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) {
        registry.add(
                "news.edge.purge.webhook-url",
                () -> "http://127.0.0.1:" + WEBHOOK.getAddress().getPort() + "/purge");
        registry.add("news.edge.purge.webhook-secret", () -> SECRET);
        registry.add("news.edge.purge.timeout", () -> "3s");
        registry.add("news.edge.purge.first-retry", () -> "500ms");
        registry.add("news.edge.purge.attempts", () -> "4");
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        WEBHOOK.stop(0);
    }

    @Autowired
    DSLContext dsl;

    @Autowired
    SectionDirectory sections;

    Delivery naming(String key, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Delivery delivery =
                    DELIVERIES.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (delivery != null && delivery.keys().contains(key)) {
                return delivery;
            }
        }
        return null;
    }

    @Test
    void aStalledPurge_doesNotHoldUpLaterPurges_andIsRetriedMeanwhile() throws Exception {
        EdgeNewsroom newsroom = new EdgeNewsroom(port, dsl, sections);
        Draft first = newsroom.publish(newsroom.create("Tepi: purge macet", "Isi berita uji."));
        Delivery stalled = naming("article-" + first.key(), Duration.ofSeconds(20));
        assertThat(stalled).as("the first purge reached the webhook").isNotNull();
        assertThat(stalled.stalled()).isTrue();

        // Written while the first purge hangs; on a single sender it would wait for all the first one's attempts
        // (3 s timeout each, then 0.5, 1 and 2 s waits: about 15 s).
        long written = System.nanoTime();
        Draft second = newsroom.publish(newsroom.create("Tepi: purge berikutnya", "Isi berita uji."));
        Delivery next = naming("article-" + second.key(), Duration.ofSeconds(20));
        assertThat(next).as("the later purge").isNotNull();
        assertThat(Duration.ofNanos(next.at() - written)).isLessThan(Duration.ofSeconds(2));
        assertThat(Duration.ofNanos(next.at() - stalled.at()))
                .as("arrived while the stalled request was still waiting for its answer")
                .isLessThan(Duration.ofSeconds(3));

        // The stalled purge times out and is sent again, without waiting for anything else.
        Delivery retried = naming("article-" + first.key(), Duration.ofSeconds(20));
        assertThat(retried).as("the stalled purge, retried").isNotNull();
        assertThat(Duration.ofNanos(retried.at() - stalled.at())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));

        newsroom.archive(new Draft(first.id(), first.slug(), first.version()));
        newsroom.archive(new Draft(second.id(), second.slug(), second.version()));
    }
}
