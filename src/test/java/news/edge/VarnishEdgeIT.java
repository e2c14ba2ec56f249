package news.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import news.DrillIntegrationTest;
import news.HttpTestBase;
import news.PurgeTargets;
import news.edge.EdgeNewsroom.Answer;
import news.edge.EdgeNewsroom.Draft;
import news.edge.EdgeNewsroom.Timed;
import news.section.SectionDirectory;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The service behind a real Varnish (Debian's {@code varnish} with {@code varnish-modules}' xkey) with the VCL the
 * repository ships ({@code varnish/news.vcl}), purged by the built-in Varnish target: every write is visible, or gone,
 * through Varnish within 2 s, also where Varnish held a {@code null} answer or a search before it. Varnish listens
 * where the shared drill context purges ({@link PurgeTargets.Varnish}). Skipped where
 * {@code varnishd} is not installed, unless {@code NEWS_REQUIRE_VARNISH} is set (as {@code .ci/run} does).
 */
@DrillIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VarnishEdgeIT extends HttpTestBase {

    static final Path VARNISHD = Path.of("/usr/sbin/varnishd");

    static final Duration WITHIN = Duration.ofSeconds(2);

    static final String BY_SLUG = "query BySlug($slug: String!) { article(slug: $slug) { id headline } }";

    static final String SEARCH =
            "query Find($q: String!) { search(query: $q) { totalCount edges { node { snippet } } } }";

    @Autowired
    DSLContext dsl;

    @Autowired
    SectionDirectory sections;

    /** Where the shared drill context sends its Varnish purges; varnishd listens there while this test runs. */
    @Autowired
    PurgeTargets.Varnish purged;

    Process varnish;

    Path workDir;

    EdgeNewsroom newsroom;

    @BeforeAll
    void startVarnish() throws Exception {
        boolean installed = Files.isExecutable(VARNISHD);
        if (System.getenv("NEWS_REQUIRE_VARNISH") != null) {
            assertThat(installed)
                    .as("varnishd is required (apt-get install varnish varnish-modules)")
                    .isTrue();
        }
        Assumptions.assumeTrue(
                installed, "varnishd is not installed here: apt-get install varnish varnish-modules (.ci/run does)");
        workDir = Files.createTempDirectory("news-varnish");
        // The world must reach the working directory: varnishd's child runs as its own user.
        workDir.toFile().setReadable(true, false);
        workDir.toFile().setExecutable(true, false);
        String vcl;
        try (InputStream shipped = getClass().getResourceAsStream("/varnish/news.vcl")) {
            assertThat(shipped)
                    .as("the VCL shipped in src/main/resources/varnish")
                    .isNotNull();
            vcl = new String(shipped.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(vcl).contains(".port = \"8080\";");
        Path vclFile = workDir.resolve("news.vcl");
        Files.writeString(vclFile, vcl.replace(".port = \"8080\";", ".port = \"" + port + "\";"));
        vclFile.toFile().setReadable(true, false);
        varnish = new ProcessBuilder(
                        VARNISHD.toString(),
                        "-F",
                        "-n",
                        workDir.resolve("instance").toString(),
                        "-a",
                        "127.0.0.1:" + purged.port(),
                        "-f",
                        vclFile.toString(),
                        "-s",
                        "malloc,64m",
                        "-p",
                        "default_grace=0")
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("varnishd.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", purged.port())) {
                break;
            } catch (IOException ex) {
                if (!varnish.isAlive() || System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(
                            "varnishd did not start: " + Files.readString(workDir.resolve("varnishd.log")));
                }
                Thread.sleep(100);
            }
        }
        newsroom = new EdgeNewsroom(port, dsl, sections);
    }

    @AfterAll
    void stopVarnish() throws Exception {
        if (varnish != null) {
            varnish.destroy();
            if (!varnish.waitFor(10, TimeUnit.SECONDS)) {
                varnish.destroyForcibly();
            }
        }
    }

    String varnish() {
        return "http://127.0.0.1:" + purged.port();
    }

    /**
     * Asks Varnish until it answers from its copy (a purge of a write just made may still land in between and drop
     * the first copy), and answers that copy.
     */
    Answer cached(String query, Map<String, Object> variables) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Answer first = EdgeNewsroom.get(varnish(), query, variables);
            assertThat(first.status()).isEqualTo(200);
            Answer second = EdgeNewsroom.get(varnish(), query, variables);
            if ("HIT".equals(second.header("X-Cache"))
                    && second.response().body().equals(first.response().body())) {
                return second;
            }
            assertThat(System.nanoTime() - deadline).as("kept by Varnish").isNegative();
        }
    }

    static boolean showsArticle(Answer answer, Draft draft) {
        return draft.id().equals(answer.body().at("/data/article/id").asString(null));
    }

    static boolean noArticle(Answer answer) {
        return answer.status() == 200 && answer.body().at("/data/article").isNull();
    }

    void assertWithin(Timed timed, String what) {
        assertThat(timed.satisfied())
                .as(what + " through Varnish; last answer "
                        + timed.answer().response().body())
                .isTrue();
        assertThat(timed.took()).as(what).isLessThanOrEqualTo(WITHIN);
    }

    @Test
    void publish_thenRepublish_areVisibleThroughVarnishWithin2s() {
        Draft draft = newsroom.create("Tepi varnish: terbit", "Isi berita uji.");
        Map<String, Object> bySlug = Map.of("slug", draft.slug());
        assertThat(noArticle(cached(BY_SLUG, bySlug))).isTrue();

        Draft published = newsroom.publish(draft);
        assertWithin(EdgeNewsroom.await(varnish(), BY_SLUG, bySlug, a -> showsArticle(a, draft), WITHIN), "published");
        assertThat(showsArticle(cached(BY_SLUG, bySlug), draft)).isTrue();

        Draft unpublished = newsroom.unpublish(published);
        assertWithin(EdgeNewsroom.await(varnish(), BY_SLUG, bySlug, VarnishEdgeIT::noArticle, WITHIN), "unpublished");
        assertThat(noArticle(cached(BY_SLUG, bySlug))).isTrue();

        Draft republished = newsroom.publish(unpublished);
        assertWithin(
                EdgeNewsroom.await(varnish(), BY_SLUG, bySlug, a -> showsArticle(a, draft), WITHIN), "republished");
        newsroom.archive(republished);
    }

    @Test
    void scheduledArticleFallingDue_isVisibleThroughVarnishWithin2sOfItsTime() throws Exception {
        Draft draft = newsroom.create("Tepi varnish: terjadwal", "Isi berita uji.");
        Map<String, Object> bySlug = Map.of("slug", draft.slug());
        Instant at = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        Draft scheduled = newsroom.schedule(draft, at);
        assertThat(noArticle(cached(BY_SLUG, bySlug))).isTrue();

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), at).toMillis()));
        assertWithin(EdgeNewsroom.await(varnish(), BY_SLUG, bySlug, a -> showsArticle(a, draft), WITHIN), "fallen due");
        newsroom.archive(new Draft(scheduled.id(), scheduled.slug(), scheduled.version()));
    }

    @Test
    void archive_isGoneThroughVarnishWithin2s_fromTheArticlePageAndFromSearch() {
        String word = "tepivarnish" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "");
        Draft article = newsroom.publish(newsroom.create("Tepi varnish: arsip", "Kata " + word + " di sini."));
        Map<String, Object> bySlug = Map.of("slug", article.slug());
        Map<String, Object> find = Map.of("q", word);
        assertThat(showsArticle(cached(BY_SLUG, bySlug), article)).isTrue();
        assertThat(cached(SEARCH, find).body().at("/data/search/totalCount").asInt())
                .isEqualTo(1);

        newsroom.archive(article);
        assertWithin(EdgeNewsroom.await(varnish(), BY_SLUG, bySlug, VarnishEdgeIT::noArticle, WITHIN), "archived");
        assertWithin(
                EdgeNewsroom.await(
                        varnish(),
                        SEARCH,
                        find,
                        a -> a.body().at("/data/search/totalCount").asInt(-1) == 0,
                        WITHIN),
                "archived, in search");
    }
}
