package news.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Answers that may hold editors' data are never stored by a shared cache: every response to a request with an
 * {@code Authorization} header, to a mutation, or to a query selecting an editors' field carries
 * {@code Cache-Control: private, no-store}.
 */
@IntegrationTest
class PrivateResponsesTest extends HttpTestBase {

    static final String PRIVATE = "private, no-store";

    @Autowired
    ListableBeanFactory beans;

    WebTestClient.ResponseSpec graphql(String query, String authorization) {
        return http().post()
                .uri("/graphql")
                .headers(h -> {
                    if (authorization != null) {
                        h.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", query))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void anyAuthorizationHeader_makesTheAnswerPrivate() {
        String editor =
                "Bearer " + Tokens.token("ani", List.of("EDITOR"), java.time.Duration.ofMinutes(5), Tokens.SECRET);
        graphql("{ drafts(first: 1) { totalCount } }", editor)
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, PRIVATE)
                .expectBody()
                .jsonPath("$.data.drafts.totalCount")
                .exists();
        // A public query by an editor, a broken token, a header that is not even a bearer token.
        for (String authorization : List.of(editor, "Bearer kaput", "Basic YWRtaW46YWRtaW4=")) {
            graphql("{ sections { slug } }", authorization)
                    .expectHeader()
                    .valueEquals(HttpHeaders.CACHE_CONTROL, PRIVATE);
        }
        http().get()
                .uri("/actuator/metrics")
                .header(HttpHeaders.AUTHORIZATION, editor)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, PRIVATE);
        http().get()
                .uri("/no/such/path")
                .header(HttpHeaders.AUTHORIZATION, editor)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, PRIVATE);
    }

    @Test
    void editorsFieldsAndMutations_arePrivateEvenWithoutAToken() {
        for (String query : List.of(
                "{ drafts(first: 1) { totalCount } }",
                "{ sections { slug } a: analytics { ingestion { accepted } } }",
                "{ ... on Query { e: editorArticle(slug: \"x\") { id } } }",
                "query Page { ...Editor } fragment Editor on Query { drafts { totalCount } }",
                "mutation { recordView(input: {articleId: \"QXJ0aWNsZTox\"}) { counted } }")) {
            graphql(query, null).expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, PRIVATE);
        }
    }

    @Test
    void publicQueriesWithoutAToken_areNotMarkedPrivate() {
        HttpHeaders headers = graphql("{ latest(first: 1) { edges { node { slug } } } sections { slug } }", null)
                .expectBody()
                .jsonPath("$.data.latest.edges[0].node.slug")
                .exists()
                .returnResult()
                .getResponseHeaders();
        assertThat(String.valueOf(headers.getCacheControl()))
                .doesNotContain("private")
                .doesNotContain("no-store");
    }

    @Test
    void editorsFields_areFoundFromTheControllersGuards() {
        assertThat(PrivateOperations.guardedQueryFields(beans))
                .contains("editorArticle", "editorArticleById", "drafts", "analytics")
                .doesNotContain("article", "latest", "sections", "popular", "search", "node");
    }

    @Test
    void aPrivateResponse_keepsItsCacheControlWhateverIsSetLater() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
        request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer x");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new PrivateResponses().doFilter(request, response, (req, res) -> {
            jakarta.servlet.http.HttpServletResponse http = (jakarta.servlet.http.HttpServletResponse) res;
            http.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=60");
            http.addHeader(HttpHeaders.CACHE_CONTROL, "s-maxage=600");
            http.setHeader("Surrogate-Control", "max-age=3600");
            http.setHeader("CDN-Cache-Control", "max-age=3600");
            http.setDateHeader(HttpHeaders.EXPIRES, System.currentTimeMillis() + 60_000);
            http.setHeader(HttpHeaders.ETAG, "\"v1\"");
        });
        assertThat(response.getHeaders(HttpHeaders.CACHE_CONTROL)).containsExactly(PRIVATE);
        assertThat(response.getHeader("Surrogate-Control")).isNull();
        assertThat(response.getHeader("CDN-Cache-Control")).isNull();
        assertThat(response.getHeader(HttpHeaders.EXPIRES)).isNull();
        assertThat(response.getHeader(HttpHeaders.ETAG)).isEqualTo("\"v1\"");

        MockHttpServletResponse open = new MockHttpServletResponse();
        new PrivateResponses()
                .doFilter(
                        new MockHttpServletRequest("POST", "/graphql"),
                        open,
                        (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res)
                                .setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=60"));
        assertThat(open.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("public, max-age=60");
    }
}
