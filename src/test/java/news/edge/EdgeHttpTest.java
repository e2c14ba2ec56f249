package news.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import news.GraphQlRequestRecorder;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The endpoint as a CDN and Apollo clients meet it, over real HTTP: queries over GET with caching headers, ETags and
 * 304s, surrogate keys naming what an answer holds, private answers for editors, mutations refused over GET, strict
 * POST bodies, automatic persisted queries, request ids and per-operation metrics.
 */
@IntegrationTest
class EdgeHttpTest extends HttpTestBase {

    static final String LATEST =
            "query LatestForEdge { latest(first: 3) { edges { node { id slug section { slug } } } } }";

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    GraphQlRequestRecorder requests;

    /** GET /graphql with the parameters URL-encoded, as a browser or CDN sends them. */
    WebTestClient.RequestHeadersSpec<?> get(Map<String, String> params) {
        return http().get().uri(uri(params));
    }

    /** The endpoint's URL with {@code params} URL-encoded in the query string. */
    URI uri(Map<String, String> params) {
        StringBuilder uri = new StringBuilder("http://localhost:" + port + "/graphql");
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            uri.append(separator)
                    .append(param.getKey())
                    .append('=')
                    .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return URI.create(uri.toString());
    }

    EntityExchangeResult<byte[]> getQuery(String query) {
        return get(Map.of("query", query)).exchange().expectBody().returnResult();
    }

    static JsonNode json(byte[] body) {
        return JSON.readTree(body);
    }

    static long articleId(String globalId) {
        String decoded = new String(Base64.getDecoder().decode(globalId), StandardCharsets.UTF_8);
        return Long.parseLong(decoded.substring(decoded.indexOf(':') + 1));
    }

    @Test
    void publicGet_isCacheableWithAStrongEtagAndTheKeysOfEveryArticleItHolds() throws Exception {
        EntityExchangeResult<byte[]> result = getQuery(LATEST);
        assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
        HttpHeaders headers = result.getResponseHeaders();
        assertThat(headers.getCacheControl()).isEqualTo("public, max-age=30, stale-while-revalidate=60");
        byte[] body = result.getResponseBody();
        String expectedTag = "\""
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(body))
                + "\"";
        assertThat(headers.getETag()).isEqualTo(expectedTag);
        List<String> keys = Arrays.asList(headers.getFirst("Surrogate-Key").split(" "));
        List<String> tags = Arrays.asList(headers.getFirst("Cache-Tag").split(","));
        assertThat(tags).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(keys).contains("news", "list-latest");
        JsonNode edges = json(body).at("/data/latest/edges");
        assertThat(edges.size()).isEqualTo(3);
        for (JsonNode edge : edges) {
            assertThat(keys).contains("article-" + articleId(edge.at("/node/id").asString()));
        }
        assertThat(keys.stream().filter(k -> k.startsWith("section-"))).isNotEmpty();

        // The same GET with the tag: 304, no body, the same validators and caching headers.
        EntityExchangeResult<byte[]> revalidated = get(Map.of("query", LATEST))
                .header(HttpHeaders.IF_NONE_MATCH, expectedTag)
                .exchange()
                .expectBody()
                .returnResult();
        assertThat(revalidated.getStatus()).isEqualTo(HttpStatus.NOT_MODIFIED);
        assertThat(revalidated.getResponseBody()).isNullOrEmpty();
        assertThat(revalidated.getResponseHeaders().getETag()).isEqualTo(expectedTag);
        assertThat(revalidated.getResponseHeaders().getCacheControl()).startsWith("public, max-age=30");

        // A tag that no longer matches gets the whole answer again.
        EntityExchangeResult<byte[]> changed = get(Map.of("query", LATEST))
                .header(HttpHeaders.IF_NONE_MATCH, "\"stale\"")
                .exchange()
                .expectBody()
                .returnResult();
        assertThat(changed.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(changed.getResponseBody()).isEqualTo(body);
    }

