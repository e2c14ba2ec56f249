package news;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The real browser of the page tests: Debian's headless Chromium driven through its chromedriver, in Indonesian, at
 * 1280 × 1000. Where they are not installed the test is skipped, saying why, except on CI ({@code CI=true}), where
 * {@code .ci/run} installs them and their absence fails it.
 */
public final class Chromium {

    private Chromium() {}

    /**
     * A fresh browser. {@code userAgent}: the one to send instead of Chromium's own (headless Chromium names itself
     * HeadlessChrome, which ingestion drops as a bot), or null; {@code networkLog}: whether the test reads what the
     * page sent from the performance log.
     */
    public static ChromeDriver start(String userAgent, boolean networkLog) {
        Path chromium = executable("CHROMIUM_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Path driver = executable("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--lang=id-ID");
        if (userAgent != null) {
            options.addArguments("--user-agent=" + userAgent);
        }
        if (networkLog) {
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.PERFORMANCE, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
        }
        ChromeDriver browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(driver.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
        browser.manage().window().setSize(new Dimension(1280, 1000));
        return browser;
    }

    private static Path executable(String variable, String... candidates) {
        String configured = System.getenv(variable);
        for (String candidate : configured != null ? new String[] {configured} : candidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("No " + String.join(" or ", candidates) + "; .ci/run installs chromium and chromium-driver.");
        }
        Assumptions.abort("Not installed: " + String.join(", ", candidates) + "; skipping this browser test.");
        return null;
    }

    /**
     * Reads from a page, finding the element again if the page redrew it between finding and reading (a live page
     * replaces its rows, cells and headings on every refresh and pushed update): {@code reading} must find what it
     * reads.
     */
    public static <T> T read(java.util.function.Supplier<T> reading) {
        for (int attempt = 1; ; attempt++) {
            try {
                return reading.get();
            } catch (org.openqa.selenium.StaleElementReferenceException ex) {
                if (attempt == 20) {
                    throw ex;
                }
            }
        }
    }
}
