package news.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import news.NewsApplication;
import news.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service with a real streaming replica: Debian's PostgreSQL 15 as primary and a replica made from it with {@code
 * pg_basebackup -R}, both started once for the class. Public reads go to the replica, writes and editors' reads to
 * the primary, a public read right after a publish sees it; a replica that lags past {@code max-lag} or is stopped is
 * skipped with no error, and used again once it has caught up or answers again.
 *
 * <p>Skipped when PostgreSQL 15's binaries are not installed, unless {@code NEWS_REQUIRE_REPLICA=1} (CI), where their
 * absence fails it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaIT {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private static final Duration MAX_LAG = Duration.ofSeconds(2);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path work;

    private static int primaryPort;

    private static int replicaPort;

    private static ConfigurableApplicationContext service;

    private static ReplicaRouting routing;

    private static String editorToken;

    @BeforeAll
    static void startPrimaryReplicaAndService() throws Exception {
        boolean installed =
                Files.isExecutable(BIN.resolve("pg_basebackup")) && Files.isExecutable(BIN.resolve("initdb"));
        if (!"1".equals(System.getenv("NEWS_REQUIRE_REPLICA"))) {
            Assumptions.assumeTrue(
                    installed, "PostgreSQL 15 is not installed at " + BIN + " (apt-get install postgresql-15)");
        }
        assertThat(installed)
                .as("PostgreSQL 15 at " + BIN + " (NEWS_REQUIRE_REPLICA=1)")
                .isTrue();
        work = Files.createTempDirectory("news-replica-");
        run("chmod", "755", work.toString());
        if (isRoot()) {
            run("chown", "postgres:postgres", work.toString());
        }
        primaryPort = freePort();
        replicaPort = freePort();
        postgres("initdb", "-D", dir("primary"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C");
        startServer("primary", primaryPort);
        postgres(
                "pg_basebackup",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(primaryPort),
                "-U",
                "postgres",
                "-D",
                dir("replica"),
                "-R",
                "-X",
                "stream",
                "-c",
                "fast");
        startServer("replica", replicaPort);

        editorToken = Tokens.token("redaksi", List.of("EDITOR"), Duration.ofHours(1), Tokens.SECRET);
        service = new SpringApplicationBuilder(NewsApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--spring.datasource.url=" + url(primaryPort),
                        "--spring.datasource.username=postgres",
                        "--news.datasource.replica.servers[0].url=" + url(replicaPort),
                        "--news.datasource.replica.max-lag=" + MAX_LAG.toMillis() + "ms",
                        "--news.datasource.replica.poll-interval=50ms",
                        "--news.demo-data.enabled=true",
                        "--news.security.jwt-secret=" + Tokens.SECRET,
                        "--news.analytics.spool-directory=" + work.resolve("spool"));
        routing = service.getBean(DataSource.class).unwrap(ReplicaRouting.class);
        awaitTrue("the replica is polled and current", () -> replica().up && replica().lagNanos == 0);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (service != null) {
            service.close();
        }
        if (work != null) {
            for (String name : List.of("replica", "primary")) {
                if (Files.exists(work.resolve(name).resolve("postmaster.pid"))) {
                    postgres("pg_ctl", "-D", dir(name), "-m", "immediate", "-w", "stop");
                }
            }
            run("rm", "-rf", work.toString());
        }
    }

    @Test
    @Order(1)
    void publicReads_goToTheReplica() throws Exception {
        long before = routing.replicaReads.sum();
        for (int i = 0; i < 5; i++) {
            assertThat(publicRead(missingArticle())).isEqualTo("{\"data\":{\"article\":null}}");
        }
        assertThat(routing.replicaReads.sum() - before).isGreaterThanOrEqualTo(5);
        // The service's connections on the replica, named for what they are for.
        assertThat(scalar(
                        replicaPort,
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'news-public-reads'"))
                .isGreaterThan(0);
        assertThat(prometheus())
                .contains("news_replicas_reads_total{reason=\"replica\",side=\"replica\"}")
                .contains("news_replicas_lag_seconds{replica=\"replica-1\"}")
                .contains("news_replicas_lag_bytes{replica=\"replica-1\"}")
                .contains("news_replicas_up{replica=\"replica-1\"} 1")
                .contains("news_replicas_skips_total{reason=\"lagging\",replica=\"replica-1\"}");
    }

    @Test
    @Order(2)
    void writesGoToThePrimary_theEditorReadsItsWriteAtOnce_andTheFirstPublicReadSeesThePublish() throws Exception {
        String headline = "Replika " + UUID.randomUUID();
        String created = createArticle(headline);
        String id = field(created, "id");
        String slug = field(created, "slug");
        assertThat(routing.ownCommit())
                .as("the commit's WAL position is recorded")
                .isPositive();

        // The editor's read of the draft, at once: it exists only on the primary's side of any lag.
        String draft = graphQl(
                "query($id: ID!) { editorArticleById(id: $id) { headline } }", "{\"id\":\"" + id + "\"}", editorToken);
        assertThat(draft).contains(headline);

        String published = graphQl(
                "mutation($in: ArticleVersionInput!) { publishArticle(input: $in) { ... on ArticlePayload { article { id } } } }",
                "{\"in\":{\"id\":\"" + id + "\",\"version\":1}}",
                editorToken);
        assertThat(published).contains(id);
        long ownCommit = routing.ownCommit();
        // At once, as the reader whose page the publish purged: the published article, from wherever it was read.
        assertThat(publicRead("{ article(slug: \"" + slug + "\") { headline } }"))
                .contains(headline);
        assertThat(scalar(primaryPort, "SELECT count(*) FROM article WHERE slug = '" + slug + "'"))
                .isEqualTo(1);
        awaitTrue("the replica replays the publish", () -> replica().replayed >= ownCommit);
        long before = routing.replicaReads.sum();
        assertThat(publicRead("{ article(slug: \"" + slug + "\") { headline } }"))
                .contains(headline);
        assertThat(publicRead(missingArticle())).contains("null");
        assertThat(routing.replicaReads.sum())
                .as("replayed: public reads are back on the replica")
                .isGreaterThan(before);
    }

    @Test
    @Order(3)
    void aReplicaLaggingPastMaxLag_isSkipped_andUsedAgainOnceCaughtUp() throws Exception {
        try (Connection replica = connect(replicaPort);
                Statement statement = replica.createStatement()) {
            statement.execute("SELECT pg_wal_replay_pause()");
            try {
                // Published on this instance while the replica does not replay: the next public read waits for it
                // in vain, then reads the primary, and sees the article.
                String headline = "Tertahan " + UUID.randomUUID();
                String created = createArticle(headline);
                assertThat(publish(field(created, "id"))).contains(field(created, "id"));
                long waited = routing.primaryReadsOwnWrite.sum();
                assertThat(publicRead("{ article(slug: \"" + field(created, "slug") + "\") { headline } }"))
                        .contains(headline);
                assertThat(routing.primaryReadsOwnWrite.sum()).isGreaterThan(waited);
                assertThat(prometheus())
                        .as("the wait that ran out is measured")
                        .containsPattern(
                                "news_replicas_read_your_writes_wait_seconds_count\\{outcome=\"gave-up\"\\} [1-9]")
                        .contains("news_replicas_read_your_writes_wait_seconds{outcome=\"gave-up\",quantile=\"0.99\"}");
                write();
                awaitTrue("the replica lags past max-lag", () -> replica().lagNanos > MAX_LAG.toNanos());
                long onReplica = routing.replicaReads.sum();
                long lagging = replica().skippedLagging.sum();
                for (int i = 0; i < 5; i++) {
                    assertThat(publicRead(missingArticle())).isEqualTo("{\"data\":{\"article\":null}}");
                }
                assertThat(routing.replicaReads.sum())
                        .as("nothing read on the lagging replica")
                        .isEqualTo(onReplica);
                assertThat(replica().skippedLagging.sum() - lagging).isGreaterThanOrEqualTo(5);
            } finally {
                statement.execute("SELECT pg_wal_replay_resume()");
            }
        }
        awaitTrue("the replica catches up", () -> replica().lagNanos == 0);
        long onReplica = routing.replicaReads.sum();
        assertThat(publicRead(missingArticle())).contains("null");
        assertThat(routing.replicaReads.sum()).isGreaterThan(onReplica);
    }

    @Test
    @Order(4)
    void readsWhoseReplicaConnectionIsCut_areAnsweredByThePrimary_withNoError() throws Exception {
        // Readers reading all the time, so the pool hands out connections used a moment ago without checking them:
        // cut under them, each such statement fails on the replica and must be run again on the primary.
        long failedOver = routing.primaryReadsReplicaFailed.sum();
        AtomicInteger reads = new AtomicInteger();
        List<String> wrong = new CopyOnWriteArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            readers.submit(() -> {
                while (reading.get()) {
                    try {
                        String body = publicReadAnswer(missingArticle());
                        if (!body.equals("{\"data\":{\"article\":null}}")) {
                            wrong.add(body);
                        }
                    } catch (Exception ex) {
                        wrong.add(ex.toString());
                    }
                    reads.incrementAndGet();
                }
                return null;
            });
        }
        try {
            awaitTrue("reads run", () -> reads.get() >= 100);
            for (int cut = 0; cut < 3; cut++) {
                // Cut only once reads are on the replica again (after a cut, until a poll finds it answering, they go
                // to the primary), so that the pool has connections there to cut.
                long onReplica = routing.replicaReads.sum();
                awaitTrue("reads are back on the replica", () -> routing.replicaReads.sum() >= onReplica + 20);
                assertThat(scalar(
                                replicaPort,
                                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                        + " WHERE application_name = 'news-public-reads'"))
                        .isPositive();
            }
        } finally {
            reading.set(false);
            readers.shutdown();
            assertThat(readers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(wrong).as("answers other than the article's absence").isEmpty();
        assertThat(routing.primaryReadsReplicaFailed.sum())
                .as("statements run again on the primary")
                .isGreaterThan(failedOver);
        assertThat(prometheus())
                .containsPattern(
                        "news_replicas_reads_total\\{reason=\"replica-connection-lost\",side=\"primary\"} [1-9]");
        awaitTrue("the replica is used again", () -> replica().up);
        // A connection the last cut ended may still wait in the replica's pool: the read that takes it is answered by
        // the primary (counted there), so the replica's answering is awaited over a few reads, each answered.
        long onReplica = routing.replicaReads.sum();
        awaitTrue("a read answered by the replica", () -> {
            try {
                assertThat(publicRead(missingArticle())).contains("null");
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
            return routing.replicaReads.sum() > onReplica;
        });
    }

    @Test
    @Order(5)
    void aStoppedReplica_isSkippedWithNoError_andUsedAgainOnceItAnswers() throws Exception {
        postgres("pg_ctl", "-D", dir("replica"), "-m", "fast", "-w", "stop");
        try {
            long down = replica().skippedDown.sum();
            long onPrimary = routing.primaryReadsNoReplica.sum() + routing.primaryReadsReplicaFailed.sum();
            long onReplica = routing.replicaReads.sum();
            long started = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertThat(publicRead(missingArticle())).isEqualTo("{\"data\":{\"article\":null}}");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("no read waits out a dead replica")
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(routing.replicaReads.sum()).isEqualTo(onReplica);
            // Each answered by the primary: skipped as down, or (before the polls noticed) run again there after its
            // pooled connection to the stopped replica failed.
            assertThat(routing.primaryReadsNoReplica.sum() + routing.primaryReadsReplicaFailed.sum() - onPrimary)
                    .isGreaterThanOrEqualTo(20);
            assertThat(replica().skippedDown.sum()).isGreaterThan(down);
            assertThat(replica().up).isFalse();
        } finally {
            startServer("replica", replicaPort);
        }
        awaitTrue("the replica answers again", () -> replica().up && replica().lagNanos == 0);
        long onReplica = routing.replicaReads.sum();
        assertThat(publicRead(missingArticle())).contains("null");
        assertThat(routing.replicaReads.sum()).isGreaterThan(onReplica);
    }

    // --- the service

    private static String createArticle(String headline) throws Exception {
        String reporter = text(primaryPort, "SELECT slug FROM reporter ORDER BY slug LIMIT 1");
        String section = text(primaryPort, "SELECT slug FROM section ORDER BY slug LIMIT 1");
        String created = graphQl(
                "mutation($in: CreateArticleInput!) { createArticle(input: $in) { ... on ArticlePayload { article { id slug version } } ... on ValidationFailed { errors { field message } } } }",
                "{\"in\":{\"headline\":\"" + headline + "\",\"section\":\"" + section + "\",\"reporters\":[\""
                        + reporter + "\"],"
                        + "\"image\":{\"url\":\"/media/uji.jpg\",\"caption\":\"Foto\",\"credit\":\"Net\"},"
                        + "\"body\":[{\"type\":\"PARAGRAPH\",\"text\":\"Isi.\"}]}}",
                editorToken);
        return created;
    }

    private static String publish(String id) throws Exception {
        return graphQl(
                "mutation($in: ArticleVersionInput!) { publishArticle(input: $in) { ... on ArticlePayload { article { id } } } }",
                "{\"in\":{\"id\":\"" + id + "\",\"version\":1}}",
                editorToken);
    }

    private static String missingArticle() {
        return "{ article(slug: \"tidak-ada-" + UUID.randomUUID() + "\") { headline } }";
    }

    private static String publicRead(String query) throws Exception {
        return graphQl(query, "{}", null);
    }

    /** A public read's status and body, unchecked. */
    private static String publicReadAnswer(String query) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:"
                                + service.getEnvironment().getProperty("local.server.port") + "/graphql"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":" + json(query) + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : response.statusCode() + " " + response.body();
    }

    private static String graphQl(String query, String variables, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + service.getEnvironment().getProperty("local.server.port") + "/graphql"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"query\":" + json(query) + ",\"variables\":" + variables + "}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("\"errors\"");
        return response.body();
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String field(String body, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(body);
        assertThat(value.find()).as(name + " in " + body).isTrue();
        return value.group(1);
    }

    private static ReplicaRouting.Replica replica() {
        return routing.replicas().get(0);
    }

    // --- PostgreSQL

    private static void write() throws SQLException {
        try (Connection primary = connect(primaryPort);
                Statement statement = primary.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS replica_lag_probe (at timestamptz)");
            statement.execute("INSERT INTO replica_lag_probe VALUES (now())");
        }
    }

    private static long scalar(int port, String sql) throws SQLException {
        try (Connection connection = connect(port);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String text(int port, String sql) throws SQLException {
        try (Connection connection = connect(port);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection(url(port), "postgres", "");
    }

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private static String dir(String name) {
        return work.resolve(name).toString();
    }

    private static void startServer(String name, int port) throws Exception {
        postgres(
                "pg_ctl",
                "-D",
                dir(name),
                "-l",
                dir(name) + ".log",
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -k " + work + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start");
    }

    private static void postgres(String program, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(BIN.resolve(program).toString());
        command.addAll(List.of(arguments));
        run(command.toArray(String[]::new));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private String prometheus() throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:"
                                        + service.getEnvironment().getProperty("local.server.port")
                                        + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}
