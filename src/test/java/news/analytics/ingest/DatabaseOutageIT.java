package news.analytics.ingest;

import static news.db.Tables.ARTICLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import news.NewsApplication;
import news.analytics.TimeRange;
import news.demo.DemoLoadChecks;
import news.section.SectionDirectory;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL stops for {@value #OUTAGE_SECONDS} seconds under ingestion and reads, then starts again; later the
 * service is shut down while it is stopped, and started again. Requests fail fast with a retryable error while it is
 * away, health says DOWN at once, the service recovers by itself, and every view accepted is stored exactly once,
 * including those kept on disk at shutdown and written by the next process.
 * <p>
 * Runs its own embedded PostgreSQL on a fixed port and data directory, so that it can be stopped and started again
 * where the service expects it. That database starts empty, so the service's first start there is also the first demo
 * load (checked first, before the drill adds anything), and its start after the outage is a second start that finds
 * the newsroom and loads nothing more: two applications for both drills.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageIT {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageIT.class);

    static final int OUTAGE_SECONDS = 6;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String READ = "{ latest(first: 3) { edges { node { id } } } }";

    private static final String RANKING = "{ popular(window: LAST_HOUR, first: 3) { rank views } }";

    @TempDir
    static Path work;

    private int port;

    private EmbeddedPostgres postgres;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    /** The first service on the fresh database, started on first use. */
    private ConfigurableApplicationContext first;

    @AfterAll
    void stopEverything() throws IOException {
        for (ConfigurableApplicationContext context : contexts) {
            context.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** PostgreSQL on a free port with an empty data directory, and the service's first start on it. */
    private ConfigurableApplicationContext firstService() throws IOException {
        if (first == null) {
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            postgres = startPostgres();
            first = startService();
        }
        return first;
    }

    /** A service starting on an empty database loads the whole demo newsroom from its resource files, once. */
    @Test
    @Order(1)
    void firstStartOnAnEmptyDatabaseLoadsTheDemoNewsroomWithItsViewHistory() throws Exception {
        DemoLoadChecks.assertFirstLoad(firstService());
    }

    @Test
    @Order(2)
    void outage_requestsFailFastAndRetryable_serviceRecovers_andNoAcceptedViewIsLost() throws Exception {
        ConfigurableApplicationContext first = firstService();
        String base = "http://localhost:" + first.getEnvironment().getProperty("local.server.port");
        AnalyticsFixtures fixtures =
                new AnalyticsFixtures(first.getBean(DSLContext.class), first.getBean(SectionDirectory.class));
        // More articles than max-pending-keys: during the outage the counts go to the spool, not only to memory.
        List<Long> articles = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            articles.add(fixtures.article(1));
        }
        long unchecked = fixtures.article(1);
        ViewFlusher flusher = first.getBean(ViewFlusher.class);

        // 1. Load while the database is up (this also puts every article's check in ingestion's cache).
        Load load = new Load(base, articles);
        load.start();
        waitFor(
                Duration.ofSeconds(30),
                () -> load.samples(Kind.READ, 0, Long.MAX_VALUE).size() >= 3);
        Thread.sleep(1000);
        load.assertNoFailures();
        assertThat(load.samples(Kind.READ, 0, Long.MAX_VALUE)).isNotEmpty().allMatch(Sample::ok);

        // 2. PostgreSQL stops.
        long stopped = System.nanoTime();
        postgres.close();
        postgres = null;
        boolean spooledDuringOutage = false;
        List<Sample> unavailableBeacons = new ArrayList<>();
        List<JsonNode> unavailableMutations = new ArrayList<>();
        while (System.nanoTime() - stopped < OUTAGE_SECONDS * 1_000_000_000L) {
            spooledDuringOutage |= flusher.spooledBatches() > 0;
            if (unavailableBeacons.size() < 3) {
                // An article ingestion has not checked yet cannot be checked now: the view is refused, not counted.
                unavailableBeacons.add(load.beacon(unchecked, "belum-" + unavailableBeacons.size(), true));
                unavailableMutations.add(load.graphQl("mutation { recordView(input: {articleId: \""
                        + AnalyticsFixtures.id(unchecked) + "\", visitorId: \"belum\"}) { counted } }"));
            }
            Thread.sleep(200);
        }

        // 3. PostgreSQL starts again on the same port and data.
        long restarted = System.nanoTime();
        postgres = startPostgres();
        double postgresStart = (System.nanoTime() - restarted) / 1e9;
        waitFor(
                Duration.ofSeconds(15),
                () -> !load.samples(Kind.READ, restarted, Long.MAX_VALUE).stream()
                        .filter(Sample::ok)
                        .toList()
                        .isEmpty());
        Thread.sleep(1000);
        load.stop();

        List<Sample> outage = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            outage.addAll(load.samples(kind, stopped, restarted));
        }
        List<Sample> outageErrors = outage.stream().filter(s -> !s.ok()).toList();
        List<Sample> readsDuringOutage = load.samples(Kind.READ, stopped + 1_000_000_000L, restarted);
        List<Sample> healthDuringOutage = load.samples(Kind.HEALTH, stopped + 1_000_000_000L, restarted);
        List<Sample> beaconsDuringOutage = load.samples(Kind.BEACON, stopped, restarted);
        Sample firstRead = load.samples(Kind.READ, restarted, Long.MAX_VALUE).stream()
                .filter(Sample::ok)
                .findFirst()
                .orElseThrow();
        double recovery = (firstRead.end() - restarted) / 1e9;

        for (Kind kind : Kind.values()) {
            List<Sample> errors =
                    outageErrors.stream().filter(e -> e.kind() == kind).toList();
            log.info(
                    "Outage errors of {}: {}, p50 {} ms, p99 {} ms, max {} ms, slowest at {} s into the outage",
                    kind,
                    errors.size(),
                    percentile(errors, 50),
                    percentile(errors, 99),
                    percentile(errors, 100),
                    errors.stream()
                            .max(java.util.Comparator.comparingLong(Sample::millis))
                            .map(e -> String.format("%.1f", (e.start() - stopped) / 1e9))
                            .orElse("-"));
        }
        // Reads that need the database fail fast, classified and retryable; the cached ranking keeps answering.
        assertThat(readsDuringOutage).isNotEmpty().noneMatch(Sample::ok);
        assertThat(readsDuringOutage).allSatisfy(s -> {
            assertThat(s.detail())
                    .contains("\"classification\":\"UNAVAILABLE\"")
                    .contains("\"retryable\":true")
                    .doesNotContain("INTERNAL_ERROR")
                    .doesNotContainIgnoringCase("exception")
                    .doesNotContainIgnoringCase("sql");
        });
        // The ranking comes from the cache, without the database.
        assertThat(load.samples(Kind.RANKING, stopped, restarted)).isNotEmpty().allMatch(Sample::ok);
        assertThat(percentile(outageErrors, 99)).isLessThan(1000);
        // Health says DOWN quickly.
        assertThat(healthDuringOutage).isNotEmpty().allSatisfy(s -> {
            assertThat(s.ok()).isFalse();
            assertThat(s.detail()).contains("503");
            assertThat(s.millis()).isLessThan(1000);
        });
        // Views of articles already checked are still taken, into memory and the spool.
        assertThat(beaconsDuringOutage.stream().filter(Sample::ok).count()).isGreaterThan(10);
        assertThat(spooledDuringOutage).isTrue();
        assertThat(unavailableBeacons).allSatisfy(s -> {
            assertThat(s.detail()).startsWith("503 Retry-After=1 ").contains("\"error\":\"The database is unavailable");
        });
        assertThat(unavailableMutations).allSatisfy(r -> {
            assertThat(r.at("/errors/0/extensions/classification").asString()).isEqualTo("UNAVAILABLE");
            assertThat(r.at("/errors/0/extensions/retryable").asBoolean()).isTrue();
        });
        assertThat(recovery).isLessThan(5);

        // Every accepted view is stored, once, after the database is back.
        waitFor(Duration.ofSeconds(10), () -> flusher.pendingKeys() == 0 && flusher.spooledBatches() == 0);
        // A write drained from memory is neither pending nor stored until it commits; a flush waits for it.
        flusher.flush();
        assertThat(stored(fixtures, articles)).isEqualTo(load.accepted());

        // A batch that did reach the database but was also kept on disk is skipped when the disk copy is written.
        long hour = TimeRange.hourOf(Instant.now());
        List<PendingView> seven = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            seven.add(new PendingView(
                    articles.get(0), hour, hour, 0x0300_0000_0000_0000L | i, i, IngestionEntryPoint.BEACON));
        }
        ViewBatch applied = new ViewBatch(seven, List.of(), UUID.randomUUID());
        first.getBean(ViewRepository.class).add(applied);
        new ViewSpool(work.resolve("spool")).save(applied);
        waitFor(Duration.ofSeconds(5), () -> flusher.spooledBatches() == 0);
        long expected = load.accepted() + 7;
        assertThat(stored(fixtures, articles)).isEqualTo(expected);

        int articlesBeforeRestart = fixtures.dsl().fetchCount(ARTICLE);

        // 4. Shut down (the path SIGTERM takes) while PostgreSQL is stopped.
        Load more = new Load(base, articles);
        more.start();
        Thread.sleep(1500);
        postgres.close();
        postgres = null;
        Thread.sleep(2000);
        more.stop();
        assertThat(more.samples(Kind.BEACON, 0, Long.MAX_VALUE).stream()
                        .filter(Sample::ok)
                        .count())
                .isGreaterThan(10);
        HikariDataSource pool = first.getBean(DataSource.class).unwrap(HikariDataSource.class);
        long closing = System.nanoTime();
        first.close();
        contexts.remove(first);
        this.first = null;
        double shutdown = (System.nanoTime() - closing) / 1e9;
        assertThat(shutdown).isLessThan(5);
        assertThat(pool.isClosed()).isTrue();
        long spooledAtShutdown;
        try (Stream<Path> files = Files.list(work.resolve("spool"))) {
            spooledAtShutdown =
                    files.filter(f -> f.toString().endsWith(".views")).count();
        }
        assertThat(spooledAtShutdown).isPositive();

        // 5. PostgreSQL and the service start again; the next process writes what the last one kept.
        postgres = startPostgres();
        ConfigurableApplicationContext second = startService();
        ViewFlusher nextFlusher = second.getBean(ViewFlusher.class);
        AnalyticsFixtures after =
                new AnalyticsFixtures(second.getBean(DSLContext.class), second.getBean(SectionDirectory.class));
        waitFor(Duration.ofSeconds(10), () -> nextFlusher.spooledBatches() == 0);
        assertThat(stored(after, articles)).isEqualTo(expected + more.accepted());
        // A second start on the same database: the demo newsroom is there, and nothing more was loaded.
        assertThat(after.dsl().fetchCount(ARTICLE))
                .as("articles after the second start")
                .isEqualTo(articlesBeforeRestart);

        log.info(
                """
                Database outage of {} s under load: {} requests failed, error latency p50 {} ms, p99 {} ms, max {} ms; \
                health DOWN in at most {} ms; first successful read {} s after PostgreSQL was started again (its start took {} s); \
                shutdown during the outage took {} s ({} batches spooled); views accepted {}, stored {}""",
                OUTAGE_SECONDS,
                outageErrors.size(),
                percentile(outageErrors, 50),
                percentile(outageErrors, 99),
                percentile(outageErrors, 100),
                percentile(healthDuringOutage, 100),
                String.format("%.2f", recovery),
                String.format("%.2f", postgresStart),
                String.format("%.2f", shutdown),
                spooledAtShutdown,
                load.accepted() + 7 + more.accepted(),
                stored(after, articles));
    }

    private static long stored(AnalyticsFixtures fixtures, List<Long> articles) {
        return articles.stream().mapToLong(fixtures::stored).sum();
    }

    private EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("timezone", "UTC")
                .start();
    }

    private ConfigurableApplicationContext startService() {
        // As command-line arguments, which (unlike default properties) take precedence over application.yml.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(NewsApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        "--news.demo-data.enabled=true",
                        "--spring.main.banner-mode=off",
                        "--news.analytics.spool-directory=" + work.resolve("spool"),
                        // Ingestion takes views during the outage for articles it has checked; keep those checks.
                        "--news.analytics.article-check-ttl=10m",
                        "--news.analytics.max-pending-keys=8",
                        // All load comes from one address; every beacon answered 204 must be a counted view here.
                        "--news.analytics.rate-limit.enabled=false");
        contexts.add(context);
        return context;
    }

    private static void waitFor(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", limit).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static long percentile(List<Sample> samples, int percent) {
        if (samples.isEmpty()) {
            return 0;
        }
        List<Long> millis = samples.stream().map(Sample::millis).sorted().toList();
        int index = (int) Math.ceil(percent / 100.0 * millis.size()) - 1;
        return millis.get(Math.max(0, index));
    }

    enum Kind {
        BEACON,
        VIEWS,
        READ,
        RANKING,
        HEALTH
    }

    /** One request: when it started and ended (System.nanoTime), whether it succeeded, and what came back. */
    record Sample(Kind kind, long start, long end, boolean ok, String detail) {

        long millis() {
            return (end - start) / 1_000_000;
        }
    }

    /**
     * Clients of the service: two send beacons, one alternates a recordViews batch with a page query, one polls
     * health. Every visitor is new, so every 204 and every {@code accepted} is a view that must be stored.
     */
    private final class Load {

        private final String base;

        private final List<Long> articles;

        private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());

        private final AtomicLong accepted = new AtomicLong();

        private final AtomicBoolean running = new AtomicBoolean(true);

        private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());

        private final ExecutorService threads = Executors.newFixedThreadPool(4);

        private final String prefix = UUID.randomUUID().toString();

        Load(String base, List<Long> articles) {
            this.base = base;
            this.articles = articles;
        }

        void start() {
            for (int t = 0; t < 2; t++) {
                int thread = t;
                run(() -> {
                    for (int i = 0; running.get(); i++) {
                        beacon(articles.get((i + thread) % articles.size()), thread + "-" + i, false);
                    }
                });
            }
            run(() -> {
                for (int i = 0; running.get(); i++) {
                    views(i);
                    read(Kind.READ, READ);
                    read(Kind.RANKING, RANKING);
                }
            });
            run(() -> {
                while (running.get()) {
                    health();
                    pause(200);
                }
            });
        }

        private void run(Runnable client) {
            threads.execute(() -> {
                try {
                    client.run();
                } catch (Throwable ex) {
                    failures.add(ex);
                    running.set(false);
                }
            });
        }

        void stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertNoFailures();
        }

        void assertNoFailures() {
            failures.forEach(f -> log.error("Client failed", f));
            assertThat(failures).isEmpty();
        }

        long accepted() {
            return accepted.get();
        }

        List<Sample> samples(Kind kind, long from, long to) {
            synchronized (samples) {
                return samples.stream()
                        .filter(s -> s.kind() == kind && s.start() >= from && s.start() < to)
                        .toList();
            }
        }

        Sample beacon(long article, String visitor, boolean probe) {
            String body = "{\"articleId\":\"" + AnalyticsFixtures.id(article) + "\",\"visitorId\":\"" + prefix + "-"
                    + visitor + "\"}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/views"))
                    .header("Content-Type", "text/plain;charset=UTF-8")
                    .header("User-Agent", AnalyticsFixtures.BROWSER)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> response = send(request);
            long end = System.nanoTime();
            if (response.statusCode() == 204) {
                accepted.incrementAndGet();
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            }
            Sample sample = new Sample(
                    Kind.BEACON,
                    start,
                    end,
                    response.statusCode() == 204,
                    response.statusCode() + " Retry-After="
                            + response.headers().firstValue("Retry-After").orElse("") + " " + response.body());
            if (!probe) {
                samples.add(sample);
            }
            return sample;
        }

        private void views(int i) {
            StringBuilder input = new StringBuilder();
            for (int j = 0; j < 5; j++) {
                input.append("{articleId: \"")
                        .append(AnalyticsFixtures.id(articles.get((i + j) % articles.size())))
                        .append("\", visitorId: \"")
                        .append(prefix)
                        .append("-m-")
                        .append(i)
                        .append('-')
                        .append(j)
                        .append("\"}");
            }
            long start = System.nanoTime();
            JsonNode response = graphQl("mutation { recordViews(input: [" + input + "]) { accepted } }");
            long end = System.nanoTime();
            boolean ok = !response.has("errors");
            if (ok) {
                accepted.addAndGet(response.at("/data/recordViews/accepted").asLong());
            }
            samples.add(new Sample(Kind.VIEWS, start, end, ok, response.toString()));
        }

        private void read(Kind kind, String query) {
            long start = System.nanoTime();
            JsonNode response = graphQl(query);
            samples.add(new Sample(kind, start, System.nanoTime(), !response.has("errors"), response.toString()));
        }

        private void health() {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                    .GET()
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> response = send(request);
            samples.add(new Sample(
                    Kind.HEALTH,
                    start,
                    System.nanoTime(),
                    response.statusCode() == 200,
                    response.statusCode() + " " + response.body()));
        }

        JsonNode graphQl(String query) {
            String body = JSON.writeValueAsString(java.util.Map.of("query", query));
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/graphql"))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", AnalyticsFixtures.BROWSER)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response = send(request);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }

        private void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
