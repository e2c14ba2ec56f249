package news;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The purge targets of the {@link DrillIntegrationTest} context: a local purge webhook ({@link Webhook}, signed with
 * {@link #SECRET}, which answers at once unless a test asks it to stall a purge) and a Varnish address
 * ({@link Varnish}: a free port, where {@code VarnishEdgeIT} runs {@code varnishd} while it runs; until then purges
 * to it fail and are given up, which delays nothing else, as every target has a queue of its own). A purge request
 * waits at most 3 s for an answer.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PurgeTargets {

    public static final String SECRET = "purge-webhook-secret-for-tests";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    Webhook purgeWebhook() throws IOException {
        return new Webhook();
    }

    @Bean
    Varnish purgedVarnish() {
        return new Varnish(freePort());
    }

    @Bean
    DynamicPropertyRegistrar purgeTargetSettings(Webhook webhook, Varnish varnish) {
        return registry -> {
            registry.add("news.edge.purge.webhook-url", () -> webhook.url());
            registry.add("news.edge.purge.webhook-secret", () -> SECRET);
            registry.add("news.edge.purge.varnish-urls", () -> "http://127.0.0.1:" + varnish.port() + "/");
            registry.add("news.edge.purge.timeout", () -> "3s");
            registry.add("news.edge.purge.first-retry", () -> "500ms");
            registry.add("news.edge.purge.attempts", () -> "4");
        };
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Where the context's Varnish purges go: {@code http://127.0.0.1:<port>/}. */
    public record Varnish(int port) {}

    /** One purge request, as it arrived (before any stall): when, whether it was stalled, and its keys. */
    public record Delivery(long at, boolean stalled, List<String> keys) {}

    /** The local purge webhook: keeps every request's keys in the order they arrive. */
    public static final class Webhook implements DisposableBean {

        private final HttpServer http;

        private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

        private final AtomicReference<String> stallKey = new AtomicReference<>();

        private volatile CountDownLatch release = new CountDownLatch(0);

        Webhook() throws IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.setExecutor(Executors.newCachedThreadPool());
            http.createContext("/purge", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                List<String> keys = new java.util.ArrayList<>();
                JsonNode purge = JSON.readTree(body);
                purge.path("keys").forEach(k -> keys.add(k.asString()));
                String stall = stallKey.get();
                boolean stalled = stall != null && keys.contains(stall) && stallKey.compareAndSet(stall, null);
                CountDownLatch waitFor = release;
                deliveries.add(new Delivery(System.nanoTime(), stalled, keys));
                if (stalled) {
                    try {
                        waitFor.await(20, TimeUnit.SECONDS);
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
            http.start();
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/purge";
        }

        /**
         * Makes the next request that names {@code key} hang (as a stalled receiver) until {@link #release()} or 20 s;
         * every other request is answered at once.
         */
        public void stallNext(String key) {
            release = new CountDownLatch(1);
            stallKey.set(key);
        }

        /** Lets a stalled request be answered, and stalls no more. */
        public void release() {
            stallKey.set(null);
            release.countDown();
        }

        /** The next request naming {@code key} that arrives within {@code millis}, or {@code null}. */
        public Delivery naming(String key, long millis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (System.nanoTime() - deadline < 0) {
                Delivery delivery =
                        deliveries.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (delivery != null && delivery.keys().contains(key)) {
                    return delivery;
                }
            }
            return null;
        }

        @Override
        public void destroy() {
            release();
            http.stop(0);
        }
    }
}
