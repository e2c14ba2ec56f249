package news.analytics;

import java.net.InetSocketAddress;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlInterceptor;

/** The request origin for GraphQL. */
@Configuration(proxyBeanMethods = false)
class AnalyticsConfiguration {

    /** Hands the client's address and user agent to the resolvers that record views. */
    @Bean
    WebGraphQlInterceptor clientOriginInterceptor() {
        return (request, chain) -> {
            InetSocketAddress remote = request.getRemoteAddress();
            String ip = remote == null ? "" : remote.getHostString();
            ClientOrigin origin = new ClientOrigin(ip, request.getHeaders().getFirst("User-Agent"));
            request.configureExecutionInput((input, builder) -> builder
                .graphQLContext(Map.of(ClientOrigin.CONTEXT_KEY, origin)).build());
            return chain.next(request);
        };
    }
}
