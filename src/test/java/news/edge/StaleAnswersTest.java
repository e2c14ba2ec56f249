package news.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import news.HttpTestBase;
import news.IntegrationTest;
import news.edge.EdgeNewsroom.Answer;
import news.edge.EdgeNewsroom.Draft;
import news.section.SectionDirectory;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;

/**
 * Answers must not outlive the writes that change them. Each test first has an anonymous GET answer kept (at the
 * origin's response cache; a CDN keeps the same answer under the same keys), then makes the write, then asks again:
 * a {@code null} article page must show the article once it is published, a search must lose an archived article's
 * hit and count, and a scheduled article falling due must be purged, dropped and announced like a publish.
 */
@IntegrationTest
class StaleAnswersTest extends HttpTestBase {

    static final String BY_SLUG = "query BySlug($slug: String!) { article(slug: $slug) { id headline } }";

    static final String BY_NODE = "query ByNode($id: ID!) { node(id: $id) { id ... on Article { headline } } }";

    static final String SEARCH =
            "query Find($q: String!) { search(query: $q) { totalCount edges { node { snippet } } } }";

    @Autowired
    DSLContext dsl;

    @Autowired
    SectionDirectory sections;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ConfigurableApplicationContext context;

    EdgeNewsroom newsroom;

    final BlockingQueue<CachePurge> purges = new LinkedBlockingQueue<>();