    @Test
    void articlePage_isKeptLongerThanLists_andAMixedAnswerAsBrieflyAsItsShortestPart() {
        String slug = json(getQuery(LATEST).getResponseBody())
                .at("/data/latest/edges/0/node/slug")
                .asString();
        EntityExchangeResult<byte[]> page = get(Map.of(
                        "query",
                        "query Page($slug: String!) { article(slug: $slug) { id headline reporters { slug } } }",
                        "variables",
                        "{\"slug\": \"" + slug + "\"}"))
                .exchange()
                .expectBody()
                .returnResult();
        assertThat(page.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(page.getResponseHeaders().getCacheControl())
                .isEqualTo("public, max-age=300, stale-while-revalidate=60");
        String id = json(page.getResponseBody()).at("/data/article/id").asString();
        assertThat(page.getResponseHeaders().getFirst("Surrogate-Key"))
                .contains("article-" + articleId(id))
                .contains("reporter-");

        EntityExchangeResult<byte[]> mixed =
                getQuery("{ article(slug: \"" + slug + "\") { id } latest(first: 1) { totalCount } }");
        assertThat(mixed.getResponseHeaders().getCacheControl()).startsWith("public, max-age=30,");
    }

    @Test
    void getWithAnEditorsToken_isPrivateAndCarriesNoKeys() {
        String editor =
                "Bearer " + Tokens.token("ani", List.of("EDITOR"), java.time.Duration.ofMinutes(5), Tokens.SECRET);
        EntityExchangeResult<byte[]> result = get(Map.of("query", LATEST))
                .header(HttpHeaders.AUTHORIZATION, editor)
                .exchange()
                .expectBody()
                .returnResult();
        assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(result.getResponseHeaders().getCacheControl()).isEqualTo("private, no-store");
        assertThat(result.getResponseHeaders().getFirst("Surrogate-Key")).isNull();

        // An editors' field is private even without a token (it answers UNAUTHORIZED).
        EntityExchangeResult<byte[]> drafts = getQuery("{ drafts(first: 1) { totalCount } }");
        assertThat(drafts.getResponseHeaders().getCacheControl()).isEqualTo("private, no-store");
    }

    @Test
    void mutationOverGet_isRefusedWith405AndRunsNothing() {
        EntityExchangeResult<byte[]> result = get(Map.of(
                        "query",
                        "mutation { recordView(input: {articleId: \"QXJ0aWNsZTox\", visitorId: \"edge-get\"}) { counted } }"))
                .exchange()
                .expectBody()
                .returnResult();
        assertThat(result.getStatus()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(result.getResponseHeaders().getAllow()).containsExactly(org.springframework.http.HttpMethod.POST);
        JsonNode body = json(result.getResponseBody());
        assertThat(body.has("data")).isFalse();
        assertThat(body.at("/errors/0/message").asString()).contains("POST");
    }

    @Test
    void head_isAnsweredAsGet_withoutABody() throws Exception {
        String query = "query HeadForEdge { sections { slug } }";
        HttpResponse<byte[]> get = send("GET", Map.of("query", query));
        HttpResponse<byte[]> head = send("HEAD", Map.of("query", query));
        assertThat(get.body()).isNotEmpty();
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        for (String name : List.of("ETag", "Cache-Control", "Surrogate-Key", "Vary", "Content-Type")) {
            assertThat(head.headers().allValues(name))
                    .as(name)
                    .isNotEmpty()
                    .isEqualTo(get.headers().allValues(name));
        }
        // A mutation is refused as over GET.
        HttpResponse<byte[]> mutation = send(
                "HEAD",
                Map.of(
                        "query",
                        "mutation { recordView(input: {articleId: \"QXJ0aWNsZTox\", visitorId: \"edge-head\"}) { counted } }"));
        assertThat(mutation.statusCode()).isEqualTo(405);
        assertThat(mutation.headers().firstValue("Allow")).hasValue("POST");
        assertThat(mutation.body()).isEmpty();
        // A malformed one is refused as over GET.
        assertThat(send("HEAD", Map.of("query", "{ sections { slug } }", "variables", "[1]"))
                        .statusCode())
                .isEqualTo(400);
    }

    /** {@code method} (GET or HEAD) with {@code params}, with no Accept header, as a plain client sends it. */
    private HttpResponse<byte[]> send(String method, Map<String, String> params) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri(params))
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void getParameters_areReadAsTheSpecificationSays() {
        EntityExchangeResult<byte[]> withVariables = get(Map.of(
                        "query", "query($n: Int) { latest(first: $n) { edges { node { id } } } }",
                        "variables", "{\"n\": 2}"))
                .exchange()
                .expectBody()
                .returnResult();
        assertThat(json(withVariables.getResponseBody())
                        .at("/data/latest/edges")
                        .size())
                .isEqualTo(2);

        EntityExchangeResult<byte[]> badVariables = get(Map.of("query", LATEST, "variables", "[1]"))
                .header(HttpHeaders.ACCEPT, "application/graphql-response+json")
                .exchange()
                .expectBody()
                .returnResult();
        assertThat(badVariables.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json(badVariables.getResponseBody())
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("BAD_REQUEST");

        EntityExchangeResult<byte[]> noQuery =
                get(Map.of()).exchange().expectBody().returnResult();
        assertThat(noQuery.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void postWithANonStringQueryOrOperationName_is400() {
        for (String body : List.of(
                "{\"query\": 1}",
                "{\"query\": true}",
                "{\"query\": \"{ sections { slug } }\", \"operationName\": 7}")) {
            http().post()
                    .uri("/graphql")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
        }
        http().post()
                .uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"query\": \"{ sections { slug } }\"}")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void automaticPersistedQuery_missRegisterThenGetByHashOnly() {
        // A text no other test sends, so its hash cannot have been registered before.
        String query = "query ApqRoundTrip { latest(first: 2) { edges { node { id headline } } } }";
        String hash = HexFormat.of().formatHex(sha256(query));
        Map<String, Object> extensions = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));

        // 1. Apollo's first try: the hash only. The answer tells it to send the text.
        JsonNode miss = post(Map.of("extensions", extensions));
        assertThat(miss.at("/errors/0/message").asString()).isEqualTo("PersistedQueryNotFound");
        assertThat(miss.at("/errors/0/extensions/code").asString()).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        assertThat(miss.has("data")).isFalse();

        // 2. The retry with text and hash runs and registers it.
        JsonNode registered = post(Map.of("query", query, "extensions", extensions));
        assertThat(registered.at("/data/latest/edges").size()).isEqualTo(2);

        // 3. From now on a GET with the hash only, as Apollo's useGETForHashedQueries sends it.
        EntityExchangeResult<byte[]> hit = get(Map.of("extensions", JSON.writeValueAsString(extensions)))
                .exchange()
                .expectBody()
                .returnResult();
        assertThat(hit.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(json(hit.getResponseBody()).at("/data/latest")).isEqualTo(registered.at("/data/latest"));
        assertThat(hit.getResponseHeaders().getCacheControl()).startsWith("public");

        // A hash that is not the text's is refused and registers nothing.
        String wrong = HexFormat.of().formatHex(sha256("something else"));
        JsonNode mismatch = post(Map.of(
                "query", query, "extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", wrong))));
        assertThat(mismatch.at("/errors/0/extensions/code").asString()).isEqualTo("PERSISTED_QUERY_HASH_MISMATCH");
        JsonNode stillUnknown =
                post(Map.of("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", wrong))));
        assertThat(stillUnknown.at("/errors/0/extensions/code").asString()).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
    }

    @Test
    void requestId_isTakenWhenSaneAndMadeOtherwise() {
        http().get()
                .uri("/actuator/health")
                .header("X-Request-Id", "cdn-abc.123")
                .exchange()
                .expectHeader()
                .valueEquals("X-Request-Id", "cdn-abc.123");
        String made = http().get()
                .uri("/actuator/health")
                .header("X-Request-Id", "bad id\twith spaces and far too long ".repeat(3))
                .exchange()
                .returnResult(byte[].class)
                .getResponseHeaders()
                .getFirst("X-Request-Id");
        String another = http().get()
                .uri("/actuator/health")
                .exchange()
                .returnResult(byte[].class)
                .getResponseHeaders()
                .getFirst("X-Request-Id");
        String randomUuid = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
        assertThat(made).matches(randomUuid);
        assertThat(another).matches(randomUuid).isNotEqualTo(made);

        // A GraphQL answer is written in a second (asynchronous) dispatch; it keeps the id its request was given.
        get(Map.of("query", "{ __typename }"))
                .header("X-Request-Id", "graphql-1")
                .exchange()
                .expectHeader()
                .valueEquals("X-Request-Id", "graphql-1");
        // The GraphQL request carries the same id as the HTTP request (interceptors and logs agree).
        assertThat(requests.ids()).contains("graphql-1");
        // A document of its own, so that no cached answer stands in for the execution.
        EntityExchangeResult<byte[]> generated = getQuery("{ id" + System.nanoTime() + ": __typename }");
        assertThat(generated.getResponseHeaders().get("X-Request-Id")).singleElement();
        assertThat(requests.ids()).contains(generated.getResponseHeaders().getFirst("X-Request-Id"));
    }

    @Test
    void operationsAndCacheStatuses_areCountedInPrometheus() {
        getQuery(LATEST);
        String tag = getQuery(LATEST).getResponseHeaders().getETag();
        get(Map.of("query", LATEST)).header(HttpHeaders.IF_NONE_MATCH, tag).exchange();
        // Made-up names beyond the cap are counted as "other", never as a series of their own.
        for (int i = 0; i < 3; i++) {
            getQuery("query Junk" + i + "x" + "y".repeat(80) + " { sections { slug } }");
        }
        String metrics = http().get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics)
                .contains("news_graphql_operation_seconds_count{operation=\"LatestForEdge\",outcome=\"success\"}")
                .contains("news_edge_get_responses_total{status=\"not_modified\"}")
                .contains("news_edge_get_responses_total{status=\"full\"}")
                .doesNotContain("Junk0");
    }

    private JsonNode post(Map<String, Object> body) {
        return json(http().post()
                .uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectBody()
                .returnResult()
                .getResponseBody());
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
