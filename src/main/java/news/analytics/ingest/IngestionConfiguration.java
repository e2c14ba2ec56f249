package news.analytics.ingest;

import jakarta.servlet.DispatcherType;
import java.net.InetSocketAddress;
import java.util.Map;
import news.analytics.AnalyticsProperties;
import news.graphql.GraphQlLimits;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.web.cors.CorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request origin for GraphQL, and the view beacon's filter.
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

    /**
     * {@code /views}, answered by {@link ViewBeaconFilter} before the security chain, the request timer and Spring
     * MVC (it caps its own body at {@value ViewBeaconFilter#MAX_BODY} bytes). Its order comes right after the request
     * id's ({@code news.edge}, first of all) and, for equal orders, user filters sort before Spring Boot's own, so it
     * runs before the {@code http.server.requests} observation, which has the same order.
     */
    @Bean
    FilterRegistrationBean<ViewBeaconFilter> viewBeaconFilter(
            ViewRecorder recorder,
            JsonMapper json,
            GraphQlLimits limits,
            AnalyticsProperties settings,
            // The configuration the security chain applies (Spring MVC's handler mappings are another source).
            @Qualifier("corsConfigurationSource") CorsConfigurationSource cors) {
        FilterRegistrationBean<ViewBeaconFilter> registration =
                new FilterRegistrationBean<>(new ViewBeaconFilter(recorder, json, limits, settings, cors));
        registration.addUrlPatterns("/views");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
