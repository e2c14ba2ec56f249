package news.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import news.HttpTestBase;
import news.IntegrationTest;
import news.analytics.ingest.AnalyticsFixtures;
import news.analytics.ingest.IngestionAccounting;
import news.section.SectionDirectory;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reader page in a real headless Chromium (Debian's {@code chromium} through {@code chromedriver}): a demo
 * article's page shows every part of the reference layout, text that looks like markup is shown as written and never
 * runs, and the embedded beacon's view arrives, also when the script is embedded by a page of another origin.
 * Screenshots go to {@code target/}.
 */
@IntegrationTest
class ReaderPageTest extends HttpTestBase {

    /**
     * Ingestion drops bots by their user agent, and headless Chromium says "HeadlessChrome" in its own; the browser
     * here presents an ordinary desktop Chrome's, as a reader's browser would, so its views are counted.
     */
    static final String READER_AGENT = AnalyticsFixtures.BROWSER;

    private static final String[] DAYS = {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"};

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"
    };

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApplicationContext context;

    @Autowired
    DSLContext dsl;

    @Autowired
    SectionDirectory sections;

    @Autowired
    IngestionAccounting ingestion;

    ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = news.Chromium.start(READER_AGENT, true);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Every hour the accounting can hold: counted views of all instances, whenever the service clock put them. */
    private static final news.analytics.TimeRange ALL_TIME = new news.analytics.TimeRange(0, 4_102_444_800L);

    @Test
    void demoArticle_showsTheReferenceLayout_andItsViewArrives() {
        Map<String, Object> demo = demoArticleWithQuoteAndPhoto();
        String url = (String) demo.get("url");
        // Views earlier tests left waiting are written first, so that the accounting moves by this page's view only.
        new AnalyticsFixtures(context).flush();
        long accepted = ingestion.stats(ALL_TIME).accepted();
        int viewsBefore = views((String) demo.get("id"));

        // Reached from another page, so that it has a referrer to report.
        browser.get(baseUrl() + "/reader/reader.css");
        browser.executeScript("location.href = arguments[0]", baseUrl() + url + "?utm_source=uji&utm_medium=peramban");
        waitUntil(() -> !browser.findElements(By.id("headline")).isEmpty());

        assertThat(text("headline")).isEqualTo(demo.get("headline"));
        assertThat(browser.getTitle()).isEqualTo(demo.get("headline"));
        assertThat(browser.findElements(By.cssSelector("#breadcrumb li")))
                .extracting(item -> item.getDomProperty("textContent"))
                .containsExactlyElementsOf(breadcrumb(demo));
        assertThat(text("published")).isEqualToIgnoringCase(wib((String) demo.get("publishedAt")));
        assertThat(text("published")).endsWithIgnoringCase(" WIB");
        Map<?, ?> reporter = ((List<Map<?, ?>>) demo.get("reporters")).get(0);
        assertThat(text("byline")).containsIgnoringCase("Laporan").containsIgnoringCase((String) reporter.get("name"));
        Map<?, ?> image = (Map<?, ?>) demo.get("image");
        assertThat(text("credit")).isEqualTo("/" + image.get("credit"));
        assertThat(browser.findElement(By.cssSelector("#photo img")).isDisplayed())
                .isTrue();
        List<WebElement> quotes = browser.findElements(By.cssSelector("#body blockquote"));
        assertThat(quotes).isNotEmpty();
        assertThat(quotes.get(0).isDisplayed()).isTrue();
        assertThat(quotes.get(0).getText()).contains(firstQuote(demo));
        assertThat(browser.findElements(By.cssSelector("#populer li")))
                .isNotEmpty()
                .allMatch(WebElement::isDisplayed);
        assertThat(browser.findElements(By.cssSelector("#update li")))
                .isNotEmpty()
                .allMatch(WebElement::isDisplayed);
        assertThat(text("populer")).startsWithIgnoringCase("Populer").contains("WIB");
        assertThat(text("update")).startsWith("UPDATE");
        assertThat(browser.findElements(By.cssSelector("#selengkapnya li"))).isNotEmpty();
        screenshot("reader-page.png");

        // The beacon's view: one POST /views to the page's own origin with the article, the referrer and the utm_*
        // parameters; accepted by ingestion once, and counted once the flusher has written it.
        waitUntil(() -> ingestion.stats(ALL_TIME).accepted() > accepted);
        List<JsonNode> sent = beacons();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).path("articleId").asString()).isEqualTo(demo.get("id"));
        assertThat(sent.get(0).path("utm_source").asString()).isEqualTo("uji");
        assertThat(sent.get(0).path("utm_medium").asString()).isEqualTo("peramban");
        assertThat(sent.get(0).path("referrer").asString()).isEqualTo(baseUrl() + "/reader/reader.css");
        new AnalyticsFixtures(context).flush();
        waitUntil(() -> views((String) demo.get("id")) == viewsBefore + 1);
        assertThat(ingestion.stats(ALL_TIME).accepted()).isEqualTo(accepted + 1);
    }

    @Test
    void markupInAHeadline_isShownAsWritten_andNeverRuns() {
        ReaderNewsroom newsroom = new ReaderNewsroom(port, dsl, sections);
        String headline = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\"> Judul & \"kutip\"";
        ReaderNewsroom.Written article = newsroom.publish(newsroom.create(headline));

        browser.get(baseUrl() + article.url());

        assertThat(text("headline")).isEqualTo(headline);
        assertThat(browser.getTitle()).isEqualTo(headline);
        assertThat(browser.findElements(By.cssSelector("#headline *"))).isEmpty();
        assertThat(browser.executeScript("return window.pwned === undefined")).isEqualTo(true);
    }

    /**
     * A page of another origin (here {@code 127.0.0.1} against the service's {@code localhost}) embeds the script
     * from the service: the view goes to the script's own origin and is counted.
     */
    @Test
    void beaconOnAnotherOrigin_postsToItsOwnOrigin() {
        ReaderNewsroom newsroom = new ReaderNewsroom(port, dsl, sections);
        ReaderNewsroom.Written article = newsroom.publish(newsroom.create("Festival layang-layang di pantai"));
        long accepted = ingestion.stats(ALL_TIME).accepted();

        browser.get("http://127.0.0.1:" + port + "/reader/reader.css");
        browser.executeScript(
                "var s = document.createElement('script');"
                        + "s.src = arguments[0]; s.async = true; s.setAttribute('data-article', arguments[1]);"
                        + "document.head.appendChild(s);",
                baseUrl() + "/beacon.js",
                article.id());

        waitUntil(() -> ingestion.stats(ALL_TIME).accepted() > accepted);
        List<JsonNode> sent = beacons();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).path("articleId").asString()).isEqualTo(article.id());
        assertThat(sent.get(0).has("referrer"))
                .as("opened directly: no referrer")
                .isFalse();
        new AnalyticsFixtures(context).flush();
        waitUntil(() -> views(article.id()) == 1);
    }

    /**
     * A visible page whose reader is active sends heartbeats of engaged time (here every second, by the script tag's
     * {@code data-heartbeat}), and the service adds them to the article's engaged seconds; the view itself goes once.
     */
    @Test
    void visibleActivePage_sendsHeartbeats_andTheirSecondsAreCounted() {
        // A plain article of its own (no photo or quote: the demo test looks for the newest article with both).
        String article = AnalyticsFixtures.id(new AnalyticsFixtures(context).article(1));
        long accepted = ingestion.stats(ALL_TIME).accepted();

        browser.get(baseUrl() + "/reader/reader.css");
        browser.executeScript(
                "var s = document.createElement('script');"
                        + "s.src = arguments[0]; s.async = true; s.setAttribute('data-article', arguments[1]);"
                        + "s.setAttribute('data-heartbeat', '1');"
                        + "document.head.appendChild(s);",
                baseUrl() + "/beacon.js",
                article);
        waitUntil(() -> ingestion.stats(ALL_TIME).accepted() > accepted);
        // Without input nothing is engaged: no heartbeat in two intervals.
        sleep(2500);
        assertThat(heartbeats()).isEmpty();
        // The reader moves the pointer and presses keys for a few seconds.
        long until = System.currentTimeMillis() + 3500;
        int step = 0;
        while (System.currentTimeMillis() < until) {
            new Actions(browser)
                    .moveByOffset(step % 2 == 0 ? 5 : -5, 3 - (step % 2) * 6)
                    .perform();
            step++;
            sleep(200);
        }
        waitUntil(() ->
                heartbeats().stream().mapToInt(b -> b.path("engaged").asInt()).sum() >= 2);
        List<JsonNode> sent = heartbeats();
        assertThat(sent).allSatisfy(b -> {
            assertThat(b.path("articleId").asString()).isEqualTo(article);
            assertThat(b.path("engaged").asInt()).isBetween(1, 15);
        });
        assertThat(beacons()).as("one view").hasSize(1);
        new AnalyticsFixtures(context).flush();
        waitUntil(() -> engagedSeconds(article) >= 1);
        assertThat(engagedSeconds(article))
                .isLessThanOrEqualTo(
                        sent.stream().mapToLong(b -> b.path("engaged").asLong()).sum());
    }

    private long engagedSeconds(String id) {
        new AnalyticsFixtures(context).flush();
        return dsl.fetchOne(
                        "select coalesce(sum(seconds), 0)::bigint from article_engaged_hourly where article_id = ?",
                        news.graphql.GlobalId.decode(id, "Article", "id"))
                .get(0, Long.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    // ---- data ----------------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private Map<String, Object> demoArticleWithQuoteAndPhoto() {
        List<Map<String, Object>> articles =
                graphQlClient()
                        .document("""
                        { articles(first: 100) { edges { node {
                            id url headline publishedAt
                            section { path { name } }
                            reporters { name } image { credit } body { type text }
                        } } } }
                        """)
                        .execute()
                        .path("articles.edges[*].node")
                        .entityList(Map.class)
                        .get()
                        .stream()
                        .map(m -> (Map<String, Object>) m)
                        .toList();
        return articles.stream()
                .filter(a -> a.get("image") instanceof Map<?, ?> image && image.get("credit") != null)
                .filter(a -> !((List<?>) a.get("reporters")).isEmpty())
                .filter(a -> !firstQuote(a).isEmpty())
                .filter(a -> !((String) a.get("headline")).contains("<"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no demo article with a photo credit, a byline and a quote"));
    }

    private static String firstQuote(Map<String, Object> article) {
        return ((List<Map<?, ?>>) article.get("body"))
                .stream()
                        .filter(block -> "QUOTE".equals(block.get("type")))
                        .map(block -> (String) block.get("text"))
                        .findFirst()
                        .orElse("");
    }

    private static List<String> breadcrumb(Map<String, Object> article) {
        Map<?, ?> section = (Map<?, ?>) article.get("section");
        return ((List<Map<?, ?>>) section.get("path"))
                .stream().map(s -> (String) s.get("name")).toList();
    }

    /** "Minggu, 06 Des 2026 14:05 WIB", worked out here independently of the page's code. */
    private static String wib(String publishedAt) {
        ZonedDateTime t = OffsetDateTime.parse(publishedAt).atZoneSameInstant(ZoneId.of("Asia/Jakarta"));
        return String.format(
                "%s, %02d %s %d %02d:%02d WIB",
                DAYS[t.getDayOfWeek().getValue() - 1],
                t.getDayOfMonth(),
                MONTHS[t.getMonthValue() - 1],
                t.getYear(),
                t.getHour(),
                t.getMinute());
    }

    private int views(String id) {
        return graphQlClient()
                .document("query($id: ID!) { node(id: $id) { ... on Article { views(window: LAST_7_DAYS) } } }")
                .variable("id", id)
                .execute()
                .path("node.views")
                .entity(Integer.class)
                .get();
    }

    // ---- browser -------------------------------------------------------------------------------------------------

    /** The views the browser sent so far: the bodies of its POST requests to {@code /views} without {@code engaged}. */
    private List<JsonNode> beacons() {
        return posts().stream().filter(b -> !b.has("engaged")).toList();
    }

    /** The heartbeats of engaged time the browser sent so far. */
    private List<JsonNode> heartbeats() {
        return posts().stream().filter(b -> b.has("engaged")).toList();
    }

    /** The bodies of the POST requests to {@code /views} the browser sent so far, from its performance log. */
    private final List<JsonNode> posted = new ArrayList<>();

    private List<JsonNode> posts() {
        List<JsonNode> bodies = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            JsonNode request = message.path("params").path("request");
            if ("Network.requestWillBeSent".equals(message.path("method").asString())
                    && "POST".equals(request.path("method").asString())
                    && request.path("url").asString().equals(baseUrl() + "/views")) {
                bodies.add(JSON.readTree(request.path("postData").asString("{}")));
            }
        }
        // The log hands each entry out once: keep what was read before.
        posted.addAll(bodies);
        return List.copyOf(posted);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void waitUntil(BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> condition.getAsBoolean());
    }

    private void screenshot(String name) {
        try {
            Path target = Path.of("target", name);
            Files.createDirectories(target.getParent());
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
