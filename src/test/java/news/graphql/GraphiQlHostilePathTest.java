package news.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import news.GraphQlRequestRecorder;
import news.HttpTestBase;
import news.IntegrationTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

/**
 * {@code /graphiql?path=.evil.test/graphql} used to append the parameter to the page's origin, so GraphiQL sent its
 * introspection, the user's queries and any header typed into it (a token) to {@code news.test.evil.test}. The page
 * now only ever talks to its own origin's GraphQL endpoint: the service redirects any other {@code path} to its own,
 * the page's script ignores anything but a plain same-origin path, and its Content-Security-Policy allows requests to
 * its own origin only. Checked in a real headless Chromium that resolves {@code news.test} to the service and every
 * {@code *.evil.test} host to a recording server.
 */
@IntegrationTest
class GraphiQlHostilePathTest extends HttpTestBase {

    private static final List<String> HOSTILE_PATHS = List.of(
            ".evil.test/graphql",
            "@evil.test/graphql",
            "//evil.test/graphql",
            "/\\evil.test/graphql",
            "http://evil.test/graphql",
            "https:evil.test/graphql",
            ":80@evil.test/graphql",
            "/graphql/../../x",
            "/views",
            "");

    @Autowired
    GraphQlRequestRecorder requests;

    @Test
    void hostilePath_sendsNothingToAnotherHost_inARealBrowser() throws Exception {
        Path browser = browser();
        List<String> stolen = new CopyOnWriteArrayList<>();
        HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        evil.createContext("/", exchange -> {
            stolen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " from "
                    + exchange.getRequestHeaders().getFirst("Host"));
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "*");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        evil.start();
        try {
            for (String hostile : List.of(".evil.test/graphql", "@evil.test/graphql")) {
                int before = requests.documents().size();
                String dom = dumpDom(
                        browser,
                        "http://news.test/graphiql?path=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8),
                        "MAP news.test 127.0.0.1:" + port + ", MAP *.evil.test 127.0.0.1:"
                                + evil.getAddress().getPort() + ", MAP evil.test 127.0.0.1:"
                                + evil.getAddress().getPort());
                assertThat(stolen)
                        .as("requests sent to another host for path=" + hostile)
                        .isEmpty();
                assertThat(dom).contains("graphiql-container");
                assertThat(requests.documents()
                                .subList(before, requests.documents().size()))
                        .as("the page loaded the schema from its own origin")
                        .anySatisfy(document -> assertThat(document).contains("__schema"));
            }
        } finally {
            evil.stop(0);
        }
    }

    @Test
    void hostilePath_isRedirectedToTheServicesOwnEndpoint_keepingTheOtherParameters() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String hostile : HOSTILE_PATHS) {
            String query = "query=" + URLEncoder.encode("{ sections { slug } }", StandardCharsets.UTF_8);
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphiql?" + query + "&path="
                                    + URLEncoder.encode(hostile, StandardCharsets.UTF_8)))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).as(hostile).isEqualTo(307);
            assertThat(response.headers().firstValue("Location").orElseThrow())
                    .as(hostile)
                    .isEqualTo("/graphiql?" + query + "&path=/graphql");
        }
        // The service's own path is served as it is.
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphiql?path=/graphql"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>", "<style>");
    }

    /**
     * The pages carry a strict Content-Security-Policy (before: none), and still work with it: the existing browser
     * tests of GraphiQL ({@link GraphiQlPageTest}) and the dashboard ({@code DashboardPageTest}) run under it.
     */
    @Test
    void pagesWithoutAContentSecurityPolicy_nowSendAStrictOne() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String page : List.of("/graphiql?path=/graphql", "/dashboard", "/dashboard/index.html")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + page))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            String policy =
                    response.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(policy)
                    .as(page)
                    .contains(
                            "default-src 'self'",
                            "script-src 'self'",
                            "connect-src 'self'",
                            "frame-ancestors 'none'",
                            "object-src 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "*");
            assertThat(response.body()).as(page).doesNotContain("<script>", " onclick=", "javascript:");
        }
    }

    private static String dumpDom(Path browser, String url, String hostRules) throws Exception {
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
                            "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable",
                            "--host-resolver-rules=" + hostRules,
                            "--user-data-dir=" + profile,
                            "--virtual-time-budget=15000",
                            "--dump-dom",
                            url)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String dom = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(90, TimeUnit.SECONDS))
                    .as("browser finished")
                    .isTrue();
            return dom;
        } finally {
            FileSystemUtils.deleteRecursively(profile);
        }
    }

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
