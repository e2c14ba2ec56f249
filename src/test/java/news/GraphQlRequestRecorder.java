package news;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.server.WebGraphQlInterceptor;

/**
 * Records the documents and ids of GraphQL requests that reach the server, so tests can see what a browser sent and
 * how the request was named.
 */
@TestConfiguration(proxyBeanMethods = false)
public class GraphQlRequestRecorder {

    private final List<String> documents = Collections.synchronizedList(new ArrayList<>());

    private final List<String> ids = Collections.synchronizedList(new ArrayList<>());

    @Bean
    WebGraphQlInterceptor requestRecorder() {
        return (request, chain) -> {
            documents.add(request.getDocument());
            ids.add(request.getId());
            return chain.next(request);
        };
    }

    public List<String> ids() {
        synchronized (ids) {
            return List.copyOf(ids);
        }
    }

    public List<String> documents() {
        synchronized (documents) {
            return List.copyOf(documents);
        }
    }
}
