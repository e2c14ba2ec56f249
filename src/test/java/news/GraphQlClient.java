package news;

import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Builds GraphQL testers that talk to the running service over HTTP. */
public final class GraphQlClient {

    private GraphQlClient() {}

    public static HttpGraphQlTester forPort(int port) {
        WebTestClient client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port + "/graphql")
                .responseTimeout(TestHttp.RESPONSE_TIMEOUT)
                .build();
        return HttpGraphQlTester.create(client);
    }
}
