package news.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.DrillIntegrationTest;
import news.HttpTestBase;
import news.SecondInstance;
import news.TestClock;
import news.Tokens;
import news.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Engaged time and readers now with two instances behind a balancer without sticky sessions: the beacon's view and
 * heartbeats of each reader alternate between the instances, over HTTP. Both instances then answer the same engaged
 * seconds and the same readers now for the article, within 5 seconds of the last heartbeat (their background
 * flushes, no flush by the test).
 *
 * <p>The cap on a reader's engaged seconds is shared through PostgreSQL (the periods their heartbeats covered, whatever
 * instance took them), so the sums are exactly the time the readers were engaged: 120 seconds per alternating reader
 * (720 for six), and 120 seconds in 120 for a reader whose two tabs report to both instances at once, as for two tabs
 * on one instance.
 */
@DrillIntegrationTest
class EngagedAcrossInstancesIT extends HttpTestBase {

    private static final int READERS = 6;

    private static final int HEARTBEATS = 8;

    private static final int SECONDS = 15;

    @Autowired
    ApplicationContext context;

    private ApplicationContext second;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final JsonMapper json = JsonMapper.builder().build();

    @AfterEach
    void resetClocks() {
        for (ApplicationContext instance : instances()) {
            instance.getBean(TestClock.Settable.class).reset();
        }
    }

    @Test
    void readersAlternatingInstances_giveTheSameExactEngagedSecondsAndReadersNowOnBoth() throws Exception {
        second = SecondInstance.beside(context);
        AnalyticsFixtures fixtures = new AnalyticsFixtures(context);
        String alternating = AnalyticsFixtures.id(fixtures.article(1));
        String twoTabs = AnalyticsFixtures.id(fixtures.article(1));
        String oneInstance = AnalyticsFixtures.id(fixtures.article(1));
        String run = Fixtures.unique("e");
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            readers.add(run + "-" + i);
        }
        String tabs = run + "-tabs";
        String single = run + "-single";

        // The heartbeats' times, on both instances' clocks; ending a few seconds before now, so that readers now
        // (the current minute and the four before) holds all of them.
        Instant start = Instant.ofEpochSecond(Instant.now().getEpochSecond() - HEARTBEATS * SECONDS - 5);
        setClocks(start);
        Model model = new Model();
        for (int i = 0; i < READERS; i++) {
            int target = i % 2;
            assertThat(view(target, alternating, readers.get(i))).isEqualTo(204);
            model.view(target, readers.get(i), start);
        }
        // Two tabs of one reader, one on each instance; and the same on one instance.
        assertThat(view(0, twoTabs, tabs)).isEqualTo(204);
        assertThat(view(1, twoTabs, tabs)).isEqualTo(204);
        assertThat(view(0, oneInstance, single)).isEqualTo(204);
        assertThat(view(0, oneInstance, single)).isEqualTo(204);
        for (int k = 1; k <= HEARTBEATS; k++) {
            Instant at = start.plusSeconds((long) k * SECONDS);
            setClocks(at);
            for (int i = 0; i < READERS; i++) {
                int target = (i + k) % 2;
                assertThat(heartbeat(target, alternating, readers.get(i), SECONDS))
                        .isEqualTo(204);
                model.heartbeat(target, readers.get(i), SECONDS, at);
            }
            assertThat(heartbeat(0, twoTabs, tabs, SECONDS)).isEqualTo(204);
            assertThat(heartbeat(1, twoTabs, tabs, SECONDS)).isEqualTo(204);
            assertThat(heartbeat(0, oneInstance, single, SECONDS)).isEqualTo(204);
            assertThat(heartbeat(0, oneInstance, single, SECONDS)).isEqualTo(204);
        }
        long lastHeartbeat = System.nanoTime();

        // By hand: each of a reader's 8 heartbeats covers its own 15 seconds, whichever instance takes it: 120 each,
        // what the readers were engaged.
        assertThat(model.total()).isEqualTo(READERS * HEARTBEATS * SECONDS).isEqualTo(720);

        Map<String, Long> expected = Map.of(
                "alternating",
                model.total(),
                "alternatingNow",
                (long) READERS,
                "twoTabs",
                (long) HEARTBEATS * SECONDS,
                "twoTabsNow",
                1L,
                "oneInstance",
                (long) HEARTBEATS * SECONDS,
                "oneInstanceNow",
                1L);
        List<Map<String, Long>> answers = List.of(Map.of(), Map.of());
        long deadline = lastHeartbeat + Duration.ofSeconds(5).toNanos();
        while (true) {
            answers = List.of(
                    figures(context, alternating, twoTabs, oneInstance),
                    figures(second, alternating, twoTabs, oneInstance));
            if (answers.stream().allMatch(expected::equals) || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(100);
        }
        long agreedAfterMillis = (System.nanoTime() - lastHeartbeat) / 1_000_000;
        assertThat(answers.get(0)).as("first instance").isEqualTo(expected);
        assertThat(answers.get(1)).as("second instance").isEqualTo(expected);
        assertThat(agreedAfterMillis)
                .as("milliseconds after the last heartbeat")
                .isLessThanOrEqualTo(5000);
    }

