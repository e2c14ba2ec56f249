package news.edge;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import news.content.ContentChanges;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The GraphQL endpoint as CDNs and clients meet it: GET, strict POST bodies, caching headers, request ids, operation
 * timings. Only in a servlet web application; purges are announced in any (see {@link PurgeConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class EdgeConfiguration {

    @Bean
    EdgeMetrics edgeMetrics(MeterRegistry registry, EdgeProperties settings) {
        return new EdgeMetrics(registry, settings.maxOperationNames());
    }

    @Bean
    ResponseCache responseCache(EdgeProperties settings, ContentChanges changes, PurgeKeys keys) {
        return new ResponseCache(settings.responseCache(), changes, keys);
    }

    @Bean
    OperationTimings operationTimings(EdgeMetrics metrics) {
        return new OperationTimings(metrics);
    }

    @Bean
    PublicAnswers publicAnswers(EdgeProperties settings) {
        return new PublicAnswers(settings);
    }

    /**
     * Spring's POST handler, reading bodies with a mapper that does not turn a number or boolean into the text of
     * {@code query} or {@code operationName}: such a body is a 400, as the GraphQL-over-HTTP specification allows.
     */
    @Bean
    GraphQlHttpHandler graphQlHttpHandler(WebGraphQlHandler handler, JsonMapper json) {
        JsonMapper strict = json.rebuild()
                .withCoercionConfig(
                        LogicalType.Textual,
                        config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
        return new GraphQlHttpHandler(handler, new JacksonJsonHttpMessageConverter(strict));
    }

    /** Ahead of Spring's own routes, which answer GET with 405. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> graphQlGetRoute(
            @Value("${spring.graphql.http.path:/graphql}") String path,
            @Value("${spring.graphql.graphiql.path:/graphiql}") String graphiql,
            WebGraphQlHandler handler,
            JsonMapper json,
            EdgeProperties settings,
            EdgeMetrics metrics,
            ResponseCache cache) {
        GraphQlGetHandler get = new GraphQlGetHandler(handler, json, settings, metrics, cache);
        GraphQlPostHandler post = new GraphQlPostHandler(handler, json);
        return RouterFunctions.route(RequestPredicates.GET(path), get::handle)
                // Every POST but subscriptions over server-sent events, which Spring's own route serves.
                .andRoute(RequestPredicates.POST(path).and(request -> !asksForEventStream(request)), post::handle)
                // GraphiQL needs ?path=; Spring's own redirect adds it but encodes the other parameters a second
                // time, which would break deep links such as /graphiql?query=%7B...%7D.
                .andRoute(
                        RequestPredicates.GET(graphiql)
                                .and(request -> request.param("path").isEmpty()),
                        request -> {
                            String query = request.servletRequest().getQueryString();
                            String target = graphiql + "?" + (query == null || query.isEmpty() ? "" : query + "&")
                                    + "path=" + path;
                            try {
                                return ServerResponse.temporaryRedirect(URI.create(target))
                                        .build();
                            } catch (IllegalArgumentException ex) {
                                return ServerResponse.temporaryRedirect(URI.create(graphiql + "?path=" + path))
                                        .build();
                            }
                        });
    }

    /** Whether {@code Accept} names {@code text/event-stream} (with a quality above 0). */
    static boolean asksForEventStream(ServerRequest request) {
        try {
            return request.headers().accept().stream()
                    .anyMatch(type ->
                            MediaType.TEXT_EVENT_STREAM.equalsTypeAndSubtype(type) && type.getQualityValue() > 0);
        } catch (IllegalArgumentException ex) {
            return false;
        }
    }

    @Bean
    FilterRegistrationBean<RequestIds> requestIds() {
        FilterRegistrationBean<RequestIds> registration = new FilterRegistrationBean<>(new RequestIds());
        // Just inside the filter that keeps private answers private; before anything that may log.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
