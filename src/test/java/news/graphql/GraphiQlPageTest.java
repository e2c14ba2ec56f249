package news.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import news.GraphQlRequestRecorder;
import news.HttpTestBase;
import news.IntegrationTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

/**
 * Opens /graphiql in a real headless Chromium: the IDE must render from the application's own scripts (no internet
 * here) and load the schema from /graphql.
 */
@IntegrationTest
class GraphiQlPageTest extends HttpTestBase {

    @Autowired
    GraphQlRequestRecorder requests;

    @Test
    void graphiql_rendersOfflineAndLoadsTheSchema() throws Exception {
        Path browser = browser();
        Path profile = Files.createTempDirectory("chromium-profile");
        try {
            Process process = new ProcessBuilder(
                            browser.toString(),
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--user-data-dir=" + profile,
                            "--virtual-time-budget=15000",
                            "--dump-dom",
                            "http://localhost:" + port + "/graphiql")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String dom = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(90, TimeUnit.SECONDS))
                    .as("browser finished")
                    .isTrue();

            assertThat(dom).contains("graphiql-container", "graphiql-execute-button");
            assertThat(dom).contains("The UPDATE list");
            assertThat(requests.documents())
                    .as("the browser fetched the schema from /graphql")
                    .anySatisfy(document -> assertThat(document).contains("__schema"));
        } finally {
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    @Test
    void deepLink_opensGraphiQlWithTheLinkedQuery() throws Exception {
        String query = "# linked-from-the-docs\n{ sections { slug } }";
        String link = "http://localhost:" + port + "/graphiql?query="
                + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8);
        // The redirect that adds ?path= keeps the query as it was encoded.
        String location = news.TestHttp.client("http://localhost:" + port)
                .get()
                .uri(java.net.URI.create(link))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .returnResult(byte[].class)
                .getResponseHeaders()
                .getLocation()
                .toString();
        assertThat(location)
                .isEqualTo("/graphiql?query=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8)
                        + "&path=/graphql");

        Path browser = browser();
        Path profile = Files.createTempDirectory("chromium-profile");
        try {
            Process process = new ProcessBuilder(
                            browser.toString(),
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--user-data-dir=" + profile,
                            "--virtual-time-budget=15000",
                            "--dump-dom",
                            link)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String dom = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(90, TimeUnit.SECONDS))
                    .as("browser finished")
                    .isTrue();
            // The marker is nowhere in the page itself: only the editor, filled from the link, shows it.
            assertThat(dom).contains("graphiql-container", "linked-from-the-docs");
        } finally {
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    /** Debian's chromium; .ci/run installs it. Locally the test is skipped without one, in CI it fails. */
    private static Path browser() throws IOException {
        String configured = System.getenv("CHROMIUM_BIN");
        for (String candidate : configured != null
                ? List.of(configured)
                : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("No Chromium found; .ci/run installs Debian's chromium package.");
        }
        Assumptions.abort("No Chromium installed (apt-get install chromium); skipping the browser test.");
        return null;
    }
}