    /**
     * The rule of the docs: a heartbeat covers the seconds it reports before it (not before the reader's view, on the
     * instance that took it), and a reader is credited each second their heartbeats covered once, on all instances.
     */
    private static final class Model {

        private final List<Map<String, Long>> views = List.of(new HashMap<>(), new HashMap<>());

        private final Map<String, java.util.Set<Long>> covered = new HashMap<>();

        void view(int instance, String reader, Instant at) {
            views.get(instance).putIfAbsent(reader, at.getEpochSecond());
        }

        void heartbeat(int instance, String reader, long seconds, Instant at) {
            long to = at.getEpochSecond();
            long from = Math.max(to - seconds, views.get(instance).getOrDefault(reader, Long.MIN_VALUE));
            for (long second = from; second < to; second++) {
                covered.computeIfAbsent(reader, r -> new java.util.HashSet<>()).add(second);
            }
        }

        long total() {
            return covered.values().stream().mapToLong(java.util.Set::size).sum();
        }
    }

    /**
     * Engaged seconds of the last 24 hours (not TODAY, whose day may turn during the test) and readers now of the three
     * articles, as an editor reads them on one instance.
     */
    private Map<String, Long> figures(ApplicationContext instance, String alternating, String twoTabs, String one)
            throws Exception {
        String query = "query($a: ID!, $t: ID!, $o: ID!) {"
                + " a: node(id: $a) { ... on Article { engagedSeconds(window: LAST_24_HOURS) } }"
                + " t: node(id: $t) { ... on Article { engagedSeconds(window: LAST_24_HOURS) } }"
                + " o: node(id: $o) { ... on Article { engagedSeconds(window: LAST_24_HOURS) } }"
                + " analytics { aNow: readersNow(scope: {article: $a}) tNow: readersNow(scope: {article: $t})"
                + " oNow: readersNow(scope: {article: $o}) } }";
        String body = json.writeValueAsString(
                Map.of("query", query, "variables", Map.of("a", alternating, "t", twoTabs, "o", one)));
        String token = Tokens.token("redaksi", List.of("EDITOR"), Duration.ofMinutes(10), Tokens.SECRET);
        JsonNode answer = json.readTree(post(port(instance), "/graphql", "application/json", body, token)
                .body());
        assertThat(answer.path("errors").isMissingNode()).as(answer.toString()).isTrue();
        JsonNode data = answer.path("data");
        return Map.of(
                "alternating",
                data.path("a").path("engagedSeconds").asLong(),
                "alternatingNow",
                data.path("analytics").path("aNow").asLong(),
                "twoTabs",
                data.path("t").path("engagedSeconds").asLong(),
                "twoTabsNow",
                data.path("analytics").path("tNow").asLong(),
                "oneInstance",
                data.path("o").path("engagedSeconds").asLong(),
                "oneInstanceNow",
                data.path("analytics").path("oNow").asLong());
    }

    private int view(int instance, String article, String visitor) throws Exception {
        return beacon(instance, "{\"articleId\":\"" + article + "\",\"visitorId\":\"" + visitor + "\"}");
    }

    private int heartbeat(int instance, String article, String visitor, int seconds) throws Exception {
        return beacon(
                instance,
                "{\"articleId\":\"" + article + "\",\"visitorId\":\"" + visitor + "\",\"engaged\":" + seconds + "}");
    }

    private int beacon(int instance, String body) throws Exception {
        return post(port(instances().get(instance)), "/views", "text/plain;charset=UTF-8", body, null)
                .statusCode();
    }

    private HttpResponse<String> post(int port, String path, String type, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", type)
                .header("User-Agent", AnalyticsFixtures.BROWSER)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void setClocks(Instant at) {
        for (ApplicationContext instance : instances()) {
            instance.getBean(TestClock.Settable.class).set(at);
        }
    }

    private List<ApplicationContext> instances() {
        return second == null ? List.of(context) : List.of(context, second);
    }

    private static int port(ApplicationContext instance) {
        return Integer.parseInt(instance.getEnvironment().getProperty("local.server.port"));
    }
}
