package news.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import news.DrillIntegrationTest;
import news.analytics.ingest.AnalyticsFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The attack of a security review: many anonymous clients sending legal heavy reads ({@code latest(first: 100)} with
 * {@code views} and {@code related}) exhaust the connection pool. Before, one pool timeout switched the service into
 * "database unavailable" and every request, article pages included, was refused while PostgreSQL was up. Now overload
 * answers BUSY (retryable, with {@code Retry-After}) on every transport, heavy reads hold at most their share of the
 * pool, article pages keep answering, and only a failed connection to PostgreSQL counts as an outage.
 *
 * <p>The pool is made small (3 connections, 250 ms connection timeout, 1 reserved for cheap reads) so that a few
 * seconds of load from 16 clients exhaust it on a 2-core machine. Those settings are the instance's own: it is an
 * instance of its own on the drills' shared database (and its demo newsroom), started for this class and closed after
 * it, so no other drill sees the small pool and no database, migration or demo load is made for it.
 */
@DrillIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeavyReadFloodIT {

    /** The flooded instance's settings. */
    static final String[] SMALL_POOL = {
        "server.port=0",
        "spring.datasource.hikari.maximum-pool-size=3",
        "spring.datasource.hikari.connection-timeout=250",
        "news.database.reserved-connections=1",
        "news.database.heavy-read-queue-timeout=300ms"
    };

    static final String HEAVY = """
            query Heavy($first: Int!) {
              latest(first: $first) { edges { node { id headline views related(first: 20) { id headline } } } }
            }""";

    static final String PAGE = """
            query Page($slug: String!) {
              article(slug: $slug) { id headline summary publishedAt url section { slug name } reporters { slug name } }
            }""";

    static final int HEAVY_CLIENTS = 16;

    static final Duration FLOOD = Duration.ofSeconds(4);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcConnectionDetails database;

    ConfigurableApplicationContext flooded;

    HeavyReads heavyReads;

    DataSource dataSource;

    int port;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private String slug;

    @BeforeAll
    void startTheFloodedInstance() {
        flooded = AnalyticsFixtures.startInstance(database, SMALL_POOL);
        heavyReads = flooded.getBean(HeavyReads.class);
        dataSource = flooded.getBean(DataSource.class);
        port = Integer.parseInt(flooded.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    void stopTheFloodedInstance() {
        if (flooded != null) {
            flooded.close();
        }
    }

    @BeforeEach
    void findAnArticle() {
        Answer latest = post("{ latest(first: 1) { edges { node { slug } } } }", Map.of());
        slug = latest.body().at("/data/latest/edges/0/node/slug").asString();
        assertThat(slug).as(latest.toString()).isNotBlank();
    }

    @Test
    void heavyReadFlood_neverReportsTheDatabaseUnavailable_andArticlePagesKeepAnswering() throws Exception {
        assertThat(heavyReads.size()).isEqualTo(2);
        List<Answer> heavy = Collections.synchronizedList(new ArrayList<>());
        List<Answer> pages = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger mostRunning = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(HEAVY_CLIENTS + 1);
        for (int c = 0; c < HEAVY_CLIENTS; c++) {
            int client = c;
            clients.execute(() -> {
                try {
                    for (int i = 0; running.get(); i++) {
                        // Different page sizes: distinct operations, all heavy and all legal.
                        heavy.add(post(HEAVY, Map.of("first", 100 - (client + i) % 5)));
                        mostRunning.accumulateAndGet(heavyReads.running(), Math::max);
                    }
                } catch (Throwable ex) {
                    failures.add(ex);
                }
            });
        }
        clients.execute(() -> {
            try {
                while (running.get()) {
                    pages.add(post(PAGE, Map.of("slug", slug)));
                }
            } catch (Throwable ex) {
                failures.add(ex);
            }
        });
        Thread.sleep(FLOOD.toMillis());
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();

        long busy = heavy.stream()
                .filter(a -> !a.body().has("data") || a.body().has("errors"))
                .count();
        System.out.printf(
                "Heavy reads: %d answered, %d of them BUSY; article pages: %d; most heavy reads at once: %d of %d%n",
                heavy.size(), busy, pages.size(), mostRunning.get(), heavyReads.size());
        // The heavy reads did want more than their share: every turn was taken.
        assertThat(mostRunning.get()).isEqualTo(heavyReads.size());
        assertThat(heavy).isNotEmpty().allSatisfy(a -> {
            assertThat(a.status()).as(a.toString()).isEqualTo(200);
            assertThat(a.text()).as(a.toString()).doesNotContain("UNAVAILABLE").doesNotContain("INTERNAL_ERROR");
            if (a.body().has("errors")) {
                for (JsonNode error : a.body().get("errors")) {
                    assertThat(error.at("/extensions/code").asString())
                            .as(a.toString())
                            .isEqualTo("BUSY");
                    assertThat(error.at("/extensions/retryable").asBoolean()).isTrue();
                }
                assertThat(a.retryAfter()).as(a.toString()).isEqualTo("1");
            } else {
                assertThat(a.body().at("/data/latest/edges").size()).isPositive();
            }
        });
        // Article pages all answered, with their data, while the heavy reads ran.
        assertThat(pages).hasSizeGreaterThan(5).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body().has("errors")).as(a.toString()).isFalse();
            assertThat(a.body().at("/data/article/headline").asString()).isNotBlank();
        });
        // And the service was never switched into "database unavailable".
        assertThat(((FailFastDataSource) dataSource).isDown()).isFalse();
    }

    @Test
    void heavyReadWithoutATurn_isBusyWithRetryAfter_overPostGetAndWebSocket() {
        List<HeavyReads.Turn> held = new ArrayList<>();
        try {
            for (int i = 0; i < heavyReads.size(); i++) {
                held.add(heavyReads.enter());
            }
            assertThat(held).allMatch(HeavyReads.Turn::admitted);

            Answer posted = post(HEAVY, Map.of("first", 100));
            assertBusy(posted);

            Answer got = get(HEAVY, "{\"first\":99}");
            assertBusy(got);
            assertThat(got.response().headers().firstValue("Cache-Control")).hasValue("no-store");

            WebSocketGraphQlClient socket = WebSocketGraphQlClient.builder(
                            "ws://localhost:" + port + "/graphql-ws", new StandardWebSocketClient())
                    .build();
            try {
                ClientGraphQlResponse overSocket =
                        socket.document(HEAVY).variable("first", 98).execute().block(Duration.ofSeconds(30));
                assertThat(overSocket).isNotNull();
                assertThat(overSocket.getErrors()).isNotEmpty().allSatisfy(error -> {
                    assertThat(error.getExtensions()).containsEntry("code", "BUSY");
                    assertThat(error.getExtensions()).containsEntry("retryable", true);
                    assertThat(error.getExtensions()).containsEntry("retryAfterSeconds", 1);
                });
            } finally {
                socket.stop().block(Duration.ofSeconds(10));
            }

            // A cheap read needs no turn.
            Answer page = post(PAGE, Map.of("slug", slug));
            assertThat(page.body().has("errors")).as(page.toString()).isFalse();
            assertThat(page.body().at("/data/article/headline").asString()).isNotBlank();
        } finally {
            held.forEach(HeavyReads.Turn::close);
        }
        Answer after = post(HEAVY, Map.of("first", 100));
        assertThat(after.body().has("errors")).as(after.toString()).isFalse();
        assertThat(after.retryAfter()).isNull();
    }

    /**
     * The pool's timeout while every connection is in use (PostgreSQL up) is BUSY and leaves the switch alone; the
     * next request gets a connection as soon as one is free.
     */
    @Test
    void poolTimeoutWithAllConnectionsInUse_isBusy_notAnOutage() throws Exception {
        HikariDataSource app = dataSource.unwrap(HikariDataSource.class);
        try (FailFastDataSource pool = new FailFastDataSource(pool(app.getJdbcUrl(), app))) {
            List<Connection> held = new ArrayList<>();
            held.add(pool.getConnection());
            held.add(pool.getConnection());
            assertThatThrownBy(pool::getConnection).satisfies(ex -> {
                assertThat(DatabaseBusy.isCause(ex)).as(ex.toString()).isTrue();
                assertThat(DatabaseUnavailable.isCause(ex)).as(ex.toString()).isFalse();
            });
            assertThat(pool.isDown()).isFalse();
            held.remove(0).close();
            try (Connection again = pool.getConnection()) {
                assertThat(again.isValid(1)).isTrue();
            }
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    /**
     * Every pooled connection held (PostgreSQL up): requests that need one answer BUSY with Retry-After, health stays
     * UP, and once connections are free again everything answers; the service never switched to failing fast.
     */
    @Test
    void everyPooledConnectionInUse_answersBusy_healthStaysUp_andRecoversAtOnce() throws Exception {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize(); i++) {
                held.add(dataSource.getConnection());
            }
            Answer page = post(PAGE, Map.of("slug", slug + "-" + System.nanoTime()));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.retryAfter()).as(page.toString()).isEqualTo("1");
            assertThat(page.body().at("/errors/0/extensions/code").asString())
                    .as(page.toString())
                    .isEqualTo("BUSY");
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(((FailFastDataSource) dataSource).isDown()).isFalse();
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        Answer page = post(PAGE, Map.of("slug", slug));
        assertThat(page.body().has("errors")).as(page.toString()).isFalse();
        assertThat(page.body().at("/data/article/headline").asString()).isNotBlank();
    }

    /** A connection PostgreSQL refuses is an outage: it trips the switch, and later requests fail at once. */
    @Test
    void refusedConnection_isUnavailable_andTripsTheSwitch() throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        HikariDataSource app = dataSource.unwrap(HikariDataSource.class);
        try (FailFastDataSource pool =
                new FailFastDataSource(pool("jdbc:postgresql://localhost:" + closedPort + "/postgres", app))) {
            assertThatThrownBy(pool::getConnection).satisfies(ex -> {
                assertThat(DatabaseUnavailable.isCause(ex)).as(ex.toString()).isTrue();
                assertThat(DatabaseBusy.isCause(ex)).as(ex.toString()).isFalse();
            });
            assertThat(pool.isDown()).isTrue();
            long started = System.nanoTime();
            assertThatThrownBy(pool::getConnection)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("failing fast");
            assertThat(System.nanoTime() - started).isLessThan(100_000_000L);
        }
    }

    /** A pool of 2 with the shortest wait Hikari allows, to {@code url} as the application's user. */
    private static HikariDataSource pool(String url, HikariDataSource app) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(app.getUsername());
        pool.setPassword(app.getPassword());
        pool.setMaximumPoolSize(2);
        pool.setMinimumIdle(0);
        pool.setConnectionTimeout(250);
        pool.setInitializationFailTimeout(-1);
        return pool;
    }

    private static void assertBusy(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.retryAfter()).as(answer.toString()).isEqualTo("1");
        assertThat(answer.body().get("errors")).as(answer.toString()).isNotEmpty();
        for (JsonNode error : answer.body().get("errors")) {
            assertThat(error.at("/extensions/code").asString()).isEqualTo("BUSY");
            assertThat(error.at("/extensions/classification").asString()).isEqualTo("BUSY");
            assertThat(error.at("/extensions/retryable").asBoolean()).isTrue();
            assertThat(error.at("/message").asString()).doesNotContainIgnoringCase("hikari");
        }
        assertThat(answer.body().at("/data/latest").isNull()).isTrue();
    }

    private Answer post(String query, Map<String, Object> variables) {
        String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private Answer get(String query, String variables) {
        String url = "http://localhost:" + port + "/graphql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&variables=" + URLEncoder.encode(variables, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response, JSON.readTree(response.body()));
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    record Answer(HttpResponse<String> response, JsonNode body) {

        int status() {
            return response.statusCode();
        }

        String text() {
            return response.body();
        }

        String retryAfter() {
            return response.headers().firstValue("Retry-After").orElse(null);
        }

        @Override
        public String toString() {
            return status() + " Retry-After=" + retryAfter() + " " + text();
        }
    }
}
