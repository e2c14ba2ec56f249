package news.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import news.Chromium;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import news.analytics.readers.ReaderFixtures;
import news.graphql.GlobalId;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The editors' dashboard in a real headless Chromium (Debian's {@code chromium}, driven by Selenium through Debian's
 * {@code chromedriver}) against the running service with demo data: signing in, the Populer list as the API ranks it,
 * changing window and section, a chart drawn on a click, an article's view opened from its row, live updates after new views without reloading, an alert
 * highlighted as it arrives, and refused tokens that fetch nothing (read from the browser's own network log). Screenshots go to {@code target/}.
 */
@IntegrationTest
class DashboardPageTest extends HttpTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApplicationContext context;

    ChromeDriver browser;

    @Autowired
    DSLContext dsl;

    HttpGraphQlTester api;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start(null, true);
        api = graphQlClient();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void refusedTokens_showAnError_andFetchNoAnalytics() {
        browser.get(url("/dashboard"));
        networkLog(); // drops what the page load itself logged

        signIn("bukan-token");
        assertThat(message()).contains("Token tidak sah");
        signIn(Tokens.token("ani", List.of("EDITOR"), Duration.ofMinutes(-5), Tokens.SECRET));
        assertThat(message()).contains("kedaluwarsa");
        signIn(Tokens.token(
                "ani", List.of("EDITOR"), Duration.ofMinutes(10), "a-different-secret-of-at-least-32-bytes-xyz"));
        waitUntil(() -> message().contains("ditolak"));
        signIn(Tokens.token("ani", List.of("READER"), Duration.ofMinutes(10), Tokens.SECRET));
        waitUntil(() -> message().contains("EDITOR"));

        assertThat(browser.findElement(By.id("board")).isDisplayed()).isFalse();
        List<Request> requests = networkLog();
        assertThat(requests)
                .as("only the two tokens that looked usable were checked, with a question that reads no data")
                .hasSize(2)
                .allSatisfy(r -> {
                    assertThat(r.url()).endsWith("/graphql");
                    assertThat(r.body()).contains("SignInCheck").doesNotContain("popular", "viewsOverTime");
                });
        assertThat(requests).noneMatch(r -> r.url().contains("/graphql-ws"));
        screenshot("dashboard-refused-token.png");
    }

    @Test
    void editor_seesRankingsChartsAndLiveUpdates() throws Exception {
        // Readers of the week's popular articles two hours ago: visitors 1 to i + 3 for the i-th.
        List<String> week = popular("LAST_7_DAYS", null);
        ReaderFixtures readers = new ReaderFixtures(context);
        Instant slot = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        for (int i = 0; i < week.size(); i++) {
            readers.keys(GlobalId.decode(week.get(i), "Article", "id"), slot, 1, i + 3);
        }
        readers.build();

        // Accounting three days ago, as some instance's flush wrote it: in the 7 days, not in the last 24 hours.
        dsl.execute("insert into view_ingestion_hourly (hour, entry_point, outcome, views)"
                + " values (date_trunc('hour', now() - interval '3 days'), 'beacon', 'accepted', 4321)"
                + " on conflict (hour, entry_point, outcome) do update set views = view_ingestion_hourly.views"
                + " + excluded.views");
        // Search views three days ago: in the 7 days, not in the last 24 hours.
        dsl.execute("insert into article_sources_hourly (article_id, hour, category, views)"
                + " select id, date_trunc('hour', now() - interval '3 days'), 'search', 7654 from article"
                + " order by id limit 1"
                + " on conflict (article_id, hour, category) do update set views = article_sources_hourly.views"
                + " + excluded.views");
        browser.get(url("/dashboard"));
        signIn(Tokens.token("ani", List.of("EDITOR"), Duration.ofMinutes(30), Tokens.SECRET));
        waitUntil(() -> browser.findElement(By.id("board")).isDisplayed());

        // The Populer list: the same articles in the same order as the popular query.
        waitUntil(() -> !pageList().isEmpty() && pageList().equals(popular("LAST_7_DAYS", null)));
        List<String> weekly = pageList();
        assertThat(weekly).hasSizeGreaterThan(1);

        // Unique readers beside the views in every table, as the API counts them for the chosen window.
        Map<String, String> listed = pageReaders("#popular li", "data-article", ".reader-count");
        assertThat(listed)
                .isEqualTo(apiReaders(
                        "popular(window: LAST_7_DAYS) { article { id } readers }", "popular", "article", "id"));
        assertThat(listed.values()).contains(String.valueOf(week.size() + 2));
        waitUntil(() -> pageReaders("#section-totals tr", "data-key", "td.readers")
                .equals(apiReaders(
                        "analytics { sectionTotals(window: LAST_7_DAYS) { section { slug } readers } }",
                        "analytics.sectionTotals",
                        "section",
                        "slug")));
        assertThat(pageReaders("#section-totals tr", "data-key", "td.readers").values())
                .anyMatch(r -> !r.equals("0"));
        waitUntil(() -> pageReaders("#reporter-totals tr", "data-key", "td.readers")
                .equals(apiReaders(
                        "analytics { reporterTotals(window: LAST_7_DAYS, first: 10) { reporter { slug } readers } }",
                        "analytics.reporterTotals",
                        "reporter",
                        "slug")));
        assertThat(pageReaders("#reporter-totals tr", "data-key", "td.readers").values())
                .anyMatch(r -> !r.equals("0"));
        assertThat(Chromium.read(() -> browser.findElement(By.cssSelector("#section-totals"))
                        .findElement(By.xpath("preceding-sibling::thead"))
                        .getText()))
                .contains("Pembaca");
        // The chart (whole site, hourly over 24 hours): the hour of the keys has week.size() + 2 readers; views that
        // other tests recorded in the current hour add their own readers (the flush writes their keys).
        waitUntil(() ->
                Long.parseLong(browser.findElement(By.id("chart")).getAttribute("data-readers")) >= week.size() + 2);
        assertThat(browser.findElements(By.cssSelector("#chart-table td.readers")))
                .isNotEmpty();
        waitUntil(() -> text("live").contains("Langsung"));
        assertThat(text("updated")).startsWith("Terakhir diperbarui: ").endsWith(" WIB");
        assertThat(text("popular")).contains("WIB", "oleh");

        // The accounting tiles show the window chosen on the page, as the API gives it for that window.
        waitUntil(() -> ingestionTiles().equals("LAST_7_DAYS " + ingestion("LAST_7_DAYS")));
        assertThat(text("ingestion-title")).contains("7 hari terakhir");

        // The Sumber table: views per source category in the chosen window, as the API gives them.
        waitUntil(() -> pageSources().equals(apiSources("LAST_7_DAYS")));
        assertThat(text("sources-title")).contains("Sumber", "7 hari terakhir");
        assertThat(Long.parseLong(pageSources().get("SEARCH"))).isGreaterThanOrEqualTo(7654);
        assertThat(pageSources())
                .containsOnlyKeys("INTERNAL", "SEARCH", "SOCIAL", "NEWSLETTER", "CAMPAIGN", "DIRECT", "OTHER");
        assertThat(Chromium.read(() -> browser.findElement(By.cssSelector("#sources tr[data-category='SEARCH'] td"))
                        .getText()))
                .isEqualTo("Mesin pencari");

        // Readers now, the whole site, as the API counts them.
        waitUntil(() -> browser.findElement(By.id("readers-now"))
                .getAttribute("data-readers")
                .equals(String.valueOf(readersNow())));
        assertThat(text("readers-now-title")).isEqualTo("Pembaca sekarang");

        // Another window, then a section: the list follows and changes.
        new Select(browser.findElement(By.id("window"))).selectByValue("LAST_24_HOURS");
        waitUntil(() ->
                pageList().equals(popular("LAST_24_HOURS", null)) && !pageList().equals(weekly));
        waitUntil(() -> ingestionTiles().equals("LAST_24_HOURS " + ingestion("LAST_24_HOURS")));
        assertThat(ingestion("LAST_7_DAYS") - ingestion("LAST_24_HOURS")).isGreaterThanOrEqualTo(4321);
        assertThat(text("ingestion-title")).contains("24 jam terakhir");
        waitUntil(() -> pageSources().equals(apiSources("LAST_24_HOURS")));
        assertThat(Long.parseLong(apiSources("LAST_7_DAYS").get("SEARCH"))
                        - Long.parseLong(pageSources().get("SEARCH")))
                .isGreaterThanOrEqualTo(7654);
        List<String> daily = pageList();
        String section = busiestSection();
        new Select(browser.findElement(By.id("section"))).selectByValue(section);
        waitUntil(() -> pageList().equals(popular("LAST_24_HOURS", section))
                && !pageList().equals(daily));
        assertThat(pageList()).isNotEmpty();

        // Clicking an article's chart button draws its views over the last 30 days.
        new Select(browser.findElement(By.id("chart-range"))).selectByValue("MONTH");
        String article = pageList().get(0);
        Chromium.read(() -> {
            browser.findElement(By.cssSelector("#popular li[data-article='" + article + "'] .chart-link"))
                    .click();
            return true;
        });
        WebElement chart = browser.findElement(By.id("chart"));
        waitUntil(() -> ("article:" + article).equals(chart.getAttribute("data-scope")));
        assertThat(Integer.parseInt(chart.getAttribute("data-points"))).isBetween(30, 31);
        assertThat(Long.parseLong(chart.getAttribute("data-total"))).isPositive();
        assertThat(chart.findElements(By.cssSelector("canvas"))).isNotEmpty();
        browser.manage().window().setSize(new Dimension(1280, 1357));
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
        screenshot("dashboard-top.png");

        // Its "Rincian" button opens the article view over the same 30 days: the totals the API gives, a chart of
        // views, readers and engaged seconds, and one row per day with the views per source.
        Chromium.read(() -> {
            browser.findElement(By.cssSelector("#popular li[data-article='" + article + "'] .detail-link"))
                    .click();
            return true;
        });
        WebElement view = browser.findElement(By.id("article-view"));
        waitUntil(() -> view.isDisplayed() && article.equals(view.getAttribute("data-article")));
        waitUntil(() -> articleTotals(article)
                .equals(view.getAttribute("data-views") + " " + view.getAttribute("data-readers") + " "
                        + view.getAttribute("data-engaged")));
        assertThat(Long.parseLong(view.getAttribute("data-views"))).isPositive();
        assertThat(view.findElements(By.cssSelector("#article-chart canvas"))).isNotEmpty();
        assertThat(view.findElements(By.cssSelector("#article-table tbody tr"))).hasSizeBetween(30, 31);
        assertThat(Chromium.read(() -> browser.findElement(By.cssSelector("#article-table thead"))
                        .getText()))
                .contains("Tayangan", "Pembaca", "Detik aktif", "Mesin pencari", "Langsung");
        assertThat(text("article-title")).startsWith("Rincian artikel: ");
        browser.manage().window().setSize(new Dimension(1280, 1500));
        screenshot("dashboard-desktop.png");

        // New views recorded through the API show up on the page without a reload.
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        String last = pageList().get(pageList().size() - 1);
        Map<String, String> before = pageCounts();
        recordViews(last, 40);
        waitUntil(() -> !pageCounts().equals(before));
        assertThat(pageCounts().get(last)).isNotEqualTo(before.get(last));
        // The 40 readers of those views are reading now: pushed by the readersNow subscription, never polled.
        waitUntil(() -> {
            String shown = browser.findElement(By.id("readers-now")).getAttribute("data-readers");
            return !shown.isEmpty() && Long.parseLong(shown) >= 40;
        });
        List<String> traffic = traffic();
        assertThat(traffic).anyMatch(m -> m.startsWith("WS ") && m.contains("LiveReaders"));
        assertThat(traffic)
                .filteredOn(m -> m.startsWith("POST "))
                .isNotEmpty()
                .noneMatch(m -> m.contains("readersNow"));
        // An alert raised by another instance (recorded, then announced by its id on the content channel) arrives
        // without a reload, first in the alerts panel and highlighted.
        long alert = ((Number) dsl.fetchValue(
                        "insert into analytics_alert (article_id, kind, readers_per_minute, threshold, raised_at)"
                                + " values (?, 'SPIKE', 64, 21, now()) returning id",
                        GlobalId.decode(last, "Article", "id")))
                .longValue();
        dsl.fetch("select pg_notify('news_content', ?)", "another-instance MESSAGE analytics-alert " + alert);
        waitUntil(() -> shownAlerts().stream()
                .anyMatch(a -> a.get(0).equals(Long.toString(alert)) && a.get(2).equals("fresh")));
        // The list is read in one script: the 40 readers above may raise a real spike at the next scheduled check,
        // which redraws the panel between two reads element by element.
        List<List<String>> shown = shownAlerts();
        assertThat(shown)
                .filteredOn(a -> a.get(0).equals(Long.toString(alert)))
                .singleElement()
                .satisfies(a -> assertThat(a.get(1)).contains("Lonjakan", "64 pembaca/menit", "ambang 21", "WIB"));
        // Newest first: a real spike raised after it comes before it.
        List<Long> shownAlerts =
                shown.stream().map(a -> Long.parseLong(a.get(0))).toList();
        assertThat(shownAlerts).contains(alert).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(text("alerts-title")).isEqualTo("Peringatan: berita melonjak");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
                .isEqualTo(true);
        assertThat(new Select(browser.findElement(By.id("section")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .as("the editor's selections are kept")
                .isEqualTo(section);

        // The current day is still running: marked in the chart, its table and under it.
        assertThat(chart.getAttribute("data-partial")).isNotEmpty();
        assertThat(text("chart-partial")).contains("masih berjalan");
        assertThat(browser.findElements(By.cssSelector("#chart-table tbody tr.partial")))
                .hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#article-table tbody tr.partial")))
                .hasSize(1);
        assertThat(chart.getAttribute("data-axes")).isEqualTo("Waktu (WIB) | Tayangan & pembaca");
        assertThat(browser.findElement(By.id("article-chart")).getAttribute("data-axes"))
                .endsWith("| Detik baca aktif");

        // Every table downloads as CSV, made from the data on the page: a header and one line per row shown.
        for (String table :
                List.of("popular", "sections", "reporters", "sources", "ingestion", "chart", "article", "alerts")) {
            WebElement link = browser.findElement(By.id("csv-" + table));
            List<String> lines = csv(table);
            assertThat(Integer.parseInt(link.getAttribute("data-rows")))
                    .as(table)
                    .isPositive();
            assertThat(lines).as(table).hasSize(Integer.parseInt(link.getAttribute("data-rows")) + 1);
            assertThat(link.getAttribute("download")).endsWith(".csv");
        }
        List<String> popularCsv = csv("popular");
        assertThat(popularCsv.get(0)).startsWith("Peringkat,Peringkat sebelumnya,Judul,Alamat");
        assertThat(popularCsv).hasSize(pageList().size() + 1);
        assertThat(csv("sources")).anyMatch(line -> line.startsWith("Mesin pencari,SEARCH,"));
        List<String> chartCsv = csv("chart");
        assertThat(chartCsv.get(chartCsv.size() - 1)).endsWith(",ya");

        // The English switch: every label, the connection status, what trending ranks by, the CSV headers.
        browser.findElement(By.id("lang")).click();
        waitUntil(() -> text("updated").startsWith("Last updated"));
        assertThat(text("popular-title")).isEqualTo("Popular");
        assertThat(text("live")).isEqualTo("● Live");
        assertThat(text("trending-title")).isEqualTo("Trending: views per hour");
        assertThat(Chromium.read(() -> browser.findElement(By.id("trending-title"))
                        .findElement(By.xpath("following-sibling::p[1]"))
                        .getText()))
                .startsWith("Ranked by views per hour");
        assertThat(text("readers-now-title")).isEqualTo("Readers now");
        waitUntil(() -> text("article-title").startsWith("Article details: "));
        waitUntil(() -> browser.findElement(By.cssSelector("#sources tr[data-category='DIRECT'] td"))
                .getText()
                .equals("Direct"));
        waitUntil(() -> "Time (WIB) | Views & readers".equals(chart.getAttribute("data-axes")));
        waitUntil(() -> text("chart-partial").contains("still running"));
        waitUntil(() -> csv("popular").get(0).startsWith("Rank,Previous rank,Headline,Address"));
        assertThat(text("csv-popular")).isEqualTo("Download CSV");
        assertThat(browser.findElement(By.cssSelector(".controls")).getAttribute("aria-label"))
                .isEqualTo("Choices");
        screenshot("dashboard-english.png");
        browser.findElement(By.id("lang")).click();
        waitUntil(() -> text("live").equals("● Langsung"));
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 1400, "deviceScaleFactor", 1, "mobile", true));
        waitUntil(() -> browser.findElement(By.id("popular")).getSize().getWidth() < 390);
        screenshot("dashboard-phone.png");
    }

    // ---- page --------------------------------------------------------------------------------------------------

    /** Whose readers each row shows: the row's (or its chart button's) key to the readers cell's text. */
    @SuppressWarnings("unchecked")
    private Map<String, String> pageReaders(String rows, String keyAttribute, String cell) {
        List<List<String>> pairs = (List<List<String>>) ((JavascriptExecutor) browser)
                .executeScript(
                        "var rows = arguments[0], key = arguments[1], cell = arguments[2];"
                                + " return Array.from(document.querySelectorAll(rows)).map(function (row) {"
                                + " var keyed = row.hasAttribute(key) ? row : row.querySelector('[' + key + ']');"
                                + " return [keyed.getAttribute(key), row.querySelector(cell).textContent]; });",
                        rows,
                        keyAttribute,
                        cell);
        Map<String, String> result = new LinkedHashMap<>();
        pairs.forEach(p -> result.put(p.get(0), p.get(1)));
        return result;
    }

    private void signIn(String token) {
        WebElement field = browser.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.id("signin-button")).click();
    }

    private String message() {
        WebElement box = browser.findElement(By.id("message"));
        return box.isDisplayed() ? box.getText() : "";
    }

    /** The text of the element {@code id}, read again if the page redrew it meanwhile. */
    private String text(String id) {
        return Chromium.read(() -> browser.findElement(By.id(id)).getText());
    }

    @SuppressWarnings("unchecked")
    private List<String> pageList() {
        return (List<String>) ((JavascriptExecutor) browser)
                .executeScript("return Array.from(document.querySelectorAll('#popular li'))"
                        + ".map(function (li) { return li.getAttribute('data-article'); });");
    }

    /** Each alert in the panel as its id, its text and "fresh" or "", read at one moment. */
    @SuppressWarnings("unchecked")
    private List<List<String>> shownAlerts() {
        return (List<List<String>>) ((JavascriptExecutor) browser)
                .executeScript("return Array.from(document.querySelectorAll('#alerts li'))"
                        + ".map(function (li) { return [li.getAttribute('data-alert'), li.innerText,"
                        + " li.classList.contains('fresh') ? 'fresh' : '']; });");
    }

    /** Article id to the count shown on the page. */
    @SuppressWarnings("unchecked")
    private Map<String, String> pageCounts() {
        List<List<String>> rows = (List<List<String>>) ((JavascriptExecutor) browser)
                .executeScript("return Array.from(document.querySelectorAll('#popular li'))"
                        + ".map(function (li) { return [li.getAttribute('data-article'),"
                        + " li.querySelector('.count').textContent]; });");
        Map<String, String> counts = new LinkedHashMap<>();
        rows.forEach(r -> counts.put(r.get(0), r.get(1)));
        return counts;
    }

    /** Waits for the condition; an element the page re-rendered meanwhile (it updates live) is looked up again. */
    private void waitUntil(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
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

    private record Request(String url, String body) {}

    /** The requests the browser sent since the last call, from its performance log. */
    private List<Request> networkLog() {
        List<Request> requests = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            String method = message.path("method").asString();
            if ("Network.requestWillBeSent".equals(method)) {
                JsonNode request = message.path("params").path("request");
                if (!"GET".equals(request.path("method").asString())) {
                    requests.add(new Request(
                            request.path("url").asString(),
                            request.path("postData").asString("")));
                }
            } else if ("Network.webSocketCreated".equals(method)) {
                requests.add(new Request(message.path("params").path("url").asString(), ""));
            }
        }
        return requests;
    }

    /**
     * The lines of a table's CSV, downloaded by clicking its link as an editor would (the browser saves the file the
     * page made into {@code target/dashboard-downloads}), without the byte order mark.
     */
    private List<String> csv(String table) {
        try {
            Path directory = Path.of("target", "dashboard-downloads").toAbsolutePath();
            Files.createDirectories(directory);
            browser.executeCdpCommand(
                    "Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", directory.toString()));
            WebElement link = browser.findElement(By.id("csv-" + table));
            Path file = directory.resolve(link.getAttribute("download"));
            Files.deleteIfExists(file);
            // A real click (a user gesture, as an editor's): Chromium may hold back downloads a script starts on its
            // own
            // once a page has started one.
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", link);
            link.click();
            // Chromium makes an empty file under the final name when the download starts and moves the written
            // ".crdownload" file over it when it ends: wait for the end.
            Path partial = directory.resolve(file.getFileName() + ".crdownload");
            try {
                waitUntil(() -> {
                    try {
                        return Files.exists(file) && Files.size(file) > 0 && !Files.exists(partial);
                    } catch (IOException ex) {
                        return false;
                    }
                });
            } catch (org.openqa.selenium.TimeoutException ex) {
                try (var listed = Files.list(directory)) {
                    throw new AssertionError(
                            "no " + file.getFileName() + " downloaded; the directory holds " + listed.toList()
                                    + "; the link: " + link.getAttribute("outerHTML"),
                            ex);
                }
            }
            String text = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(text).as("the CSV of " + table).startsWith("\ufeff");
            return List.of(text.substring(1).split("\r\n"));
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** What the page sent since the last look: "POST url body" for each request, "WS payload" for each frame. */
    private List<String> traffic() {
        List<String> sent = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            String method = message.path("method").asString();
            JsonNode params = message.path("params");
            if ("Network.requestWillBeSent".equals(method)
                    && "POST".equals(params.path("request").path("method").asString())) {
                sent.add("POST " + params.path("request").path("url").asString() + " "
                        + params.path("request").path("postData").asString(""));
            } else if ("Network.webSocketFrameSent".equals(method)) {
                sent.add("WS " + params.path("response").path("payloadData").asString(""));
            }
        }
        return sent;
    }

    // ---- API ---------------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private List<String> popular(String window, String section) {
        List<Map<String, Object>> list = api
                .document(
                        "query($w: PopularityWindow, $s: String) { popular(window: $w, section: $s) { article { id } } }")
                .variable("w", window)
                .variable("s", section)
                .execute()
                .path("popular")
                .entityList(Map.class)
                .get()
                .stream()
                .map(m -> (Map<String, Object>) m)
                .toList();
        return list.stream()
                .map(m -> ((Map<String, Object>) m.get("article")).get("id").toString())
                .toList();
    }

    /** Key to readers, formatted as the page formats them (id-ID), of the items at {@code path} of an editor's query. */
    @SuppressWarnings("unchecked")
    private Map<String, String> apiReaders(String selection, String path, String owner, String key) {
        List<Map<String, Object>> items = api
                .mutate()
                .headers(Tokens.editor("ani"))
                .build()
                .document("{ " + selection + " }")
                .execute()
                .path(path)
                .entityList(Map.class)
                .get()
                .stream()
                .map(m -> (Map<String, Object>) m)
                .toList();
        java.text.NumberFormat format =
                java.text.NumberFormat.getIntegerInstance(java.util.Locale.forLanguageTag("id-ID"));
        Map<String, String> result = new LinkedHashMap<>();
        items.forEach(m -> result.put(
                ((Map<String, Object>) m.get(owner)).get(key).toString(),
                format.format(((Number) m.get("readers")).longValue())));
        return result;
    }

    /** The Sumber table: category to views, digits only. */
    @SuppressWarnings("unchecked")
    private Map<String, String> pageSources() {
        List<List<String>> rows = (List<List<String>>) ((JavascriptExecutor) browser)
                .executeScript("return Array.from(document.querySelectorAll('#source-totals tr')).map(function (r) {"
                        + " return [r.getAttribute('data-category'), r.children[1].textContent]; });");
        Map<String, String> result = new LinkedHashMap<>();
        rows.forEach(r -> result.put(r.get(0), r.get(1).replaceAll("[^0-9]", "")));
        return result;
    }

    /** Readers now, the whole site, as the API answers. */
    private long readersNow() {
        return api.mutate()
                .headers(Tokens.editor("ani"))
                .build()
                .document("{ analytics { readersNow } }")
                .execute()
                .path("analytics.readersNow")
                .entity(Long.class)
                .get();
    }

    /** An article's views, readers and engaged seconds over the last 30 days (daily), as the API answers. */
    @SuppressWarnings("unchecked")
    private String articleTotals(String article) {
        Instant now = Instant.now();
        Map<String, Object> totals = api.mutate()
                .headers(Tokens.editor("ani"))
                .build()
                .document(
                        "query($a: ID!, $from: DateTime!, $to: DateTime!) { analytics {"
                                + " articleOverTime(article: $a, bucket: DAY, from: $from, to: $to) { views readers engagedSeconds } } }")
                .variable("a", article)
                .variable("from", now.minus(Duration.ofDays(30)).toString())
                .variable("to", now.toString())
                .execute()
                .path("analytics.articleOverTime")
                .entity(Map.class)
                .get();
        return totals.get("views") + " " + totals.get("readers") + " " + totals.get("engagedSeconds");
    }

    /** Views per source category in a window, as the API answers. */
    @SuppressWarnings("unchecked")
    private Map<String, String> apiSources(String window) {
        List<Map<String, Object>> rows = api
                .mutate()
                .headers(Tokens.editor("ani"))
                .build()
                .document("query($w: PopularityWindow) { analytics { sources(window: $w) { category views } } }")
                .variable("w", window)
                .execute()
                .path("analytics.sources")
                .entityList(Map.class)
                .get()
                .stream()
                .map(m -> (Map<String, Object>) m)
                .toList();
        Map<String, String> result = new LinkedHashMap<>();
        rows.forEach(
                r -> result.put(r.get("category").toString(), r.get("views").toString()));
        return result;
    }

    /** The window of the accounting tiles and the number on the "counted" tile, digits only. */
    private String ingestionTiles() {
        WebElement tiles = browser.findElement(By.id("ingestion"));
        List<WebElement> counted = tiles.findElements(By.cssSelector("div[data-key='accepted'] dd"));
        return tiles.getAttribute("data-window") + " "
                + (counted.isEmpty() ? "" : counted.get(0).getText().replaceAll("[^0-9]", ""));
    }

    /** Views counted in a window, all instances, as the API answers. */
    private long ingestion(String window) {
        return api.mutate()
                .headers(Tokens.editor("ani"))
                .build()
                .document("query($w: PopularityWindow) { analytics { ingestion(window: $w) { accepted } } }")
                .variable("w", window)
                .execute()
                .path("analytics.ingestion.accepted")
                .entity(Long.class)
                .get();
    }

    /** The top-level section with the most views in the last 24 hours. */
    @SuppressWarnings("unchecked")
    private String busiestSection() {
        Map<String, Object> first = api.mutate()
                .headers(Tokens.editor("ani"))
                .build()
                .document(
                        "{ analytics { sectionTotals(window: LAST_24_HOURS) { section { slug parent { slug } } views } } }")
                .execute()
                .path("analytics.sectionTotals[0]")
                .entity(Map.class)
                .get();
        return ((Map<String, Object>) first.get("section")).get("slug").toString();
    }

    private void recordViews(String article, int count) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            views.add(Map.of("articleId", article, "visitorId", "dasbor-" + System.nanoTime() + "-" + i));
        }
        api.mutate()
                .headers(
                        h -> h.set(
                                "User-Agent",
                                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"))
                .build()
                .document("mutation($v: [RecordViewInput!]!) { recordViews(input: $v) { accepted } }")
                .variable("v", views)
                .execute()
                .path("recordViews.accepted")
                .entity(Integer.class)
                .isEqualTo(count);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
