package news.edge;

import static news.edge.ResponseCacheTest.LATEST;
import static news.edge.ResponseCacheTest.exchange;
import static news.edge.ResponseCacheTest.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import news.HttpTestBase;
import news.VariantIntegrationTest;
import news.section.SectionDirectory;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * An instance with {@code news.edge.response-cache.enabled=false} keeps nothing, over real HTTP: its answers still
 * tell CDNs they are public, and it neither looks up nor stores them.
 */
@VariantIntegrationTest
class ResponseCacheOffTest extends HttpTestBase {

    @Autowired
    DSLContext dsl;

    @Autowired
    SectionDirectory sections;

    @Autowired
    ResponseCache cache;

    @Test
    void turnedOff_keepsNothing() {
        Fixtures fixtures = new Fixtures(dsl);
        String section = Fixtures.unique("cache");
        fixtures.section(section, "Cache " + section, null);
        fixtures.article(
                Fixtures.unique("cached"),
                section,
                "PUBLISHED",
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(1),
                "[]");
        sections.invalidate();

        EntityExchangeResult<byte[]> first = exchange(get(port, LATEST, Map.of("section", section)));
        assertThat(first.getResponseHeaders().getCacheControl()).startsWith("public");
        exchange(get(port, LATEST, Map.of("section", section)));
        exchange(get(port, LATEST, Map.of("section", section))
                .header(HttpHeaders.IF_NONE_MATCH, first.getResponseHeaders().getETag()));
        assertThat(cache.size()).isZero();
        String metrics = http().get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics)
                .contains("news_edge_response_cache_total{result=\"hit\"} 0.0")
                .contains("news_edge_response_cache_total{result=\"miss\"} 0.0");
    }
}
