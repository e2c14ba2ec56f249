package news.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import news.Chromium;
import news.DrillIntegrationTest;
import news.HttpTestBase;
import news.TestClock;
import news.Tokens;
import news.analytics.ingest.AnalyticsFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * One reader's visit, end to end in a real headless Chromium: the reference reader page of a fresh article, opened at
 * its {@code Article.url} from a search engine's result with utm parameters, read for 40 s, hidden for 20 s, read again
 * for 20 s and closed. The API and the dashboard then show one view, one reader, engaged seconds within 15 s of the
 * 60 s the page was visible and in use (the 20 hidden seconds not counted, although the pointer kept moving), the view's
 * source, and readers now of the article rising while it is read and falling back to 0 after the window.
 *
 * <p>A failsafe {@code *IT} because it takes about 100 s of wall-clock time; it uses the shared drill context
 * ({@link DrillIntegrationTest}), which the other {@code *IT}s start already, so it starts no application of its own. Hiding the tab: headless
 * Chromium keeps a page visible whatever the window, so the test overrides {@code document.visibilityState} (and
 * {@code document.hidden}) and fires {@code visibilitychange}, which is what the beacon listens to and reads. The
 * readers-now window (the current minute and the four before) is measured by the service clock: rather than wait five
 * minutes, the test moves the test clock six minutes on once the page is closed.
 */
@DrillIntegrationTest
class ReadingSessionIT extends HttpTestBase {

    /** A search engine's result page, and a paid-search campaign's parameters on the link. */
    static final String REFERRER = "https://www.google.com/";

    static final String UTM = "?utm_source=google&utm_medium=cpc&utm_campaign=banjir-rob";

    @Autowired
    ApplicationContext context;

    @Autowired
    TestClock.Settable clock;

    ChromeDriver browser;

