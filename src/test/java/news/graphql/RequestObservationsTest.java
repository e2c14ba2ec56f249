package news.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import news.GraphQlClient;
import news.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Each GraphQL request is timed once; its fields and DataLoader batches are not timed one by one. */
@IntegrationTest
class RequestObservationsTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void aListOfArticlesIsOneRequestObservationAndNoFieldObservations() {
        long before = requests();
        GraphQlClient.forPort(port)
                .document("{ latest(first: 5) { edges { node { id url section { id url } reporters { id name }"
                        + " tags { id } body { type } } } } }")
                .execute()
                .errors()
                .verify()
                .path("latest.edges")
                .entityList(Object.class)
                .hasSizeGreaterThan(0);

        assertThat(requests()).isEqualTo(before + 1);
        assertThat(meters.find("graphql.datafetcher").meters()).isEmpty();
        assertThat(meters.find("graphql.dataloader").meters()).isEmpty();
    }

    private long requests() {
        return meters.find("graphql.request").timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }
}
