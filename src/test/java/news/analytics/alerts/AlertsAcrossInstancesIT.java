package news.analytics.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import news.DrillIntegrationTest;
import news.HttpTestBase;
import news.SecondInstance;
import news.Tokens;
import news.analytics.ingest.AnalyticsFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Two instances on one database, both checking: a spike read through the second raises one alert, whichever instance
 * checks and however often both check at once, and the editors subscribed on each instance get it once.
 */
@DrillIntegrationTest
class AlertsAcrossInstancesIT extends HttpTestBase {

    private static final String SUBSCRIPTION = "subscription { analyticsAlerts { id kind articleId } }";

    @Autowired
    ApplicationContext context;

    @Autowired
    AlertChecker checker;

    @Autowired
    AlertRepository repository;

    final List<WebSocketGraphQlClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(c -> c.stop().block(Duration.ofSeconds(5)));
    }

    @Test
    void oneAlert_raisedOnce_reachesTheSubscribersOfBothInstances() throws Exception {
        ConfigurableApplicationContext second = SecondInstance.beside(context);
        int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
        AnalyticsFixtures there = new AnalyticsFixtures(second);
        long article = there.article(1);
        String articleId = AnalyticsFixtures.id(article);

        List<Map<String, Object>> here = new CopyOnWriteArrayList<>();
        List<Map<String, Object>> onSecond = new CopyOnWriteArrayList<>();
        List<Disposable> subscriptions =
                List.of(subscribe(port, articleId, here), subscribe(secondPort, articleId, onSecond));
        try {
            Thread.sleep(1000);
            there.recordViews(article, 30, "across-");
            there.flush();
            // Both instances check at once, several times, besides their schedules.
            AlertChecker secondChecker = second.getBean(AlertChecker.class);
            for (int round = 0; round < 3; round++) {
                CountDownLatch start = new CountDownLatch(1);
                Thread a = new Thread(() -> checkAfter(start, checker));
                Thread b = new Thread(() -> checkAfter(start, secondChecker));
                a.start();
                b.start();
                start.countDown();
                a.join();
                b.join();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while ((here.isEmpty() || onSecond.isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            assertThat(repository.latest(100).stream().filter(alert -> alert.articleId() == article))
                    .singleElement()
                    .satisfies(alert -> assertThat(alert.kind()).isEqualTo(AlertKind.SPIKE));
            assertThat(here).singleElement().satisfies(a -> assertThat(a).containsEntry("kind", "SPIKE"));
            assertThat(onSecond).singleElement().satisfies(a -> assertThat(a).containsEntry("kind", "SPIKE"));
            assertThat(here.get(0).get("id")).isEqualTo(onSecond.get(0).get("id"));
        } finally {
            subscriptions.forEach(Disposable::dispose);
        }
    }

    private static void checkAfter(CountDownLatch start, AlertChecker checker) {
        try {
            start.await();
            checker.check();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private Disposable subscribe(int port, String articleId, List<Map<String, Object>> into) {
        String token = Tokens.token("ani", List.of("EDITOR"), Duration.ofHours(1), Tokens.SECRET);
        WebSocketGraphQlClient client = WebSocketGraphQlClient.builder(
                        "ws://localhost:" + port + "/graphql-ws", new StandardWebSocketClient())
                .interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return Mono.just(Map.of("Authorization", "Bearer " + token));
                    }
                })
                .build();
        clients.add(client);
        client.start().block(Duration.ofSeconds(10));
        return client.document(SUBSCRIPTION)
                .executeSubscription()
                .map(AlertsAcrossInstancesIT::alert)
                .filter(alert -> articleId.equals(alert.get("articleId")))
                .subscribe(into::add);
    }

    private static Map<String, Object> alert(ClientGraphQlResponse response) {
        Map<String, Object> alert = response.field("analyticsAlerts").getValue();
        return alert;
    }
}
