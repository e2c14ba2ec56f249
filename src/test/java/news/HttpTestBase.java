package news;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.publisher.Mono;

/**
 * The running service's port and clients for a test of a {@code @SpringBootTest} context with a web server (usually
 * the shared {@link IntegrationTest} one): extend it instead of declaring {@code @LocalServerPort} again.
 */
public abstract class HttpTestBase {

    @LocalServerPort
    protected int port;

    /** The service's address, {@code http://localhost:<port>}. */
    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** An HTTP client of the service (with {@link TestHttp#RESPONSE_TIMEOUT}). */
    protected WebTestClient http() {
        return TestHttp.client(baseUrl());
    }

    /** A GraphQL client of the service's {@code /graphql}, anonymous until {@code mutate()}d. */
    protected HttpGraphQlTester graphQlClient() {
        return GraphQlClient.forPort(port);
    }

    private final List<WebSocketGraphQlClient> webSocketClients = new CopyOnWriteArrayList<>();

    /**
     * A GraphQL client over the service's WebSocket ({@code /graphql-ws}), sending {@code token} (if not null) in
     * {@code connection_init}; stopped after the test.
     */
    protected WebSocketGraphQlClient webSocketClient(String token) {
        WebSocketGraphQlClient.Builder<?> builder =
                WebSocketGraphQlClient.builder("ws://localhost:" + port + "/graphql-ws", new StandardWebSocketClient());
        if (token != null) {
            builder.interceptor(new WebSocketGraphQlClientInterceptor() {
                @Override
                public Mono<Object> connectionInitPayload() {
                    return Mono.just(Map.of("Authorization", "Bearer " + token));
                }
            });
        }
        WebSocketGraphQlClient client = builder.build();
        webSocketClients.add(client);
        return client;
    }

    @AfterEach
    void stopWebSocketClients() {
        webSocketClients.forEach(c -> c.stop().block(Duration.ofSeconds(5)));
        webSocketClients.clear();
    }
}