    final ApplicationListener<ApplicationEvent> purgeListener = event -> {
        if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof CachePurge purge) {
            purges.add(purge);
        }
    };

    String base() {
        return "http://localhost:" + port;
    }

    @BeforeEach
    void setUp() {
        newsroom = new EdgeNewsroom(port, dsl, sections);
        context.addApplicationListener(purgeListener);
    }

    @AfterEach
    void tearDown() {
        context.removeApplicationListener(purgeListener);
    }

    double cacheHits() {
        return meters.get("news.edge.response.cache")
                .tag("result", "hit")
                .counter()
                .count();
    }

    /** Asks twice; the second answer must come from the origin's cache, so the test proves it was kept. */
    Answer kept(String query, Map<String, Object> variables) {
        Answer first = EdgeNewsroom.get(base(), query, variables);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Cache-Control")).startsWith("public, max-age=");
        double hits = cacheHits();
        Answer second = EdgeNewsroom.get(base(), query, variables);
        assertThat(cacheHits()).as("served from the response cache").isEqualTo(hits + 1);
        assertThat(second.response().body()).isEqualTo(first.response().body());
        return first;
    }

    CachePurge purgeNaming(String key, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() - deadline < 0) {
            CachePurge purge =
                    purges.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (purge != null && purge.keys().contains(key)) {
                return purge;
            }
        }
        return null;
    }

    @Test
    void nullArticleAnswer_thenPublish_showsTheArticle_andTheNullAnswerCarriesTheKeysOfWhatItAskedFor()
            throws Exception {
        Draft draft = newsroom.create("Tepi: null lalu terbit", "Isi berita uji.");
        Map<String, Object> bySlug = Map.of("slug", draft.slug());
        Map<String, Object> byNode = Map.of("id", draft.id());

        Answer nullBySlug = kept(BY_SLUG, bySlug);
        assertThat(nullBySlug.body().at("/data/article").isNull()).isTrue();
        assertThat(nullBySlug.keys()).contains("news", "article-slug-" + draft.slug());
        Answer nullByNode = kept(BY_NODE, byNode);
        assertThat(nullByNode.body().at("/data/node").isNull()).isTrue();
        assertThat(nullByNode.keys()).contains("news", "article-" + draft.key());

        Draft published = newsroom.publish(draft);

        Answer page = EdgeNewsroom.get(base(), BY_SLUG, bySlug);
        assertThat(page.body().at("/data/article/id").asString()).isEqualTo(draft.id());
        assertThat(page.keys()).contains("article-" + draft.key(), "article-slug-" + draft.slug());
        Answer node = EdgeNewsroom.get(base(), BY_NODE, byNode);
        assertThat(node.body().at("/data/node/id").asString()).isEqualTo(draft.id());

        // The CDN is told the same keys the origin dropped.
        CachePurge purge = purgeNaming("article-slug-" + draft.slug(), Duration.ofSeconds(10));
        assertThat(purge).as("a purge naming the slug").isNotNull();
        assertThat(purge.keys()).contains("article-" + draft.key(), "list-search", "list-latest");

        newsroom.archive(published);
        assertThat(EdgeNewsroom.get(base(), BY_SLUG, bySlug)
                        .body()
                        .at("/data/article")
                        .isNull())
                .isTrue();
    }

    @Test
    void searchAfterArchive_losesTheArchivedArticlesHitAndCount() throws Exception {
        String word = "tepiarsip" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "");
        Draft article = newsroom.publish(newsroom.create("Tepi: arsip", "Kata " + word + " hanya di sini."));
        Map<String, Object> find = Map.of("q", word);

        Answer before = kept(SEARCH, find);
        assertThat(before.body().at("/data/search/totalCount").asInt()).isEqualTo(1);
        assertThat(before.body().at("/data/search/edges/0/node/snippet").asString())
                .contains(word);
        assertThat(before.keys()).contains("list-search");

        newsroom.archive(article);

        Answer after = EdgeNewsroom.get(base(), SEARCH, find);
        assertThat(after.body().at("/data/search/totalCount").asInt()).isZero();
        assertThat(after.body().at("/data/search/edges").size()).isZero();
        assertThat(purgeNaming("list-search", Duration.ofSeconds(10))).isNotNull();
    }

    @Test
    void scheduledArticleFallingDue_isPurgedDroppedAndAnnounced_likeAPublish() throws Exception {
        BlockingQueue<String> announced = new LinkedBlockingQueue<>();
        WebSocketGraphQlClient reader = WebSocketGraphQlClient.builder(
                        "ws://localhost:" + port + "/graphql-ws", new StandardWebSocketClient())
                .build();
        Disposable subscription = reader.document(
                        "subscription($section: String) { articlePublished(section: $section) { id } }")
                .variable("section", newsroom.section)
                .executeSubscription()
                .subscribe(response ->
                        announced.add(response.field("articlePublished.id").getValue()));
        try {
            assertThat(reader.document("{ __typename }")
                            .execute()
                            .block(Duration.ofSeconds(10))
                            .isValid())
                    .isTrue();
            Draft draft = newsroom.create("Tepi: terjadwal", "Isi berita uji.");
            Map<String, Object> bySlug = Map.of("slug", draft.slug());
            Instant publishAt = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
            newsroom.schedule(draft, publishAt);
            Answer before = kept(BY_SLUG, bySlug);
            assertThat(before.body().at("/data/article").isNull()).isTrue();

            CachePurge purge = purgeNaming("article-" + draft.key(), Duration.ofSeconds(15));
            assertThat(purge).as("a purge when the article fell due").isNotNull();
            assertThat(Instant.now()).isAfterOrEqualTo(publishAt);
            assertThat(purge.keys()).contains("article-slug-" + draft.slug(), "list-latest");

            // The origin dropped its null answer with the same keys.
            Answer after = EdgeNewsroom.get(base(), BY_SLUG, bySlug);
            assertThat(after.body().at("/data/article/id").asString()).isEqualTo(draft.id());

            assertThat(announced.poll(10, TimeUnit.SECONDS)).isEqualTo(draft.id());
            // Once: no second purge or announcement for the same article.
            assertThat(purgeNaming("article-" + draft.key(), Duration.ofSeconds(2)))
                    .isNull();
            assertThat(announced.poll(1, TimeUnit.SECONDS)).isNull();
            newsroom.archive(new Draft(draft.id(), draft.slug(), draft.version() + 1));
        } finally {
            subscription.dispose();
            reader.stop().block(Duration.ofSeconds(5));
        }
    }
}
