package news.analytics.ingest;

import java.net.InetSocketAddress;
import java.util.Map;
import news.web.BodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.util.unit.DataSize;

/**
 * The request origin for GraphQL, and the body limit of the view beacon.
 */
@Configuration(proxyBeanMethods = false)
class IngestionConfiguration {

    /** Hands the client's address and user agent, and the host it addressed, to the resolvers that record views. */
    @Bean
    WebGraphQlInterceptor clientOriginInterceptor() {
        return (request, chain) -> {
            InetSocketAddress remote = request.getRemoteAddress();
            String ip = remote == null ? "" : remote.getHostString();
            ClientOrigin origin = new ClientOrigin(
                    ip,
                    request.getHeaders().getFirst("User-Agent"),
                    IngestionEntryPoint.GRAPHQL,
                    request.getUri().getHost());
            request.configureExecutionInput(
                    (input, builder) -> builder.graphQLContext(Map.of(ClientOrigin.CONTEXT_KEY, origin))
                            .build());
            return chain.next(request);
        };
    }

    /** A beacon is one small JSON object or form; nothing bigger is read from {@code POST /views}. */
    @Bean
    BodyLimit beaconBodyLimit() {
        return new BodyLimit("/views", DataSize.ofBytes(ViewBeaconController.MAX_BODY));
    }
}