    final List<WebSocketGraphQlClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clock.reset();
        clients.forEach(c -> c.stop().block(Duration.ofSeconds(5)));
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aVisitFromSearch_countsOneViewOneReader_theVisibleTime_itsSource_andReadersNowRisingThenFalling()
            throws Exception {
        AnalyticsFixtures fixtures = new AnalyticsFixtures(context);
        openBrowser();
        String article = AnalyticsFixtures.id(fixtures.article(2));
        String url = editor().document("query($id: ID!) { articleById(id: $id) { url } }")
                .variable("id", article)
                .execute()
                .path("articleById.url")
                .entity(String.class)
                .get();
        Instant opened = Instant.now();

        // An editor watches readers now of the article, live.
        List<Long> readersNow = new CopyOnWriteArrayList<>();
        Disposable watching = subscribe(article, readersNow);
        waitUntil(() -> readersNow.equals(List.of(0L)), "no readers before the visit: " + readersNow);

        String first = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        String reader = browser.getWindowHandle();
        // As from a search result on HTTPS to a page on HTTP: the referrer is kept whole (Chromium's default policy
        // would send none on that downgrade; a site on HTTPS gets the origin, which is all the service keeps).
        browser.executeCdpCommand(
                "Page.navigate",
                Map.of("url", baseUrl() + url + UTM, "referrer", REFERRER, "referrerPolicy", "unsafeUrl"));
        waitUntil(
                () -> url.equals(browser.executeScript("return location.pathname"))
                        && "complete".equals(browser.executeScript("return document.readyState")),
                "the page loads");
        assertThat(browser.executeScript("return document.referrer")).isEqualTo(REFERRER);
        assertThat(browser.findElement(By.id("headline")).isDisplayed()).isTrue();

        long visible = read(Duration.ofSeconds(40));
        assertThat(readersNow).as("readers now rose while the page was read").contains(1L);

        // The tab is hidden for 20 s; the pointer keeps moving, which must not count.
        setVisibility("hidden");
        read(Duration.ofSeconds(20));
        setVisibility("visible");
        visible += read(Duration.ofSeconds(20));

        // Closing the tab: the beacon sends what is left on pagehide.
        browser.close();
        browser.switchTo().window(first);
        assertThat(browser.getWindowHandles()).doesNotContain(reader);

        // The API: one view, one reader, the visible time, the campaign source (utm_* decide before the referrer).
        long visibleSeconds = visible / 1000;
        waitUntil(
                () -> {
                    Map<String, Object> t = totals(article, opened);
                    return ((Number) t.get("views")).longValue() == 1
                            && Math.abs(((Number) t.get("engagedSeconds")).longValue() - visibleSeconds) <= 15;
                },
                "one view and about " + visibleSeconds + " engaged seconds: " + totals(article, opened));
        // The last heartbeat, sent as the tab closes, may be flushed a moment later: wait until the figure holds
        // still for 3 s (three flush intervals) before comparing the dashboard with it.
        Map<String, Object> totals = totals(article, opened);
        long stableSince = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() - stableSince < Duration.ofSeconds(3).toNanos() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            Map<String, Object> again = totals(article, opened);
            if (!again.get("engagedSeconds").equals(totals.get("engagedSeconds"))) {
                totals = again;
                stableSince = System.nanoTime();
            }
        }
        assertThat(totals).containsEntry("views", 1).containsEntry("readers", 1);
        long engaged = ((Number) totals.get("engagedSeconds")).longValue();
        assertThat(engaged)
                .as("engaged seconds against %d s visible (and 20 s hidden)", visibleSeconds)
                .isBetween(visibleSeconds - 15, visibleSeconds + 15)
                .isLessThanOrEqualTo(visibleSeconds + 2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sources = (List<Map<String, Object>>) totals.get("sources");
        assertThat(sources.get(0)).containsEntry("category", "CAMPAIGN").containsEntry("views", 1);
        assertThat(sources.stream()
                        .mapToLong(s -> ((Number) s.get("views")).longValue())
                        .sum())
                .isEqualTo(1);
        editor().document("query($a: ID!) { analytics { referrers(article: $a) { host views } } }")
                .variable("a", article)
                .execute()
                .path("analytics.referrers[0].host")
                .entity(String.class)
                .isEqualTo("google.com");
        assertThat(readersNow.get(readersNow.size() - 1))
                .as("still a reader now, within the window")
                .isEqualTo(1L);

        // The dashboard: the article in its section's Populer list, and its article view.
        browser.get(baseUrl() + "/dashboard");
        WebElement token = browser.findElement(By.id("token"));
        token.sendKeys(Tokens.token("ani", List.of("EDITOR"), Duration.ofMinutes(30), Tokens.SECRET));
        browser.findElement(By.id("signin-button")).click();
        waitUntil(() -> browser.findElement(By.id("board")).isDisplayed(), "the board");
        new Select(browser.findElement(By.id("window"))).selectByValue("LAST_24_HOURS");
        waitUntil(
                () -> browser.findElements(By.cssSelector("#section option[value='" + fixtures.section + "']"))
                                .size()
                        == 1,
                "the section is listed");
        new Select(browser.findElement(By.id("section"))).selectByValue(fixtures.section);
        By row = By.cssSelector("#popular li[data-article='" + article + "']");
        waitUntil(
                () -> !browser.findElements(row).isEmpty(),
                "the article in its section's list; the API lists " + popular(fixtures.section));
        // The list is redrawn on every refresh: each read finds its element again if that happened meanwhile.
        assertThat(Chromium.read(() -> browser.findElement(row)
                        .findElement(By.cssSelector(".count"))
                        .getText()))
                .isEqualTo("1");
        assertThat(Chromium.read(() -> browser.findElement(row)
                        .findElement(By.cssSelector(".reader-count"))
                        .getText()))
                .isEqualTo("1");
        Chromium.read(() -> {
            browser.findElement(row).findElement(By.cssSelector(".detail-link")).click();
            return true;
        });
        WebElement view = browser.findElement(By.id("article-view"));
        waitUntil(() -> article.equals(view.getAttribute("data-article")), "the article view");
        assertThat(view.getAttribute("data-views")).isEqualTo("1");
        assertThat(view.getAttribute("data-readers")).isEqualTo("1");
        assertThat(Long.parseLong(view.getAttribute("data-engaged"))).isEqualTo(engaged);
        assertThat(Chromium.read(
                        () -> browser.findElement(By.cssSelector("#article-totals div[data-key='CAMPAIGN'] dd"))
                                .getText()))
                .startsWith("1 ");

        // Six minutes on (the test clock), the reader has left the window: readers now falls back to 0.
        clock.set(Instant.now().plus(Duration.ofMinutes(6)));
        waitUntil(() -> readersNow.get(readersNow.size() - 1) == 0L, "readers now back to 0: " + readersNow);
        assertThat(readersNow).containsSubsequence(0L, 1L, 0L);
        watching.dispose();
    }

