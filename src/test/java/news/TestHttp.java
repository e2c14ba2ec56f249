package news;

import java.time.Duration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * HTTP clients for tests, with time for the first requests after start-up: on a loaded 2-core machine a cold
 * mutation can take longer than the client's default of 5 s, which says nothing about the behaviour under test.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestHttp {

    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    /** A client of the running service at {@code baseUrl}. */
    public static WebTestClient client(String baseUrl) {
        return WebTestClient.bindToServer()
                .responseTimeout(RESPONSE_TIMEOUT)
                .baseUrl(baseUrl)
                .build();
    }

    @Bean
    WebTestClientBuilderCustomizer generousResponseTimeout() {
        return builder -> builder.responseTimeout(RESPONSE_TIMEOUT);
    }
}
