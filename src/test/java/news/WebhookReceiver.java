package news;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A local HTTP server that receives the webhooks of the shared test context (the analytics alerts,
 * {@code news.analytics.alerts.webhook.*}, with {@link #SECRET}) and keeps every request. It answers the first
 * delivery of each body 503, as a receiver briefly down, and its repeats 204, so each delivery is a retry.
 */
@TestConfiguration(proxyBeanMethods = false)
public class WebhookReceiver {

    /** The secret the alerts are signed with in the shared context. */
    public static final String SECRET = "alert-webhook-secret-for-tests";

    /** One request: its body, headers and the status it was answered. */
    public record Delivery(String path, String body, String timestamp, String signature, int status) {}

    @Bean
    Server testWebhookReceiver() throws IOException {
        return new Server();
    }

    @Bean
    DynamicPropertyRegistrar alertWebhookSettings(Server server) {
        return registry -> {
            registry.add("news.analytics.alerts.webhook.url", () -> server.url("/alerts"));
            registry.add("news.analytics.alerts.webhook.secret", () -> SECRET);
        };
    }

    /** The receiving server, a bean of the shared context. */
    public static final class Server implements DisposableBean {

        private final HttpServer http;

        private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        Server() throws IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = seen.add(body) ? 503 : 204;
                deliveries.add(new Delivery(
                        exchange.getRequestURI().getPath(),
                        body,
                        exchange.getRequestHeaders().getFirst("X-News-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-News-Signature"),
                        status));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            http.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + http.getAddress().getPort() + path;
        }

        /** Every request received so far, in order. */
        public List<Delivery> deliveries() {
            return List.copyOf(deliveries);
        }

        @Override
        public void destroy() {
            http.stop(0);
        }
    }
}
