package news.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.SqlStatementCounter;
import news.TestHttp;
import news.Tokens;
import news.section.SectionDirectory;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The origin's response cache over real HTTP: a repeated anonymous GET (and its 304) executes nothing and an editor's
 * request always executes ({@link ResponseCacheOffTest}: with the cache turned off nothing is kept).
 */
@IntegrationTest
class ResponseCacheTest extends HttpTestBase {

    static final String LATEST = """
            query CachedLatest($section: String) {
              latest(section: $section, first: 5) { edges { node { id headline } } }
            }
            """;

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SqlStatementCounter sql;

    @Autowired
    DSLContext dsl;

    @Autowired
    SectionDirectory sections;

    @Autowired
    JdbcConnectionDetails database;

    String section;

    @BeforeEach
    void setUp() {
        Fixtures fixtures = new Fixtures(dsl);
        section = Fixtures.unique("cache");
        fixtures.section(section, "Cache " + section, null);
        fixtures.article(
                Fixtures.unique("cached"),
                section,
                "PUBLISHED",
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(1),
                "[]");
        sections.invalidate();
    }

    static WebTestClient.RequestHeadersSpec<?> get(int port, String query, Map<String, Object> variables) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", query);
        params.put("variables", JSON.writeValueAsString(variables));
        StringBuilder uri = new StringBuilder("http://localhost:" + port + "/graphql");
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            uri.append(separator)
                    .append(param.getKey())
                    .append('=')
                    .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return TestHttp.client("http://localhost:" + port).get().uri(URI.create(uri.toString()));
    }

    static EntityExchangeResult<byte[]> exchange(WebTestClient.RequestHeadersSpec<?> request) {
        return request.exchange().expectBody().returnResult();
    }

    @Test
    void repeatedAnonymousGet_isServedWithoutSql_andIts304Too() {
        EntityExchangeResult<byte[]> first = exchange(get(port, LATEST, Map.of("section", section)));
        assertThat(first.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(first.getResponseBody())
                        .at("/data/latest/edges")
                        .size())
                .isEqualTo(1);

        sql.reset();
        EntityExchangeResult<byte[]> second = exchange(get(port, LATEST, Map.of("section", section)));
        assertThat(sql.statements()).isEmpty();
        assertThat(second.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
        HttpHeaders headers = second.getResponseHeaders();
        assertThat(headers.getETag()).isEqualTo(first.getResponseHeaders().getETag());
        assertThat(headers.getCacheControl())
                .isEqualTo(first.getResponseHeaders().getCacheControl());
        assertThat(headers.getFirst("Surrogate-Key"))
                .isEqualTo(first.getResponseHeaders().getFirst("Surrogate-Key"));

        EntityExchangeResult<byte[]> revalidated = exchange(
                get(port, LATEST, Map.of("section", section)).header(HttpHeaders.IF_NONE_MATCH, headers.getETag()));
        assertThat(revalidated.getStatus()).isEqualTo(HttpStatus.NOT_MODIFIED);
        assertThat(revalidated.getResponseBody()).isNullOrEmpty();
        assertThat(revalidated.getResponseHeaders().getETag()).isEqualTo(headers.getETag());
        assertThat(sql.statements()).isEmpty();

        String metrics = http().get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics)
                .contains("news_edge_response_cache_total{result=\"hit\"}")
                .contains("news_edge_response_cache_total{result=\"miss\"}");
    }

    @Test
    void editorsGet_alwaysExecutes() {
        exchange(get(port, LATEST, Map.of("section", section)));
        exchange(get(port, LATEST, Map.of("section", section)));
        for (int i = 0; i < 2; i++) {
            sql.reset();
            EntityExchangeResult<byte[]> answer =
                    exchange(get(port, LATEST, Map.of("section", section)).headers(Tokens.editor("ani")));
            assertThat(answer.getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(answer.getResponseHeaders().getCacheControl()).isEqualTo("private, no-store");
            assertThat(sql.statements()).isNotEmpty();
        }
    }

    @Test
    void theSameDocumentWithOtherVariables_isAnotherEntry() {
        String other = Fixtures.unique("cache");
        new Fixtures(dsl).section(other, "Cache " + other, null);
        sections.invalidate();
        exchange(get(port, LATEST, Map.of("section", section)));
        EntityExchangeResult<byte[]> empty = exchange(get(port, LATEST, Map.of("section", other)));
        assertThat(JSON.readTree(empty.getResponseBody())
                        .at("/data/latest/edges")
                        .size())
                .isZero();
    }
}
