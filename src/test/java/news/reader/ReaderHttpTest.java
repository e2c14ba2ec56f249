package news.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import news.HttpTestBase;
import news.IntegrationTest;
import news.section.SectionDirectory;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reader page and the beacon over plain HTTP: statuses (404 for unknown paths and for drafts, 301 from a former
 * slug), the caching headers (surrogate keys that a newsroom write purges), the policy, and that an edit reaches a page
 * the origin has kept; {@code /beacon.js} as other sites load it, and {@code POST /views} from another site's page.
 */
@IntegrationTest
class ReaderHttpTest extends HttpTestBase {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Autowired
    DSLContext dsl;

    @Autowired
    SectionDirectory sections;

    @Autowired
    MeterRegistry meters;

    ReaderNewsroom newsroom;

    @BeforeEach
    void newsroom() {
        newsroom = new ReaderNewsroom(port, dsl, sections);
    }

    @Test
    void publishedArticle_isAPublicCacheablePage_withItsKeysAndAStrictPolicy() {
        ReaderNewsroom.Written article = newsroom.publish(newsroom.create("Menteri meninjau pelabuhan"));

        HttpResponse<String> page = get(article.url(), Map.of());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(header(page, "Content-Type")).isEqualTo("text/html;charset=UTF-8");
        // As long as a list answer: the page shows the Populer and UPDATE lists.
        assertThat(header(page, "Cache-Control")).isEqualTo("public, max-age=30, stale-while-revalidate=60");
        assertThat(header(page, "Content-Security-Policy"))
                .isEqualTo(ReaderController.POLICY)
                .contains("script-src 'self'", "default-src 'none'")
                .doesNotContain("unsafe");
        List<String> keys = List.of(header(page, "Surrogate-Key").split(" "));
        assertThat(keys)
                .contains(
                        "news",
                        "article-" + articleKey(article.id()),
                        "article-slug-" + article.slug(),
                        "list-latest",
                        "list-popular",
                        "list-related");
        assertThat(page.body())
                .contains("Menteri meninjau pelabuhan", newsroom.reporterName, "/Net", "Juru Bicara")
                .contains("<script src=\"/beacon.js\" data-article=\"" + article.id() + "\" async></script>");
        assertThat(header(page, "Set-Cookie")).isNull();

        String etag = header(page, "ETag");
        assertThat(etag).startsWith("\"");
        HttpResponse<String> again = get(article.url(), Map.of("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void unknownPathsAndDrafts_are404Pages_thatPublishingPurges() {
        HttpResponse<String> unknown = get("/berita/dunia/tidak-ada-berita-ini", Map.of());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(header(unknown, "Content-Type")).isEqualTo("text/html;charset=UTF-8");
        assertThat(header(unknown, "Content-Security-Policy")).isEqualTo(ReaderController.POLICY);
        assertThat(unknown.body()).contains("Halaman tidak ditemukan");

        ReaderNewsroom.Written draft = newsroom.create("Rahasia redaksi belum terbit");
        HttpResponse<String> hidden = get(draft.url(), Map.of());
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).doesNotContain("Rahasia redaksi", "Juru Bicara", draft.id());
        // Kept by a CDN for a short while, under the key that publishing the article purges.
        assertThat(header(hidden, "Cache-Control")).startsWith("public, max-age=");
        assertThat(header(hidden, "Surrogate-Key").split(" ")).contains("article-slug-" + draft.slug());

        newsroom.publish(draft);
        assertThat(get(draft.url(), Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void anEdit_changesThePageTheOriginKept_andAFormerSlugRedirects() {
        ReaderNewsroom.Written article = newsroom.publish(newsroom.create("Harga beras turun"));
        HttpResponse<String> first = get(article.url(), Map.of());
        // Kept by the origin once no drop (the publication's own, which follows its commit) overlaps the rendering.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        boolean hit = false;
        while (!hit && System.nanoTime() < deadline) {
            double hitsBefore = cacheHits();
            HttpResponse<String> kept = get(article.url(), Map.of());
            assertThat(kept.body()).isEqualTo(first.body());
            assertThat(header(kept, "ETag")).isEqualTo(header(first, "ETag"));
            hit = cacheHits() > hitsBefore;
        }
        assertThat(hit).as("a GET answered from the origin's copy").isTrue();

        // The headline changes under the same address: the copy kept for 30 s is dropped by the write's keys.
        ReaderNewsroom.Written edited = newsroom.update(article, Map.of("headline", "Harga beras naik lagi"));
        long start = System.nanoTime();
        HttpResponse<String> changed = await(article.url(), page -> page.body().contains("Harga beras naik lagi"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(changed.body()).contains("Harga beras naik lagi").doesNotContain("Harga beras turun");
        assertThat(header(changed, "ETag")).isNotEqualTo(header(first, "ETag"));

        // A new slug: the old address redirects to the new one.
        ReaderNewsroom.Written moved = newsroom.update(edited, Map.of("slug", article.slug() + "-baru"));
        assertThat(get(moved.url(), Map.of()).body()).contains("Harga beras naik lagi");
        HttpResponse<String> old = await(article.url(), page -> page.statusCode() == 301);
        assertThat(header(old, "Location")).isEqualTo(moved.url());
    }

    @Test
    void pathsThatAreNotArticles_stayWithTheirHandlers() {
        assertThat(get("/dashboard/dashboard.js", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health", Map.of()).statusCode()).isEqualTo(200);
        // Not slugs, or not under a top-level section (a subsection's slug first, no section at all): the service's
        // JSON 404, as for any path it does not know.
        for (String path : List.of("/berita/Bukan_Slug", "/dunia/apa-saja", "/graphql/extra", "/bukan-rubrik/apa")) {
            HttpResponse<String> notOurs = get(path, Map.of());
            assertThat(notOurs.statusCode()).as(path).isEqualTo(404);
            assertThat(header(notOurs, "Content-Type")).as(path).startsWith("application/json");
        }
    }

    @Test
    void beacon_isASmallCacheableScript_withoutCookiesOrEval() {
        HttpResponse<String> script = get("/beacon.js", Map.of("Origin", "https://koran-lain.example"));

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(header(script, "Content-Type")).startsWith("text/javascript");
        assertThat(header(script, "Cache-Control")).contains("public", "max-age=3600");
        // Loaded with crossorigin (for Subresource Integrity) by a page of another site: allowed, without credentials.
        assertThat(header(script, "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(header(script, "Set-Cookie")).isNull();
        // Views and heartbeats of engaged time, comments included, unminified: under 6 KB (about 2 KB gzipped).
        assertThat(script.body().length()).isLessThan(6144);
        assertThat(script.body())
                .contains("sendBeacon", "keepalive", "/views", "utm_", "document.referrer", "data-article")
                .doesNotContain("document.cookie", "localStorage", "sessionStorage", "eval(", "new Function");
    }

    /**
     * A page on any other site posts its view: the API's list of allowed origins (this context allows only
     * {@code https://web.example.id}) does not apply to {@code POST /views}, and no credentials are allowed.
     */
    @Test
    void views_acceptsTheBeaconFromAnyOrigin_withoutCredentials() throws Exception {
        ReaderNewsroom.Written article = newsroom.publish(newsroom.create("Pasar ikan dibuka kembali"));
        HttpResponse<String> sent = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/views"))
                        .header("Origin", "https://koran-lain.example")
                        .header("Content-Type", "text/plain;charset=UTF-8")
                        .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"articleId\":\"" + article.id()
                                + "\",\"referrer\":\"https://koran-lain.example/\",\"utm_source\":\"uji\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(204);
        assertThat(header(sent, "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(header(sent, "Access-Control-Allow-Credentials")).isNull();

        HttpResponse<String> preflight = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/views"))
                        .header("Origin", "https://koran-lain.example")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(header(preflight, "Access-Control-Allow-Methods")).contains("POST");
    }

    private double cacheHits() {
        Counter hits =
                meters.find("news.edge.response.cache").tag("result", "hit").counter();
        return hits == null ? 0 : hits.count();
    }

    static long articleKey(String globalId) {
        String decoded = new String(java.util.Base64.getUrlDecoder().decode(globalId));
        return Long.parseLong(decoded.substring(decoded.indexOf(':') + 1));
    }

    private HttpResponse<String> await(String path, Predicate<HttpResponse<String>> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> response = get(path, Map.of());
        while (!wanted.test(response) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            response = get(path, Map.of());
        }
        return response;
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
