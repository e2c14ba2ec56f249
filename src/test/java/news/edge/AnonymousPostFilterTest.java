package news.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import news.HttpTestBase;
import news.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Anonymous JSON POSTs to {@code /graphql} are answered before the security chain and Spring MVC
 * ({@link AnonymousPostFilter}): every request of a varied set (public reads, editors' fields and mutations without a
 * token, malformed bodies, wrong content types, refused {@code Accept}, validation errors, unknown persisted hashes)
 * gets the same status, headers and body as when it goes through the chain and MVC; and exactly the plain anonymous
 * POST is taken, every other request is passed on.
 */
@IntegrationTest
class AnonymousPostFilterTest extends HttpTestBase {

    @Autowired
    @Qualifier("anonymousPostFilter")
    FilterRegistrationBean<Filter> registration;

    @Autowired
    MeterRegistry registry;

    final HttpClient client = HttpClient.newHttpClient();

    /** Body, content type and Accept of each request compared. */
    record Sent(String body, String contentType, String accept) {}

    static final List<Sent> REQUESTS = List.of(
            new Sent("{\"query\":\"{ sections { slug name } }\"}", "application/json", null),
            new Sent(
                    "{\"query\":\"query L($n: Int!) { latest(first: $n) { edges { node { id headline slug } } } }\","
                            + "\"variables\":{\"n\":3}}",
                    "application/json; charset=UTF-8",
                    "application/graphql-response+json"),
            new Sent("{\"query\":\"{ drafts(first: 1) { edges { node { id } } } }\"}", "application/json", null),
            new Sent(
                    "{\"query\":\"mutation { publishArticle(input: {id: \\\"QXJ0aWNsZTox\\\", version: 1})"
                            + " { __typename } }\"}",
                    "application/json",
                    null),
            new Sent("{\"query\":\"{ nosuchfield }\"}", "application/json", "application/graphql-response+json"),
            new Sent("{\"query\":\"{ nosuchfield }\"}", "application/json", null),
            new Sent(
                    "{\"query\":\"{ latest(first: \\\"x\\\") { edges { node { id } } } }\"}", "application/json", null),
            new Sent("{\"query\":", "application/json", null),
            new Sent("[{\"query\":\"{ sections { slug } }\"}]", "application/json", null),
            new Sent("{\"query\":\"{ sections { slug } }\"}", "text/plain", null),
            new Sent("{\"query\":\"{ sections { slug } }\"}", "application/json; charset=nonesuch", null),
            new Sent("{\"query\":\"{ sections { slug } }\"}", "application/json", "text/html"),
            new Sent(
                    "{\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + "0".repeat(64) + "\"}}}",
                    "application/json",
                    null));

    @Test
    void everyRequest_isAnsweredAlike_withAndWithoutTheSecurityChainAndMvc() throws Exception {
        for (Sent sent : REQUESTS) {
            HttpResponse<String> plain = send(sent, Map.of());
            // A same-origin Origin header is no CORS request, but it sends the request through the chain and MVC.
            HttpResponse<String> chained = send(sent, Map.of("Origin", baseUrl()));
            assertThat(plain.statusCode()).as(sent.toString()).isEqualTo(chained.statusCode());
            assertThat(headers(plain)).as(sent.toString()).isEqualTo(headers(chained));
            assertThat(plain.body()).as(sent.toString()).isEqualTo(chained.body());
        }
    }

    @Test
    void answersHere_areTimedAsRequestsToTheEndpoint() throws Exception {
        long before = postsTimed();
        HttpResponse<String> answer = send(REQUESTS.get(0), Map.of());
        assertThat(answer.statusCode()).isEqualTo(200);
        // The timer is stopped after the answer is written; its count follows shortly.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (postsTimed() < before + 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(postsTimed()).isGreaterThanOrEqualTo(before + 1);
    }

    private long postsTimed() {
        return registry.find("http.server.requests").tag("uri", "/graphql").tag("method", "POST").timers().stream()
                .mapToLong(io.micrometer.core.instrument.Timer::count)
                .sum();
    }

    @Test
    void onlyThePlainAnonymousPost_isTaken() throws Exception {
        Filter filter = registration.getFilter();
        String query = "{\"query\":\"{ sections { slug } }\"}";

        MockHttpServletResponse answered = new MockHttpServletResponse();
        ServletRequest passedOn = run(filter, post(query), answered);
        assertThat(passedOn).as("the plain anonymous POST is answered here").isNull();
        assertThat(answered.getStatus()).isEqualTo(200);
        assertThat(answered.getContentAsString()).contains("\"sections\"");
        assertThat(answered.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answered.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(SecurityContextHolder.getContext().getAuthentication())
                .as("no authentication is left on the thread")
                .isNull();

        List<MockHttpServletRequest> others = new ArrayList<>();
        MockHttpServletRequest withToken = post(query);
        withToken.addHeader("Authorization", "Bearer x");
        others.add(withToken);
        MockHttpServletRequest withOrigin = post(query);
        withOrigin.addHeader("Origin", "https://web.example.id");
        others.add(withOrigin);
        MockHttpServletRequest events = post(query);
        events.addHeader("Accept", "text/event-stream");
        others.add(events);
        MockHttpServletRequest get = post(query);
        get.setMethod("GET");
        others.add(get);
        MockHttpServletRequest pathParameter = post(query);
        pathParameter.setRequestURI("/graphql;x=1");
        others.add(pathParameter);
        MockHttpServletRequest doubled = post(query);
        doubled.setRequestURI("//graphql");
        others.add(doubled);
        for (MockHttpServletRequest other : others) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            assertThat(run(filter, other, response))
                    .as(other.getMethod() + " " + other.getRequestURI() + " " + headerNames(other))
                    .isSameAs(other);
            assertThat(response.getContentAsByteArray()).isEmpty();
        }
    }

    @Test
    void aHeaderTheChainsFirewallRefuses_isA400() throws Exception {
        MockHttpServletRequest request = post("{\"query\":\"{ sections { slug } }\"}");
        // Headers are checked as they are read; the user agent is (for view counting).
        request.addHeader("User-Agent", "bell\u0007");
        MockHttpServletResponse response = new MockHttpServletResponse();
        ServletRequest passedOn = run(registration.getFilter(), request, response);
        assertThat(passedOn).isNull();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).doesNotContain("sections");
    }

    private static MockHttpServletRequest post(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    private static String headerNames(MockHttpServletRequest request) {
        return java.util.Collections.list(request.getHeaderNames()).toString();
    }

    /** Runs the filter; returns the request passed on to the rest of the chain, or null when none was. */
    private static ServletRequest run(Filter filter, MockHttpServletRequest request, MockHttpServletResponse response)
            throws Exception {
        AtomicReference<ServletRequest> passed = new AtomicReference<>();
        filter.doFilter(request, response, (req, res) -> passed.set(req));
        return passed.get();
    }

    private HttpResponse<String> send(Sent sent, Map<String, String> extra) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/graphql"))
                .header("Content-Type", sent.contentType())
                .POST(HttpRequest.BodyPublishers.ofString(sent.body()));
        if (sent.accept() != null) {
            request.header("Accept", sent.accept());
        }
        extra.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every header but the two that differ per response (its date and its request id). */
    private static Map<String, List<String>> headers(HttpResponse<String> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.remove("date");
        headers.remove("x-request-id");
        return headers;
    }
}
