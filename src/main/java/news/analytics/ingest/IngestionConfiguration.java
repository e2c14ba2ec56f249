package news.analytics.ingest;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.InetSocketAddress;
import java.util.Map;
import news.analytics.AnalyticsProperties;
import news.graphql.GraphQlLimits;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.util.function.SingletonSupplier;
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
     * runs before the {@code http.server.requests} observation, which has the same order. Filters are made while the
     * web server starts, before the other beans; the beacon's filter and what it uses (the recorder, the settings) are
     * made at its first request instead, so they are built, and their settings bound, like every other bean.
     */
    @Bean
    FilterRegistrationBean<Filter> viewBeaconFilter(
            ObjectProvider<ViewRecorder> recorder,
            ObjectProvider<JsonMapper> json,
            ObjectProvider<GraphQlLimits> limits,
            ObjectProvider<AnalyticsProperties> settings,
            // The configuration the security chain applies (Spring MVC's handler mappings are another source).
            @Qualifier("corsConfigurationSource") ObjectProvider<CorsConfigurationSource> cors) {
        SingletonSupplier<ViewBeaconFilter> beacon = SingletonSupplier.of(() -> new ViewBeaconFilter(
                recorder.getObject(), json.getObject(), limits.getObject(), settings.getObject(), cors.getObject()));
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                (request, response, chain) -> beacon.obtain().doFilter(request, response, chain));
        registration.setName("viewBeaconFilter");
        registration.addUrlPatterns("/views");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
