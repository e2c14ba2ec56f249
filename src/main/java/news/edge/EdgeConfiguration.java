package news.edge;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import news.content.ContentChanges;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.graphql.server.webmvc.GraphQlRequestPredicates;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
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
    ResponseCache responseCache(EdgeProperties settings, ContentChanges changes) {
        return new ResponseCache(settings.responseCache(), changes);
    }

    /** Server-rendered public pages, cached and purged like GET answers (the reader's article pages). */
    @Bean
    PublicPages publicPages(
            ExecutionGraphQlService graphQl, EdgeProperties settings, ResponseCache cache, EdgeMetrics metrics) {
        return new PublicPages(graphQl, settings, cache, metrics);
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
     * Spring's POST handler, which now serves only subscriptions over server-sent events ({@code Accept:
     * text/event-stream}); every other POST goes to {@link GraphQlPostHandler}. It reads bodies with a mapper that does
     * not turn a number or boolean into the text of {@code query} or {@code operationName}.
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

    @Bean
    GraphQlPostHandler graphQlPostHandler(WebGraphQlHandler handler, JsonMapper json) {
        return new GraphQlPostHandler(handler, json);
    }

    @Bean
    GraphQlGetHandler graphQlGetHandler(
            WebGraphQlHandler handler,
            JsonMapper json,
            EdgeProperties settings,
            EdgeMetrics metrics,
            ResponseCache cache) {
        return new GraphQlGetHandler(handler, json, settings, metrics, cache);
    }

    /**
     * Anonymous JSON POSTs and GETs to the endpoint, answered by {@link AnonymousGraphQlFilter} just before the
     * security chain (every filter ordered before it still runs). Filters are made while the web server starts, before
     * the other beans; the filter and the GraphQL handlers it uses are made at its first request instead, so that
     * they, and the settings they bind, are made like every other bean.
     */
    @Bean
    FilterRegistrationBean<Filter> anonymousGraphQlFilter(
            @Value("${spring.graphql.http.path:/graphql}") String path,
            ObjectProvider<GraphQlPostHandler> post,
            ObjectProvider<GraphQlGetHandler> get,
            // The configuration the security chain applies (Spring MVC's handler mappings are another source).
            @Qualifier("corsConfigurationSource") ObjectProvider<CorsConfigurationSource> cors,
            Environment environment) {
        SingletonSupplier<AnonymousGraphQlFilter> filter = SingletonSupplier.of(
                () -> new AnonymousGraphQlFilter(path, post.getObject(), get.getObject(), cors.getObject()));
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                (request, response, chain) -> filter.obtain().doFilter(request, response, chain));
        registration.setName("anonymousGraphQlFilter");
        registration.addUrlPatterns(path);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(environment.getProperty(
                        "spring.security.filter.order", Integer.class, SecurityFilterProperties.DEFAULT_FILTER_ORDER)
                - 1);
        return registration;
    }

    /** Ahead of Spring's own routes, which answer GET with 405. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> graphQlGetRoute(
            @Value("${spring.graphql.http.path:/graphql}") String path,
            @Value("${spring.graphql.graphiql.path:/graphiql}") String graphiql,
            GraphQlGetHandler get,
            GraphQlPostHandler post) {
        return RouterFunctions.route(RequestPredicates.GET(path), get::handle)
                // HEAD as GET (what a CDN or a monitor may send): the same status and headers, Tomcat drops the body.
                .andRoute(RequestPredicates.HEAD(path), get::handle)
                // Every POST but those Spring's own route for server-sent events takes (an event stream asked for
                // with a JSON body): one asking for an event stream with another body gets this handler's classified
                // 415, not Spring's error page.
                .andRoute(
                        RequestPredicates.POST(path).and(request -> !servedAsEventStream(request, path)), post::handle)
                // GraphiQL needs ?path=, and it must be this endpoint: the page sends introspection, queries and the
                // headers typed into it (a token) there. A request without it, or with any other (a host glued to
                // the origin such as ".evil.test/graphql", "//host", "@host", a scheme), is redirected to the same
                // page with path= this endpoint. Spring's own redirect encodes the other parameters a second time,
                // which would break deep links such as /graphiql?query=%7B...%7D, so they are kept as sent.
                .andRoute(
                        RequestPredicates.GET(graphiql)
                                .and(request -> !request.params()
                                        .getOrDefault("path", List.of())
                                        .equals(List.of(path))),
                        request -> {
                            String query =
                                    withoutParameter(request.servletRequest().getQueryString(), "path");
                            String target = graphiql + "?" + (query.isEmpty() ? "" : query + "&") + "path=" + path;
                            try {
                                return ServerResponse.temporaryRedirect(URI.create(target))
                                        .build();
                            } catch (IllegalArgumentException ex) {
                                return ServerResponse.temporaryRedirect(URI.create(graphiql + "?path=" + path))
                                        .build();
                            }
                        });
    }

    /** A raw query string without the parameters named {@code name} (however encoded), the others as sent. */
    static String withoutParameter(String query, String name) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String part : query.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            String raw = equals < 0 ? part : part.substring(0, equals);
            String decoded;
            try {
                decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException ex) {
                decoded = raw;
            }
            if (decoded.equals(name)) {
                continue;
            }
            if (!kept.isEmpty()) {
                kept.append('&');
            }
            kept.append(part);
        }
        return kept.toString();
    }

    /** The GraphiQL page's own script and style ({@code classpath:/graphiql/}): it has no inline script. */
    @Bean
    WebMvcConfigurer graphiQlFiles(@Value("${spring.graphql.graphiql.path:/graphiql}") String graphiql) {
        return new WebMvcConfigurer() {
            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                registry.addResourceHandler(graphiql + "/**")
                        .addResourceLocations("classpath:/graphiql/")
                        .setCacheControl(CacheControl.noCache());
            }
        };
    }

    /** Whether Spring's route for GraphQL over server-sent events serves the request. */
    static boolean servedAsEventStream(ServerRequest request, String path) {
        try {
            return asksForEventStream(request)
                    && GraphQlRequestPredicates.graphQlSse(path).test(request);
        } catch (RuntimeException ex) {
            // A Content-Type that cannot be parsed: this handler refuses it, classified.
            return false;
        }
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
        // First, with the filter that keeps private answers private (the two are independent): before anything that
        // may log, and before the view beacon's filter, which answers /views right after it.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
