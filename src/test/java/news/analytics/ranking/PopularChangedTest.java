package news.analytics.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.execution.ErrorType;
import reactor.core.Disposable;

/**
 * {@code Subscription.popularChanged} over a real WebSocket: editors only (the token in {@code connection_init}), the
 * list as {@code popular} ranks it, pushed again when views change it, and one computation per interval however many
 * editors listen; a subscription ends with UNAUTHORIZED when its token expires.
 */
@IntegrationTest
class PopularChangedTest extends HttpTestBase {

    private static final String SUBSCRIPTION = """
            subscription($section: String) {
              popularChanged(window: LAST_30_DAYS, section: $section, first: 7) {
                window section computedAt popular { rank views article { id } }
              }
            }""";

    @Autowired
    ApplicationContext context;

    @Autowired
    MeterRegistry registry;

    @Autowired
    TestClock.Settable clock;

    AnalyticsFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new AnalyticsFixtures(context);
    }

    @AfterEach
    void close() {}

    @Test
    void popularChanged_isForEditorsOnly_withTheTokenInConnectionInit() {
        assertThat(refusal(webSocketClient(null))).isEqualTo(ErrorType.UNAUTHORIZED);
        assertThat(refusal(webSocketClient(Tokens.token(
                        "ani",
                        List.of("EDITOR"),
                        Duration.ofMinutes(5),
                        "another-secret-" + "of-at-least-thirty-two-bytes"))))
                .isEqualTo(ErrorType.UNAUTHORIZED);
        assertThat(refusal(webSocketClient(Tokens.token("pembaca", List.of(), Duration.ofMinutes(5), Tokens.SECRET))))
                .isEqualTo(ErrorType.FORBIDDEN);
    }

    @Test
    void popularChanged_endsWhenTheTokenExpires() throws Exception {
        // The token's lifetime is counted from its iat (ten minutes before now) up to exp, three seconds from now; it
        // holds one minute longer (the clock allowance), so the application clock is moved past that.
        String token = Tokens.token("ani", List.of("EDITOR"), Duration.ofSeconds(3), Tokens.SECRET);
        WebSocketGraphQlClient client = webSocketClient(token);
        List<Object> pushes = new CopyOnWriteArrayList<>();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        client.document(SUBSCRIPTION)
                .variable("section", fixtures.section)
                .executeSubscription()
                .map(response -> (Object) response.field("popularChanged").getValue())
                .subscribe(pushes::add, ended::complete, () -> ended.complete(null));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (pushes.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(pushes).as("the first list").hasSize(1);
            clock.set(Instant.now().plusSeconds(3 + 61));
            Throwable end = ended.get(15, TimeUnit.SECONDS);
            assertThat(end).as("the end at expiry, with the reason").isInstanceOf(SubscriptionErrorException.class);
            assertThat(((SubscriptionErrorException) end).getErrors().get(0).getErrorType())
                    .isEqualTo(ErrorType.UNAUTHORIZED);
            assertThat(pushes).hasSize(1);
            assertThat(refusal(client))
                    .as("no new subscription with the expired token")
                    .isEqualTo(ErrorType.UNAUTHORIZED);
        } finally {
            clock.reset();
        }
    }

    @Test
    void popularChanged_pushesTheListAndItsChanges_fromOneComputationForAllListeners() throws Exception {
        long first = fixtures.article(2);
        long second = fixtures.article(3);
        fixtures.recordViews(first, 5, "a");
        fixtures.recordViews(second, 3, "b");
        fixtures.flush();

        Timer computations = registry.find("news.rankings.compute")
                .tags("kind", "popular", "window", "LAST_30_DAYS")
                .timer();
        long before = computations == null ? 0 : computations.count();
        int listeners = 5;
        List<List<Map<String, Object>>> received = new ArrayList<>();
        List<Disposable> subscriptions = new ArrayList<>();
        for (int i = 0; i < listeners; i++) {
            List<Map<String, Object>> pushes = new CopyOnWriteArrayList<>();
            received.add(pushes);
            subscriptions.add(
                    webSocketClient(Tokens.token("ani", List.of("EDITOR"), Duration.ofMinutes(5), Tokens.SECRET))
                            .document(SUBSCRIPTION)
                            .variable("section", fixtures.section)
                            .executeSubscription()
                            .subscribe(response ->
                                    pushes.add(response.field("popularChanged").getValue())));
        }
        try {
            awaitAll(received, 1);
            for (List<Map<String, Object>> pushes : received) {
                assertThat(ids(pushes.get(0)))
                        .containsExactly(AnalyticsFixtures.id(first), AnalyticsFixtures.id(second));
                assertThat(pushes.get(0))
                        .containsEntry("window", "LAST_30_DAYS")
                        .containsEntry("section", fixtures.section);
            }
            assertThat(ids(received.get(0).get(0))).isEqualTo(popular());

            // More views for the second article put it first; every listener gets the new list.
            fixtures.recordViews(second, 10, "c");
            fixtures.flush();
            awaitAll(received, 2);
            for (List<Map<String, Object>> pushes : received) {
                assertThat(ids(pushes.get(pushes.size() - 1)))
                        .containsExactly(AnalyticsFixtures.id(second), AnalyticsFixtures.id(first));
            }
            Thread.sleep(4000);
            for (List<Map<String, Object>> pushes : received) {
                assertThat(pushes).as("pushed only when the list changed").hasSize(2);
            }
        } finally {
            subscriptions.forEach(Disposable::dispose);
        }
        // One computation per interval for the five listeners (about 4 to 6 in the seconds above), not five.
        long computed = registry.find("news.rankings.compute")
                        .tags("kind", "popular", "window", "LAST_30_DAYS")
                        .timer()
                        .count()
                - before;
        assertThat(computed).isBetween(2L, 8L);
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> push) {
        return ((List<Map<String, Object>>) push.get("popular"))
                .stream()
                        .map(r -> ((Map<String, Object>) r.get("article"))
                                .get("id")
                                .toString())
                        .toList();
    }

    private List<String> popular() {
        return graphQlClient()
                .document(
                        "query($s: String) { popular(window: LAST_30_DAYS, section: $s, first: 7) { article { id } } }")
                .variable("s", fixtures.section)
                .execute()
                .path("popular[*].article.id")
                .entityList(String.class)
                .get();
    }

    private static void awaitAll(List<List<Map<String, Object>>> received, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (received.stream().anyMatch(p -> p.size() < count) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(received).allSatisfy(p -> assertThat(p).hasSizeGreaterThanOrEqualTo(count));
    }

    private ErrorType refusal(WebSocketGraphQlClient client) {
        SubscriptionErrorException error = catchThrowableOfType(
                SubscriptionErrorException.class,
                () -> client.document(SUBSCRIPTION)
                        .variable("section", fixtures.section)
                        .executeSubscription()
                        .map(ClientGraphQlResponse::getData)
                        .blockFirst(Duration.ofSeconds(10)));
        assertThat(error).as("the subscription is refused").isNotNull();
        return (ErrorType) error.getErrors().get(0).getErrorType();
    }
}
