package news.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import news.HttpTestBase;
import news.IntegrationTest;
import news.RawWebSocket;
import news.TestClock;
import news.Tokens;
import news.graphql.GlobalId;
import news.section.SectionDirectory;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;

/**
 * {@code Subscription.articlePublished} over a real WebSocket (graphql-transport-ws at /graphql-ws): a reader's
 * connection, without a token, receives an article published now at once and a scheduled one at its time, never a
 * draft and never a scheduled article before its time.
 */
@IntegrationTest
class ArticlePublishedTest extends HttpTestBase {

    @Autowired
    DSLContext dsl;

    @Autowired
    SectionDirectory sections;

    @Autowired
    PublishedArticles published;

    @Autowired
    TestClock.Settable clock;

    @Autowired
    ExecutionGraphQlService service;

    @Autowired
    MeterRegistry registry;

    HttpGraphQlTester editor;

    String section;

    String reporter;

    @BeforeEach
    void setUp() {
        Fixtures fixtures = new Fixtures(dsl);
        section = Fixtures.unique("langsung");
        reporter = Fixtures.unique("wartawan");
        fixtures.section(section, "Langsung " + section, "berita");
        fixtures.reporter(reporter, "Wartawan " + reporter);
        sections.invalidate();
        editor = graphQlClient().mutate().headers(Tokens.editor("ani")).build();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void articlePublished_deliversNewlyPublicArticles_neverDraftsNorScheduledOnesBeforeTheirTime() throws Exception {
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        WebSocketGraphQlClient reader = WebSocketGraphQlClient.builder(
                        "ws://localhost:" + port + "/graphql-ws", new StandardWebSocketClient())
                .build();
        Disposable subscription = reader.document(
                        "subscription($section: String) { articlePublished(section: $section) { id headline } }")
                .variable("section", section)
                .executeSubscription()
                .subscribe(response -> received.add(new Received(Instant.now(), (String)
                        response.field("articlePublished.id").getValue())));
        try {
            // The subscription is in place once the WebSocket connection answers a query on it.
            assertThat(reader.document("{ __typename }")
                            .execute()
                            .block(Duration.ofSeconds(10))
                            .isValid())
                    .isTrue();
            Thread.sleep(500);

            String draft = create("Draf yang tidak pernah terbit");
            String later = create("Terjadwal untuk besok");
            schedule(later, Instant.now().plus(Duration.ofDays(1)));
            String scheduled = create("Terjadwal beberapa detik lagi");
            Instant publishAt = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
            schedule(scheduled, publishAt);
            String now = create("Terbit sekarang");
            publish(now);

            Received first = received.poll(10, TimeUnit.SECONDS);
            assertThat(first).as("the article published now").isNotNull();
            assertThat(first.id()).isEqualTo(now);

            Received second = received.poll(15, TimeUnit.SECONDS);
            assertThat(second).as("the scheduled article, at its time").isNotNull();
            assertThat(second.id()).isEqualTo(scheduled);
            assertThat(second.at()).as("not before its publish time").isAfterOrEqualTo(publishAt);

            // Nothing else: not the draft, not the article scheduled for tomorrow, not the others a second time.
            publishAgainAsEdit(now);
            assertThat(received.poll(3, TimeUnit.SECONDS)).isNull();
            assertThat(List.of(draft, later)).doesNotContain(first.id(), second.id());
        } finally {
            subscription.dispose();
            reader.stop().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void articlePublished_followsTheApplicationClockOfThePublishTime() throws Exception {
        // The newsroom stamps publish times from the application clock; an article published "now" by that clock is
        // news, whatever the wall clock says.
        Instant then = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        clock.set(then);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocketGraphQlClient reader = WebSocketGraphQlClient.builder(
                        "ws://localhost:" + port + "/graphql-ws", new StandardWebSocketClient())
                .build();
        Disposable subscription = reader.document(
                        "subscription($section: String) { articlePublished(section: $section) { id publishedAt } }")
                .variable("section", section)
                .executeSubscription()
                .subscribe(response ->
                        received.add(response.field("articlePublished.id").getValue() + " "
                                + response.field("articlePublished.publishedAt").getValue()));
        try {
            assertThat(reader.document("{ __typename }")
                            .execute()
                            .block(Duration.ofSeconds(10))
                            .isValid())
                    .isTrue();
            Thread.sleep(500);
            String id = create("Terbit menurut jam aplikasi");
            publish(id);

            String got = received.poll(10, TimeUnit.SECONDS);
            assertThat(got).isNotNull().startsWith(id + " ");
            assertThat(OffsetDateTime.parse(got.substring(id.length() + 1)).toInstant())
                    .isEqualTo(then);
        } finally {
            subscription.dispose();
            reader.stop().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void articlePublished_isAnnouncedOnEveryShardsThread_inOrder_notOnThePublishersThread() throws Exception {
        // Subscribers are dealt to one shard per processor, each announcing on its own thread; every subscriber
        // still receives every article, in the order they were published.
        int processors = Runtime.getRuntime().availableProcessors();
        int subscribers = 2 * processors;
        List<BlockingQueue<String>> received = new ArrayList<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Disposable> subscriptions = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            BlockingQueue<String> queue = new LinkedBlockingQueue<>();
            received.add(queue);
            subscriptions.add(published.published(section).subscribe(article -> {
                threads.add(Thread.currentThread().getName());
                queue.add(Long.toString(article.id()));
            }));
        }
        try {
            String first = create("Terbit pertama");
            String second = create("Terbit kedua");
            publish(first);
            publish(second);
            List<String> expected = List.of(
                    Long.toString(GlobalId.decode(first, "Article", "id")),
                    Long.toString(GlobalId.decode(second, "Article", "id")));
            for (BlockingQueue<String> queue : received) {
                List<String> got = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    got.add(queue.poll(10, TimeUnit.SECONDS));
                }
                assertThat(got).isEqualTo(expected);
            }
            assertThat(threads).allMatch(name -> name.startsWith("live-announce-"));
            assertThat(threads).hasSizeGreaterThanOrEqualTo(Math.min(2, processors));
        } finally {
            subscriptions.forEach(Disposable::dispose);
        }
    }

    @Test
    void readersAskingTheSameThing_shareOneExecutionPerShard_editorsDoNot_andEachReceivesEveryArticle()
            throws Exception {
        SharedSubscriptions shared = (SharedSubscriptions) service;
        // Subscriptions of earlier tests in the shared context end when their connections have closed: let them.
        long settled = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (shared.running() > 0 && System.nanoTime() < settled) {
            Thread.sleep(20);
        }
        int before = shared.running();
        int subscriptionsBefore = shared.subscribers();
        String same = "subscription { articlePublished(section: \"" + section + "\") { id headline } }";
        String other = "subscription { articlePublished(section: \"" + section + "\") { id } }";
        RawWebSocket a = RawWebSocket.connect(port, true).init(Map.of());
        RawWebSocket b = RawWebSocket.connect(port, true).init(Map.of());
        RawWebSocket editorSocket = RawWebSocket.connect(port, true)
                .init(Map.of(
                        "Authorization",
                        "Bearer " + Tokens.token("ani", List.of("EDITOR"), Duration.ofHours(1), Tokens.SECRET)));
        try {
            a.subscribe("1", same);
            a.subscribe("2", same);
            b.subscribe("1", same);
            b.subscribe("2", same);
            a.subscribe("3", other);
            editorSocket.subscribe("1", same);
            // Four readers of one document over the shards, one reader of another; the editor runs alone.
            int groups = Math.min(4, PublishedArticles.shards()) + 1;
            awaitRunning(shared, before + groups);
            // Five readers' subscriptions (the editor's is not shared; a reader joining a running execution may
            // arrive after it started), and at least these three connections.
            awaitGauge("news.live.shared.subscriptions", subscriptionsBefore + 5);
            assertThat(gauge("news.live.connections")).isGreaterThanOrEqualTo(3);
            editorSocket.subscribe("q", "{ __typename }");
            assertThat(editorSocket.next("q", Duration.ofSeconds(10))).isNotNull();
            Thread.sleep(500);

            String first = create("Terbit untuk semua pembaca");
            publish(first);
            Map<String, String> onA = articles(a, 3);
            Map<String, String> onB = articles(b, 2);
            Map<String, String> onEditor = articles(editorSocket, 1);
            assertThat(onA).isEqualTo(Map.of("1", first, "2", first, "3", first));
            assertThat(onB).isEqualTo(Map.of("1", first, "2", first));
            assertThat(onEditor).isEqualTo(Map.of("1", first));
            assertThat(shared.running()).isEqualTo(before + groups);

            // One reader leaving does not stop the others of its execution.
            a.send(Map.of("type", "complete", "id", "1"));
            awaitGauge("news.live.shared.subscriptions", subscriptionsBefore + 4);
            String second = create("Terbit kedua untuk pembaca");
            publish(second);
            assertThat(articles(a, 2)).isEqualTo(Map.of("2", second, "3", second));
            assertThat(articles(b, 2)).isEqualTo(Map.of("1", second, "2", second));

            // When the last reader of an execution leaves it ends; a new reader starts a new one.
            for (String id : List.of("2", "3")) {
                a.send(Map.of("type", "complete", "id", id));
            }
            for (String id : List.of("1", "2")) {
                b.send(Map.of("type", "complete", "id", id));
            }
            awaitRunning(shared, before);
            a.subscribe("4", same);
            awaitRunning(shared, before + 1);
            String third = create("Terbit ketiga untuk pembaca");
            publish(third);
            assertThat(articles(a, 1)).isEqualTo(Map.of("4", third));
        } finally {
            a.abort();
            b.abort();
            editorSocket.abort();
        }
        awaitRunning(shared, before);
    }

    /** Waits for the number of shared executions an operator sees in the metrics to be {@code expected}. */
    private void awaitRunning(SharedSubscriptions shared, int expected) throws InterruptedException {
        awaitGauge("news.live.shared.executions", expected);
        assertThat(shared.running()).as("executions shared by readers").isEqualTo(expected);
    }

    private void awaitGauge(String name, int expected) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (gauge(name) != expected && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(gauge(name)).as(name).isEqualTo(expected);
    }

    private int gauge(String name) {
        return (int) registry.get(name).gauge().value();
    }

    /** The article of the next {@code count} events on the socket, by operation id. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> articles(RawWebSocket socket, int count) {
        Map<String, String> byId = new HashMap<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> message = socket.next(Duration.ofSeconds(10));
            if (message != null && "complete".equals(message.get("type")) && "q".equals(message.get("id"))) {
                // The end of the query that checked the connection.
                message = socket.next(Duration.ofSeconds(10));
            }
            assertThat(message).as("event " + (i + 1) + " of " + count).isNotNull();
            assertThat(message.get("type")).as(message.toString()).isEqualTo("next");
            Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) message.get("payload")).get("data");
            byId.put((String) message.get("id"), (String)
                    ((Map<String, Object>) data.get("articlePublished")).get("id"));
        }
        return byId;
    }

    private record Received(Instant at, String id) {}

    private String create(String headline) {
        Map<String, Object> input = new HashMap<>();
        input.put("headline", headline + " " + Fixtures.unique("x"));
        input.put("section", section);
        input.put("reporters", List.of(reporter));
        input.put("image", Map.of("url", "/media/uji.jpg", "caption", "Foto uji", "credit", "Net"));
        input.put("body", List.of(Map.of("type", "PARAGRAPH", "text", "Isi berita uji.")));
        return article("createArticle", "CreateArticleInput", input).get("id").toString();
    }

    private void publish(String id) {
        article("publishArticle", "ArticleVersionInput", Map.of("id", id, "version", 1));
    }

    private void schedule(String id, Instant at) {
        article(
                "scheduleArticle",
                "ScheduleArticleInput",
                Map.of(
                        "id",
                        id,
                        "version",
                        1,
                        "publishAt",
                        at.atOffset(ZoneOffset.UTC).toString()));
    }

    /** An edit of a published article announces a visible change, which is not a new publication. */
    private void publishAgainAsEdit(String id) {
        article("updateArticle", "UpdateArticleInput", Map.of("id", id, "version", 2, "summary", "Ringkasan baru."));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> article(String mutation, String type, Map<String, Object> input) {
        Map<String, Object> result = editor.document("mutation($input: " + type + "!) { " + mutation
                        + "(input: $input) { __typename ... on ArticlePayload { article { id version } }"
                        + " ... on ValidationFailed { errors { field code message } } } }")
                .variable("input", input)
                .execute()
                .path(mutation)
                .entity(Map.class)
                .get();
        assertThat(result.get("__typename")).as(mutation + ": " + result).isEqualTo("ArticlePayload");
        return (Map<String, Object>) result.get("article");
    }
}
