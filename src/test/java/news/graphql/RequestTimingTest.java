package news.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import news.HttpTestBase;
import news.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each GraphQL request is timed once, by its operation; neither the request again, nor its fields, DataLoader
 * batches or the filters of the security chain get timers of their own.
 */
@IntegrationTest
class RequestTimingTest extends HttpTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void aListOfArticlesIsOneTimingAndNoFieldTimings() {
        long before = timed("LatestForTiming");
        graphQlClient()
                .document("query LatestForTiming { latest(first: 5) { edges { node { id url section { id url }"
                        + " reporters { id name } tags { id } body { type } } } } }")
                .execute()
                .errors()
                .verify()
                .path("latest.edges")
                .entityList(Object.class)
                .hasSizeGreaterThan(0);

        assertThat(timed("LatestForTiming")).isEqualTo(before + 1);
        assertThat(meters.find("graphql.request").meters()).isEmpty();
        assertThat(meters.find("graphql.datafetcher").meters()).isEmpty();
        assertThat(meters.find("graphql.dataloader").meters()).isEmpty();
        assertThat(meters.getMeters()).noneMatch(m -> m.getId().getName().startsWith("spring.security.filterchain"));
    }

    private long timed(String operation) {
        return meters.find("news.graphql.operation").tag("operation", operation).timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }
}