    /** The ids the API lists as popular in a section in the last 24 hours. */
    private List<String> popular(String section) {
        return editor().document("query($s: String) { popular(window: LAST_24_HOURS, section: $s) { article { id } } }")
                .variable("s", section)
                .execute()
                .path("popular[*].article.id")
                .entityList(String.class)
                .get();
    }

    /** Reads for a while: the pointer moves every second. Returns the milliseconds it took. */
    private long read(Duration time) throws InterruptedException {
        long start = System.currentTimeMillis();
        int step = 0;
        while (System.currentTimeMillis() - start < time.toMillis()) {
            new Actions(browser)
                    .moveByOffset(step % 2 == 0 ? 7 : -7, step % 2 == 0 ? 4 : -4)
                    .perform();
            step++;
            Thread.sleep(1000);
        }
        return System.currentTimeMillis() - start;
    }

    /** As the browser does when the tab is hidden or shown again: the state, then the event the beacon listens to. */
    private void setVisibility(String state) {
        browser.executeScript(
                "var s = arguments[0];"
                        + " Object.defineProperty(document, 'visibilityState', {configurable: true, get: function () { return s; }});"
                        + " Object.defineProperty(document, 'hidden', {configurable: true, get: function () { return s === 'hidden'; }});"
                        + " document.dispatchEvent(new Event('visibilitychange'));",
                state);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> totals(String article, Instant from) {
        return editor().document("query($a: ID!, $from: DateTime!, $to: DateTime!) { analytics {"
                        + " articleOverTime(article: $a, bucket: HOUR, from: $from, to: $to) {"
                        + " views readers engagedSeconds sources { category views } } } }")
                .variable("a", article)
                .variable("from", from.minus(Duration.ofHours(1)).toString())
                .variable("to", Instant.now().toString())
                .execute()
                .path("analytics.articleOverTime")
                .entity(Map.class)
                .get();
    }

    private Disposable subscribe(String article, List<Long> pushed) {
        String token = Tokens.token("ani", List.of("EDITOR"), Duration.ofHours(1), Tokens.SECRET);
        WebSocketGraphQlClient client = WebSocketGraphQlClient.builder(
                        "ws://localhost:" + port + "/graphql-ws", new StandardWebSocketClient())
                .interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return Mono.just(Map.of("Authorization", "Bearer " + token));
                    }
                })
                .build();
        clients.add(client);
        return client.document("subscription($a: ID!) { readersNow(scope: {article: $a}) { readers } }")
                .variable("a", article)
                .executeSubscription()
                .map(r -> ((Number) r.field("readersNow.readers").getValue()).longValue())
                .subscribe(pushed::add);
    }

    private GraphQlTester editor() {
        return graphQlClient().mutate().headers(Tokens.editor("redaksi")).build();
    }

    private void waitUntil(BooleanSupplier condition, String what) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException ex) {
            screenshot();
            fail(what);
        }
    }

    private void screenshot() {
        try {
            Path target = Path.of("target", "reading-session-failed.png");
            Files.createDirectories(target.getParent());
            Files.copy(
                    browser.getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                    target,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException | RuntimeException ex) {
            // the failure itself is what matters
        }
    }

    private void openBrowser() {
        browser = Chromium.start(ReaderPageTest.READER_AGENT, false);
    }
}
