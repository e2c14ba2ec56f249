package news.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
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
 * Anonymous JSON POSTs and GETs to {@code /graphql} are answered before the security chain and Spring MVC
 * ({@link AnonymousGraphQlFilter}): every request of a varied set (public reads, editors' fields and mutations without a
 * token, malformed bodies and query strings, wrong content types, refused {@code Accept}, validation errors, unknown
 * persisted hashes; for GET also answers kept by the response cache and 304s) gets the same status, headers and body
 * as when it goes through the chain and MVC; and exactly the plain anonymous POST or GET is taken, every other request
 * is passed on.
 */
@IntegrationTest
class AnonymousGraphQlFilterTest extends HttpTestBase {

    @Autowired
    @Qualifier("anonymousGraphQlFilter")
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

    /** Query strings of the GETs compared (before encoding), and their Accept header. */
    record Got(Map<String, String> params, String accept) {}

    static final List<Got> GETS = List.of(
            new Got(Map.of("query", "{ sections { slug name } }"), null),
            new Got(
                    Map.of(
                            "query", "query L($n: Int!) { latest(first: $n) { edges { node { id headline slug } } } }",
                            "variables", "{\"n\":3}",
                            "operationName", "L"),
                    "application/json"),
            new Got(Map.of("query", "{ drafts(first: 1) { edges { node { id } } } }"), null),
            new Got(
                    Map.of(
                            "query",
                            "mutation { publishArticle(input: {id: \"QXJ0aWNsZTox\", version: 1}) { __typename } }"),
                    null),
            new Got(Map.of("query", "{ nosuchfield }"), null),
            new Got(Map.of("query", "{ nosuchfield }"), "application/json"),
            new Got(Map.of("query", "{ latest(first: \"x\") { edges { node { id } } } }"), null),
            new Got(Map.of("query", "{ sections { slug } }", "variables", "[1]"), null),
            new Got(Map.of("operationName", "Nothing"), null),
            new Got(Map.of("query", "{ sections { slug } }"), "text/html"),
            new Got(
                    Map.of(
                            "extensions",
                            "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + "1".repeat(64) + "\"}}"),
                    null));

    @Test
    void everyGet_isAnsweredAlike_withAndWithoutTheSecurityChainAndMvc_keptOrNot() throws Exception {
        // Each GET twice, with a comment making its document new to the response cache: answered plain first (the
        // chained one then gets the kept answer, if any), and through the chain first (the plain one gets it).
        for (Got got : GETS) {
            for (boolean plainFirst : new boolean[] {true, false}) {
                Got fresh = withComment(got, "# " + UUID.randomUUID());
                HttpResponse<String> first = get(fresh, plainFirst ? Map.of() : Map.of("Origin", baseUrl()));
                HttpResponse<String> second = get(fresh, plainFirst ? Map.of("Origin", baseUrl()) : Map.of());
                String what = got + (plainFirst ? ", plain first" : ", through the chain first");
                assertThat(first.statusCode()).as(what).isEqualTo(second.statusCode());
                assertThat(headers(first)).as(what).isEqualTo(headers(second));
                assertThat(first.body()).as(what).isEqualTo(second.body());
            }
        }
    }

    @Test
    void aMatchingIfNoneMatch_isA304_withAndWithoutTheSecurityChainAndMvc() throws Exception {
        Got got = withComment(GETS.get(0), "# " + UUID.randomUUID());
        HttpResponse<String> full = get(got, Map.of());
        assertThat(full.statusCode()).isEqualTo(200);
        String etag = full.headers().firstValue("ETag").orElseThrow();
        // Kept by the response cache now; a fresh document is executed again, both ways.
        Got executed = withComment(GETS.get(0), "# " + UUID.randomUUID());
        for (Got each : List.of(got, executed)) {
            HttpResponse<String> plain = get(each, Map.of("If-None-Match", etag));
            HttpResponse<String> chained = get(each, Map.of("If-None-Match", etag, "Origin", baseUrl()));
            assertThat(plain.statusCode()).isEqualTo(304);
            assertThat(chained.statusCode()).isEqualTo(304);
            assertThat(headers(plain)).isEqualTo(headers(chained));
            assertThat(plain.body()).isEmpty();
            assertThat(chained.body()).isEmpty();
        }
    }

    private static Got withComment(Got got, String comment) {
        Map<String, String> params = new TreeMap<>(got.params());
        params.computeIfPresent("query", (name, query) -> query + "\n" + comment);
        return new Got(params, got.accept());
    }

    private HttpResponse<String> get(Got got, Map<String, String> extra) throws Exception {
        StringBuilder query = new StringBuilder();
        got.params()
                .forEach((name, value) -> query.append(query.isEmpty() ? "" : "&")
                        .append(name)
                        .append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/graphql?" + query))
                .GET();
        if (got.accept() != null) {
            request.header("Accept", got.accept());
        }
        extra.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
    void onlyThePlainAnonymousPostAndGet_areTaken() throws Exception {
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

        MockHttpServletResponse answeredGet = new MockHttpServletResponse();
        assertThat(run(filter, get("{ sections { slug } }"), answeredGet))
                .as("the plain anonymous GET is answered here")
                .isNull();
        assertThat(answeredGet.getStatus()).isEqualTo(200);
        assertThat(answeredGet.getContentAsString()).contains("\"sections\"");
        assertThat(answeredGet.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answeredGet.getHeader("ETag")).isNotBlank();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();

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
        MockHttpServletRequest getWithToken = get("{ sections { slug } }");
        getWithToken.addHeader("Authorization", "Bearer x");
        others.add(getWithToken);
        MockHttpServletRequest getWithOrigin = get("{ sections { slug } }");
        getWithOrigin.addHeader("Origin", "https://web.example.id");
        others.add(getWithOrigin);
        MockHttpServletRequest getEvents = get("{ sections { slug } }");
        getEvents.addHeader("Accept", "text/event-stream");
        others.add(getEvents);
        for (String method : List.of("HEAD", "PUT", "DELETE", "OPTIONS")) {
            MockHttpServletRequest other = post(query);
            other.setMethod(method);
            others.add(other);
        }
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

    private static MockHttpServletRequest get(String document) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/graphql");
        request.setQueryString("query=" + URLEncoder.encode(document, StandardCharsets.UTF_8));
        request.addParameter("query", document);
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
