package news.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import news.site.SiteProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerConfigurer;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlSseHandler;

/**
 * Wires the custom scalars, the request limits, the screening of arguments and the error codes into the GraphQL engine.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

    static final String SCHEMA = "graphql/schema.graphqls";

    /**
     * The scalars, described as {@code schema.graphqls} describes them: graphql-java serves a wired scalar's own
     * description, so it is read from the schema file rather than written twice.
     */
    @Bean
    RuntimeWiringConfigurer scalars(SiteProperties newsroom) throws IOException {
        TypeDefinitionRegistry schema;
        try (InputStream in = new ClassPathResource(SCHEMA).getInputStream()) {
            schema = new SchemaParser().parse(in);
        }
        String description = schema.scalars().get("DateTime").getDescription().getContent();
        return wiring -> wiring.scalar(DateTimeScalar.create(newsroom.zone(), description));
    }

    /**
     * The instrumentations Spring Boot collects, chained so that hooks of every field cost nothing when none of them
     * uses those hooks (see {@link FieldQuietInstrumentation}).
     */
    @Bean
    GraphQlSourceBuilderCustomizer fieldQuietInstrumentation(ObjectProvider<Instrumentation> instrumentations) {
        return builder -> builder.configureGraphQl(graphQl -> {
            List<Instrumentation> all = instrumentations.orderedStream().toList();
            if (!all.isEmpty()) {
                graphQl.instrumentation(new FieldQuietInstrumentation(all));
            }
        });
    }

    /**
     * Controller methods run on the thread of the request that calls them. With virtual threads on, Spring Boot
     * would hand each one to a new virtual thread; the request already runs on one, where blocking on JDBC is cheap,
     * and the hop made every answer asynchronous: a second pass through the servlet filters for each request.
     */
    @Bean
    static BeanPostProcessor controllersOnRequestThread() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof AnnotatedControllerConfigurer controllers) {
                    controllers.setBlockingMethodPredicate(method -> false);
                }
                return bean;
            }
        };
    }

    @Bean
    ArgumentScreen argumentScreen(GraphQlLimits limits) {
        return new ArgumentScreen(limits.maxStringLength());
    }

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(GraphQlLimits limits) {
        return new QueryTooComplex.Depth(limits.maxDepth());
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(GraphQlLimits limits) {
        return new QueryTooComplex.Complexity(limits.maxComplexity(), pageSizeWeighted());
    }

    @Bean
    Transports transports() {
        return new Transports();
    }

    /** Spring Boot's handler of subscriptions over Server-Sent Events, with its settings, marking its requests. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    GraphQlSseHandler graphQlSseHandler(WebGraphQlHandler handler, GraphQlProperties properties) {
        return new SseHandler(
                handler,
                properties.getHttp().getSse().getTimeout(),
                properties.getHttp().getSse().getKeepAlive());
    }

    /** Outermost, so that it sees the errors every other interceptor adds. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ErrorCodes errorCodes() {
        return new ErrorCodes();
    }

    /** A field costs 1 plus its selection, times the page size for paged lists (capped at the largest page). */
    static FieldComplexityCalculator pageSizeWeighted() {
        return (env, childComplexity) -> {
            Object first = env.getArguments().get("first");
            int times = first instanceof Integer n ? Math.max(1, Math.min(n, PageSize.MAX)) : 1;
            return 1 + childComplexity * times;
        };
    }
}
