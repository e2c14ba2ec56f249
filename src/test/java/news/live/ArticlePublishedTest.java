package news.live;

import static org.assertj.core.api.Assertions.assertThat;

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
