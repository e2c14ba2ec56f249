package news;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The running service's port and clients for a test of a {@code @SpringBootTest} context with a web server (usually
 * the shared {@link IntegrationTest} one): extend it instead of declaring {@code @LocalServerPort} again.
 */
public abstract class HttpTestBase {

    @LocalServerPort
    protected int port;

    /** The service's address, {@code http://localhost:<port>}. */
    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** An HTTP client of the service (with {@link TestHttp#RESPONSE_TIMEOUT}). */
    protected WebTestClient http() {
        return TestHttp.client(baseUrl());
    }

    /** A GraphQL client of the service's {@code /graphql}, anonymous until {@code mutate()}d. */
    protected HttpGraphQlTester graphQlClient() {
        return GraphQlClient.forPort(port);
    }
}
