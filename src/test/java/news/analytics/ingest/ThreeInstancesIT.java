package news.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import news.DrillIntegrationTest;
import news.HttpTestBase;
import news.SecondInstance;
import news.TestClock;
import news.Tokens;
import news.analytics.AnalyticsProperties;
import news.analytics.TimeRange;
import news.analytics.readers.ReaderFixtures;
import news.analytics.readers.ReaderSketch;
import news.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three instances of the service count into one database. Their additive writes give exact sums, an instance writes
 * early when too many views wait and writes what it still holds when it shuts down; and a reader whose views are
 * spread over the instances, over real HTTP (the beacon and GraphQL), counts once per article and dedupe slot, even
 * across a restart: PostgreSQL decides, the instances' salts agree, and the ingestion accounting, read from
 * PostgreSQL, is the same on every instance. A client over its rate limit is limited alike on one instance or spread
 * over the three.
 */
@DrillIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreeInstancesIT extends HttpTestBase {

    /** Settings of the third instance: only a forced, a shutdown or the test's own flush writes its views. */
    private static final String[] THIRD = {
        "server.port=0", "news.analytics.flush-interval=1h", "news.analytics.max-pending-keys=20"
    };

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcConnectionDetails database;

    private ConfigurableApplicationContext second;

    private ConfigurableApplicationContext third;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void startInstances() {
        second = SecondInstance.beside(context);
        third = AnalyticsFixtures.startInstance(database, THIRD);
    }

    @AfterEach
    void resetClocks() {
        for (ApplicationContext instance : instances()) {
            instance.getBean(TestClock.Settable.class).reset();
        }
    }

    @AfterAll
    void stopThird() {
        if (third != null) {
            third.close();
        }
    }

    @Test
    void threeInstancesWritingToOneDatabaseGiveExactSums() throws Exception {
        AnalyticsFixtures fixtures = new AnalyticsFixtures(context);
        long[] articles = {fixtures.article(1), fixtures.article(2), fixtures.article(3)};
        List<ViewRecorder> recorders = List.of(
                context.getBean(ViewRecorder.class),
                second.getBean(ViewRecorder.class),
                third.getBean(ViewRecorder.class));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> done = new ArrayList<>();
        int perThread = 6_000;
        for (int t = 0; t < 3; t++) {
            ViewRecorder instance = recorders.get(t);
            String prefix = "instans-" + t + "-";
            done.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i += 100) {
                    List<ViewReport> batch = new ArrayList<>();
                    for (int j = i; j < i + 100; j++) {
                        batch.add(ViewReport.of(AnalyticsFixtures.id(articles[j % 3]), prefix + j, null));
                    }
                    instance.record(batch, new ClientOrigin("10.3.3.3", AnalyticsFixtures.BROWSER));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        flushAll();
        for (long article : articles) {
            assertThat(fixtures.stored(article)).isEqualTo(3 * perThread / 3);
        }
        // Each instance folded the keys it inserted into sketches of its own: three writers for the section, whose
        // union is the 18,000 distinct visitors within three standard errors.
        Set<Object> writers = new HashSet<>();
        for (ApplicationContext instance : instances()) {
            ReaderFixtures readers = new ReaderFixtures(instance);
            readers.writeSketches();
            writers.add(readers.writer());
        }
        JooqSketches sketches = new JooqSketches(context, articles[0]);
        assertThat(sketches.writers()).containsExactlyInAnyOrderElementsOf(writers);
        assertThat((double) sketches.estimate())
                .isCloseTo(3 * perThread, within(3 * perThread * 3 * ReaderSketch.RELATIVE_STANDARD_ERROR));

        // 40 more articles: the third instance's pending views pass its limit of 20 and it writes without waiting
        // for its interval (an hour); at most 19 views can stay behind.
        List<Long> many = new ArrayList<>();
        List<ViewReport> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long article = fixtures.article(1);
            many.add(article);
            batch.add(ViewReport.of(AnalyticsFixtures.id(article), "satu", null));
        }
        recorders.get(2).record(batch, new ClientOrigin("10.3.3.4", AnalyticsFixtures.BROWSER));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (many.stream().mapToLong(fixtures::stored).sum() < 21 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(many.stream().mapToLong(fixtures::stored).sum()).isGreaterThanOrEqualTo(21);
        third.getBean(ViewFlusher.class).flush();
        assertThat(many.stream().mapToLong(fixtures::stored).sum()).isEqualTo(many.size());
    }

    /**
     * Six readers (three with a visitorId, three anonymous: known by address and user agent only) read two articles.
     * Each of their views goes to the instances in turn, through the beacon or GraphQL, and is sent again later in
     * the same dedupe slot (to another instance: a late duplicate; to the same one: a duplicate answered at once),
     * after a restart of the third instance (which then knows nothing in memory), and in the next slot (counted
     * again). A model of the expected decisions gives every count; the totals are also worked out by hand.
     */
    @Test
    void readersSpreadOverThreeInstancesCountOncePerSlotAcrossARestart() throws Exception {
        AnalyticsFixtures fixtures = new AnalyticsFixtures(context);
        long[] articles = {fixtures.article(1), fixtures.article(1)};
        String run = Fixtures.unique("r");
        List<Reader> readers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            readers.add(new Reader("pembaca-" + run + "-" + i, AnalyticsFixtures.BROWSER));
            readers.add(new Reader(null, AnalyticsFixtures.BROWSER + " Pembaca/" + run + "-" + i));
        }
        List<View> views = new ArrayList<>();
        for (Reader reader : readers) {
            for (long article : articles) {
                views.add(new View(reader, article));
            }
        }
        // The next hour, so that no other view is accounted in these hours; slots of 30 minutes.
        long slotStart = TimeRange.hourOf(Instant.now()) + TimeRange.HOUR;
        Instant start = Instant.ofEpochSecond(slotStart);
        Model model = new Model();

        // Round r sends view k to instance (k + r) % 3, through the beacon when k + r is even, else GraphQL.
        round(views, 0, start.plusSeconds(60), model); // every view new: counted
        round(views, 1, start.plusSeconds(600), model); // another instance, same slot: late duplicates
        round(views, 2, start.plusSeconds(720), model); // the third instance, same slot: late duplicates
        round(views, 3, start.plusSeconds(840), model); // the first instance again: duplicates, answered at once
        Stats before = statsEverywhere(start);

        // The third instance stops (writing what it still holds) and starts again, knowing nothing in memory.
        ClientOrigin origin = new ClientOrigin("10.3.3.5", AnalyticsFixtures.BROWSER);
        long last = fixtures.article(1);
        third.getBean(ViewRecorder.class)
                .record(ViewReport.of(AnalyticsFixtures.id(last), "sebelum-berhenti", null), origin);
        model.count(IngestionEntryPoint.GRAPHQL, IngestionOutcome.ACCEPTED);
        Object thirdWriter = new ReaderFixtures(third).writer();
        third.close();
        assertThat(fixtures.stored(last)).as("written by the shutdown flush").isEqualTo(1);
        assertThat(context.getBean(org.jooq.DSLContext.class)
                        .fetchValue(
                                "select sum(source_rows) from reader_sketch_hourly"
                                        + " where scope_kind = 'ARTICLE' and scope_id = ? and writer = ?",
                                last,
                                thirdWriter))
                .as("its key in the sketch the instance wrote as it stopped")
                .isEqualTo(java.math.BigDecimal.ONE);
        third = AnalyticsFixtures.startInstance(database, THIRD);
        model.forget(2);

        round(views, 4, start.plusSeconds(1200), model); // the restarted instance finds late duplicates only
        round(views, 5, start.plusSeconds(1860), model); // the next slot (08:30-09:00 style): counted again
        round(views, 6, start.plusSeconds(2700), model); // same slot, another instance: late duplicates
        Stats after = statsEverywhere(start);

        // By hand: 12 views a round. Counted: round 0 and round 5. Duplicates answered at once: round 3 (12) and
        // round 4 on the first two instances (8). Late: rounds 1, 2 and 6 (36) and round 4 on the restarted one (4).
        // Plus the one view written at shutdown.
        assertThat(model.total(IngestionOutcome.ACCEPTED)).isEqualTo(24 + 1);
        assertThat(model.total(IngestionOutcome.DUPLICATE)).isEqualTo(20);
        assertThat(model.total(IngestionOutcome.LATE_DUPLICATE)).isEqualTo(40);
        for (long article : articles) {
            assertThat(fixtures.stored(article)).as("6 readers in 2 slots").isEqualTo(12);
        }
        assertThat(fixtures.dsl()
                        .fetchValue(
                                "select count(*) from article_readers where article_id in (?, ?)",
                                articles[0],
                                articles[1]))
                .isEqualTo(24L);
        assertThat(after.range()).isEqualTo(model.expected());
        assertThat(before.range().path("accepted").asLong()).isEqualTo(12);
        assertThat(after.today()).as("TODAY holds the test's hours").isNotEqualTo(before.today());
        assertThat(before.range().path("lateDuplicates").asLong()).isEqualTo(24);
        assertThat(before.range().path("duplicates").asLong()).isEqualTo(12);

        // Unique readers of each article in the test's two hours, asked of every instance: the six readers, each
        // once, though each was counted in two slots (exact per article, from the keys PostgreSQL kept).
        for (ConfigurableApplicationContext instance : instances()) {
            for (long article : articles) {
                assertThat(readersPerHour(instance, article, start))
                        .as("readers of article %d on instance %d", article, port(instance))
                        .containsExactly(6, 0);
            }
        }
    }

    /**
     * A client over its rate limit is limited alike whether its views go to one instance or are spread over three:
     * the bucket is shared through PostgreSQL. The instances keep the service's limit (a burst of 1,000 views refilled
     * at 50 a second, synchronised every 50 views: the drill's first instances are shared with other tests, so their
     * settings are the defaults), and every instance's clock stands still, so no bucket refills and the burst is all a
     * client gets. Each client connects from a loopback address of its own (the rate limit's key), sends 1,200 views
     * of distinct readers in 24 requests of 50 (a {@code recordViews} of 45 and 5 beacons, one after another), the
     * first client all to the first instance, the second round-robin over the three. On one instance exactly the
     * burst is accepted; spread, at most {@code (instances - 1) × sync-views} more (no request is concurrent, so
     * nothing is added for concurrency). The answers agree with the accounting, which every instance reads alike.
     */
    @Test
    void aClientOverItsRateLimitIsLimitedAlikeOnOneInstanceOrSpreadOverThree() throws Exception {
        List<ConfigurableApplicationContext> instances = instances();
        AnalyticsProperties.RateLimit limit =
                context.getBean(AnalyticsProperties.class).rateLimit();
        for (ConfigurableApplicationContext instance : instances) {
            assertThat(instance.getBean(AnalyticsProperties.class).rateLimit())
                    .as("every instance has the same limit")
                    .isEqualTo(limit);
        }
        assertThat(limit.enabled() && limit.shared()).isTrue();
        int burst = (int) limit.burst();
        int sent = burst + 200;
        long bound = (instances.size() - 1) * limit.syncViews();

        AnalyticsFixtures fixtures = new AnalyticsFixtures(context);
        String articleId = AnalyticsFixtures.id(fixtures.article(1));
        // An hour of its own (after the readers' drill's two), where only this test's views are accounted.
        Instant start = Instant.ofEpochSecond(TimeRange.hourOf(Instant.now()) + 4 * TimeRange.HOUR);
        for (ApplicationContext instance : instances) {
            instance.getBean(TestClock.Settable.class).set(start.plusSeconds(600));
        }
        String run = Fixtures.unique("batas");
        int net = ThreadLocalRandom.current().nextInt(256);

        Limited one = sendOverTheLimit("127.23." + net + ".1", articleId, run + "-satu-", sent, step -> 0, start);
        Limited spread =
                sendOverTheLimit("127.23." + net + ".2", articleId, run + "-sebar-", sent, step -> step % 3, start);

        assertThat(one.accepted()).as("one instance: the burst exactly").isEqualTo(burst);
        assertThat(one.rateLimited()).isEqualTo(sent - burst);
        assertThat(spread.accepted())
                .as("spread over three: the burst, give or take (instances - 1) × sync-views")
                .isBetween((long) burst, burst + bound);
        assertThat(spread.accepted() + spread.rateLimited()).isEqualTo(sent);
        assertThat(Math.abs(spread.accepted() - one.accepted())).isLessThanOrEqualTo(bound);
        assertThat(Math.abs(spread.rateLimited() - one.rateLimited())).isLessThanOrEqualTo(bound);
        // Every instance admitted some of the second client's views. (Requests one after another, each of sync-views
        // views, reach the bound exactly: measured 1,100 accepted and 100 rate-limited.)
        assertThat(spread.graphQlAcceptedPerInstance())
                .allSatisfy(n -> assertThat(n).isPositive());
    }

    /**
     * What a client got over one phase: from the accounting (beacons answer 204 either way), and the views each
     * instance's {@code recordViews} answers accepted.
     */
    private record Limited(long accepted, long rateLimited, List<Long> graphQlAcceptedPerInstance) {}

    /**
     * Sends {@code sent} views of distinct readers from one client address in requests of 50, request {@code step}
     * to instance {@code target(step)}; answers what the accounting of the hour from {@code start} gained, after
     * checking that the GraphQL answers add up to its GraphQL part and that every instance reads the same.
     */
    private Limited sendOverTheLimit(
            String address,
            String articleId,
            String visitorPrefix,
            int sent,
            java.util.function.IntUnaryOperator target,
            Instant start)
            throws Exception {
        List<ConfigurableApplicationContext> instances = instances();
        flushAll();
        JsonNode before = statsEverywhere(start).range();
        long graphQlAccepted = 0;
        long graphQlLimited = 0;
        long[] perInstance = new long[instances.size()];
        int visitor = 0;
        for (int step = 0; visitor < sent; step++) {
            int instance = target.applyAsInt(step);
            int port = port(instances.get(instance));
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                batch.add(Map.of("articleId", articleId, "visitorId", visitorPrefix + visitor++));
            }
            JsonNode answer = json.readTree(postFrom(
                                    address,
                                    port,
                                    "/graphql",
                                    "application/json",
                                    json.writeValueAsString(Map.of(
                                            "query",
                                            "mutation($v: [RecordViewInput!]!) {"
                                                    + " recordViews(input: $v) { accepted rateLimited } }",
                                            "variables",
                                            Map.of("v", batch))))
                            .body())
                    .path("data")
                    .path("recordViews");
            long accepted = answer.path("accepted").asLong();
            long limited = answer.path("rateLimited").asLong();
            assertThat(accepted + limited).as(answer.toString()).isEqualTo(45);
            graphQlAccepted += accepted;
            graphQlLimited += limited;
            perInstance[instance] += accepted;
            for (int i = 0; i < 5; i++) {
                String body =
                        "{\"articleId\":\"" + articleId + "\",\"visitorId\":\"" + visitorPrefix + visitor++ + "\"}";
                assertThat(postFrom(address, port, "/views", "text/plain;charset=UTF-8", body)
                                .status())
                        .isEqualTo(204);
            }
        }
        flushAll();
        JsonNode after = statsEverywhere(start).range();
        assertThat(gained(before, after, null, "accepted") + gained(before, after, null, "rateLimited"))
                .isEqualTo(sent);
        assertThat(gained(before, after, null, "duplicates") + gained(before, after, null, "lateDuplicates"))
                .isZero();
        assertThat(gained(before, after, IngestionEntryPoint.GRAPHQL, "accepted"))
                .isEqualTo(graphQlAccepted);
        assertThat(gained(before, after, IngestionEntryPoint.GRAPHQL, "rateLimited"))
                .isEqualTo(graphQlLimited);
        return new Limited(
                gained(before, after, null, "accepted"),
                gained(before, after, null, "rateLimited"),
                java.util.Arrays.stream(perInstance).boxed().toList());
    }

    /** How much a count of the accounting (of one entry point, or of all) grew. */
    private static long gained(JsonNode before, JsonNode after, IngestionEntryPoint entry, String field) {
        return count(after, entry, field) - count(before, entry, field);
    }

    private static long count(JsonNode stats, IngestionEntryPoint entry, String field) {
        if (entry == null) {
            return stats.path(field).asLong();
        }
        for (JsonNode e : stats.path("byEntryPoint")) {
            if (e.path("entryPoint").asText().equals(entry.name())) {
                return e.path(field).asLong();
            }
        }
        return 0;
    }

    private record Answer(int status, String body) {}

    /**
     * One HTTP/1.1 POST from the given loopback address (the JDK's HTTP client cannot choose its address, and the
     * address is the rate limit's key), on a new connection, as a browser.
     */
    private static Answer postFrom(String address, int port, String path, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(address), 0)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUser-Agent: "
                            + AnalyticsFixtures.BROWSER + "\r\nContent-Type: " + type + "\r\nContent-Length: "
                            + bytes.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            byte[] all = socket.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String head = text.substring(0, end).toLowerCase(Locale.ROOT);
            String rest = text.substring(end + 4);
            if (head.contains("transfer-encoding: chunked")) {
                StringBuilder dechunked = new StringBuilder();
                int at = 0;
                while (true) {
                    int eol = rest.indexOf("\r\n", at);
                    int size = Integer.parseInt(rest.substring(at, eol).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    dechunked.append(rest, eol + 2, eol + 2 + size);
                    at = eol + 2 + size + 2;
                }
                rest = dechunked.toString();
            }
            return new Answer(
                    Integer.parseInt(head.substring(9, 12)),
                    new String(rest.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
    }

    /** An article's unique readers per hour over the two hours from {@code start}, over HTTP from one instance. */
    private List<Integer> readersPerHour(ConfigurableApplicationContext instance, long article, Instant start)
            throws Exception {
        String body = json.writeValueAsString(Map.of(
                "query",
                "query($a: ID!, $from: DateTime!, $to: DateTime!) { analytics {"
                        + " viewsOverTime(scope: {article: $a}, bucket: HOUR, from: $from, to: $to) { readers } } }",
                "variables",
                Map.of(
                        "a",
                        AnalyticsFixtures.id(article),
                        "from",
                        start.toString(),
                        "to",
                        start.plusSeconds(7200).toString())));
        String token = Tokens.token("redaksi", List.of("EDITOR"), Duration.ofMinutes(10), Tokens.SECRET);
        JsonNode answer = json.readTree(send(port(instance), "/graphql", "application/json", body, null, token)
                .body());
        assertThat(answer.path("errors").isMissingNode()).as(answer.toString()).isTrue();
        List<Integer> readers = new ArrayList<>();
        answer.path("data")
                .path("analytics")
                .path("viewsOverTime")
                .forEach(p -> readers.add(p.path("readers").asInt()));
        return readers;
    }

    private record Reader(String visitorId, String userAgent) {}

    private record View(Reader reader, long article) {}

    /** What the service should decide: each instance's memory of (article, slot, reader), and the database's. */
    private final class Model {

        private final List<Set<String>> memory = List.of(new HashSet<>(), new HashSet<>(), new HashSet<>());

        private final Set<String> database = new HashSet<>();

        private final Map<IngestionEntryPoint, Map<IngestionOutcome, Long>> counts =
                new EnumMap<>(IngestionEntryPoint.class);

        /** The in-memory answer for a view sent to an instance, recording the final outcome. */
        ViewOutcome decide(int instance, IngestionEntryPoint entry, View view, long slot) {
            String key = view.article() + "/" + slot + "/" + view.reader();
            IngestionOutcome outcome;
            ViewOutcome answer;
            if (!memory.get(instance).add(key)) {
                outcome = IngestionOutcome.DUPLICATE;
                answer = ViewOutcome.DUPLICATE;
            } else {
                outcome = database.add(key) ? IngestionOutcome.ACCEPTED : IngestionOutcome.LATE_DUPLICATE;
                answer = ViewOutcome.ACCEPTED;
            }
            counts.computeIfAbsent(entry, e -> new EnumMap<>(IngestionOutcome.class))
                    .merge(outcome, 1L, Long::sum);
            return answer;
        }

        /** A view outside the readers' rounds. */
        void count(IngestionEntryPoint entry, IngestionOutcome outcome) {
            counts.computeIfAbsent(entry, e -> new EnumMap<>(IngestionOutcome.class))
                    .merge(outcome, 1L, Long::sum);
        }

        void forget(int instance) {
            memory.get(instance).clear();
        }

        long total(IngestionOutcome outcome) {
            return counts.values().stream()
                    .mapToLong(m -> m.getOrDefault(outcome, 0L))
                    .sum();
        }

        JsonNode expected() {
            Map<String, Object> stats = new HashMap<>(counts(null));
            List<Map<String, Object>> entries = new ArrayList<>();
            for (IngestionEntryPoint entry : IngestionEntryPoint.values()) {
                Map<String, Object> e = new HashMap<>(counts(entry));
                e.put("entryPoint", entry.name());
                entries.add(e);
            }
            stats.put("byEntryPoint", entries);
            return json.valueToTree(stats);
        }

        private Map<String, Object> counts(IngestionEntryPoint entry) {
            // Ints, as the answers' numbers are read.
            java.util.function.ToIntFunction<IngestionOutcome> n = o -> (int)
                    (entry == null
                            ? total(o)
                            : counts.getOrDefault(entry, Map.of()).getOrDefault(o, 0L));
            return Map.of(
                    "accepted",
                    n.applyAsInt(IngestionOutcome.ACCEPTED),
                    "duplicates",
                    n.applyAsInt(IngestionOutcome.DUPLICATE),
                    "lateDuplicates",
                    n.applyAsInt(IngestionOutcome.LATE_DUPLICATE),
                    "bots",
                    0,
                    "rejected",
                    0,
                    "rateLimited",
                    0);
        }
    }

    /** Sends every view once, at {@code at} on every instance's clock, then lets every instance write. */
    private void round(List<View> views, int round, Instant at, Model model) throws Exception {
        List<ConfigurableApplicationContext> instances = instances();
        for (ApplicationContext instance : instances) {
            instance.getBean(TestClock.Settable.class).set(at);
        }
        long slot = at.getEpochSecond() - Math.floorMod(at.getEpochSecond(), 1800L);
        for (int k = 0; k < views.size(); k++) {
            View view = views.get(k);
            int target = (k + round) % 3;
            boolean beacon = (k + round) % 2 == 0;
            ViewOutcome expected =
                    model.decide(target, beacon ? IngestionEntryPoint.BEACON : IngestionEntryPoint.GRAPHQL, view, slot);
            int port = port(instances.get(target));
            String articleId = AnalyticsFixtures.id(view.article());
            if (beacon) {
                String body = "{\"articleId\":\"" + articleId + "\""
                        + (view.reader().visitorId() == null
                                ? ""
                                : ",\"visitorId\":\"" + view.reader().visitorId() + "\"")
                        + "}";
                HttpResponse<String> answer = send(port, "/views", "text/plain;charset=UTF-8", body, view, null);
                assertThat(answer.statusCode()).as("round %d view %d", round, k).isEqualTo(204);
            } else {
                Map<String, Object> input = new HashMap<>();
                input.put("articleId", articleId);
                if (view.reader().visitorId() != null) {
                    input.put("visitorId", view.reader().visitorId());
                }
                String body = json.writeValueAsString(Map.of(
                        "query",
                        "mutation($v: [RecordViewInput!]!) { recordViews(input: $v) { accepted duplicates } }",
                        "variables",
                        Map.of("v", List.of(input))));
                JsonNode answer = json.readTree(send(port, "/graphql", "application/json", body, view, null)
                                .body())
                        .path("data")
                        .path("recordViews");
                assertThat(answer.path(expected == ViewOutcome.ACCEPTED ? "accepted" : "duplicates")
                                .asInt())
                        .as("round %d view %d on instance %d: %s", round, k, target, expected)
                        .isEqualTo(1);
            }
        }
        flushAll();
    }

    private record Stats(JsonNode range, JsonNode today) {}

    /** The accounting of the test's two hours and of TODAY, asked over HTTP from every instance: all alike. */
    private Stats statsEverywhere(Instant start) throws Exception {
        String fields = "accepted duplicates lateDuplicates bots rejected rateLimited"
                + " byEntryPoint { entryPoint accepted duplicates lateDuplicates bots rejected rateLimited }";
        String query = "query($from: DateTime, $to: DateTime) { analytics {"
                + " range: ingestion(from: $from, to: $to) { " + fields + " }"
                + " today: ingestion(window: TODAY) { " + fields + " } } }";
        String body = json.writeValueAsString(Map.of(
                "query",
                query,
                "variables",
                Map.of("from", start.toString(), "to", start.plusSeconds(7200).toString())));
        String token = Tokens.token("redaksi", List.of("EDITOR"), Duration.ofMinutes(10), Tokens.SECRET);
        List<JsonNode> answers = new ArrayList<>();
        for (ConfigurableApplicationContext instance : instances()) {
            JsonNode answer = json.readTree(send(port(instance), "/graphql", "application/json", body, null, token)
                    .body());
            assertThat(answer.path("errors").isMissingNode())
                    .as(answer.toString())
                    .isTrue();
            answers.add(answer.path("data").path("analytics"));
        }
        assertThat(answers.get(1)).isEqualTo(answers.get(0));
        assertThat(answers.get(2)).isEqualTo(answers.get(0));
        return new Stats(answers.get(0).path("range"), answers.get(0).path("today"));
    }

    private HttpResponse<String> send(int port, String path, String type, String body, View view, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", type)
                .header(
                        "User-Agent",
                        view == null ? AnalyticsFixtures.BROWSER : view.reader().userAgent())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<ConfigurableApplicationContext> instances() {
        return List.of((ConfigurableApplicationContext) context, second, third);
    }

    private static int port(ApplicationContext instance) {
        return Integer.parseInt(instance.getEnvironment().getProperty("local.server.port"));
    }

    /** The stored sketches of an article's section, all hours: their writers, and their union's estimate. */
    private record JooqSketches(List<Object> writers, long estimate) {

        JooqSketches(ApplicationContext context, long article) {
            this(context.getBean(org.jooq.DSLContext.class).fetch("""
                    select s.writer, s.sketch from reader_sketch_hourly s join article a on a.section_id = s.scope_id
                    where s.scope_kind = 'SECTION' and a.id = ?
                    """, article));
        }

        private JooqSketches(org.jooq.Result<org.jooq.Record> rows) {
            this(rows.stream().map(r -> r.get(0)).distinct().toList(), merged(rows));
        }

        private static long merged(org.jooq.Result<org.jooq.Record> rows) {
            ReaderSketch.Merged union = new ReaderSketch.Merged();
            rows.forEach(r -> union.add(r.get(1, byte[].class)));
            return union.estimate();
        }
    }

    private void flushAll() {
        for (ApplicationContext instance : instances()) {
            instance.getBean(ViewFlusher.class).flush();
        }
    }
}
