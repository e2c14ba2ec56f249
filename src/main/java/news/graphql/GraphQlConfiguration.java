package news.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.idl.SchemaGenerator;
import java.util.ArrayList;
import java.util.List;
import news.database.DatabaseProperties;
import news.database.HeavyReads;
import news.site.SiteProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerConfigurer;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlSseHandler;

/**
 * Wires the custom scalars, the request limits, the screening of arguments and the error codes into the GraphQL engine.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

    /**
     * The scalars. A wired scalar without a description of its own is served with the one {@code schema.graphqls}
     * gives it (graphql-java's schema generator takes it from the file), so the text is written once, in the schema.
     */
    @Bean
    RuntimeWiringConfigurer scalars(SiteProperties newsroom) {
        return wiring -> wiring.scalar(DateTimeScalar.create(newsroom.zone()));
    }

    /**
     * The schema without the directives graphql-java declares but this service does not serve ({@code @defer},
     * {@code @experimental_disableErrorPropagation}): see {@link ServedSchema}.
     */
    @Bean
    GraphQlSourceBuilderCustomizer servedSchema() {
        return builder -> builder.schemaFactory(
                (registry, wiring) -> ServedSchema.of(new SchemaGenerator().makeExecutableSchema(registry, wiring)));
    }

    /**
     * The instrumentations Spring Boot collects, chained so that hooks of every field cost nothing when none of them
     * uses those hooks (see {@link FieldQuietInstrumentation}), and the admission of heavy reads after them all: it
     * takes a turn only for an operation that no limit refuses.
     */
    @Bean
    GraphQlSourceBuilderCustomizer fieldQuietInstrumentation(
            ObjectProvider<Instrumentation> instrumentations,
            HeavyReads heavyReads,
            DatabaseProperties database,
            GraphQlLimits limits) {
        return builder -> builder.configureGraphQl(graphQl -> {
            List<Instrumentation> all =
                    new ArrayList<>(instrumentations.orderedStream().toList());
            all.add(new PublicReadMarking());
            all.add(new HeavyReadAdmission(
                    heavyReads, database.heavyReadComplexity(), pageSizeWeighted(limits.totalCountCost())));
            graphQl.instrumentation(new FieldQuietInstrumentation(all));
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

    /**
     * Every feature's batch loaders, registered once all beans exist (before the server takes a request): the one
     * place loaders are registered, see {@link FieldLoaders}.
     */
    @Bean
    SmartInitializingSingleton fieldLoaders(BatchLoaderRegistry registry, ObjectProvider<FieldLoaders> loaders) {
        return () -> loaders.orderedStream().forEach(feature -> feature.register(registry));
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
        return new QueryTooComplex.Complexity(limits.maxComplexity(), pageSizeWeighted(limits.totalCountCost()));
    }

    @Bean
    Transports transports() {
        return new Transports();
    }

    /**
     * GraphQL over Server-Sent Events with Spring Boot's settings: every operation answered, streams counted with the
     * live connections, see {@link SseHandler}.
     */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    GraphQlSseHandler graphQlSseHandler(
            WebGraphQlHandler handler, GraphQlProperties properties, ObjectProvider<SseStreams> streams) {
        return new SseHandler(
                handler,
                properties.getHttp().getSse().getTimeout(),
                properties.getHttp().getSse().getKeepAlive(),
                streams.getIfAvailable());
    }

    /** Outermost, so that it sees the errors every other interceptor adds. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ErrorCodes errorCodes() {
        return new ErrorCodes();
    }

    /**
     * A field costs 1 plus its selection, times the page size for paged lists (capped at the largest page). A
     * connection's {@code totalCount} is a count over the whole list, not a field of each item: it costs
     * {@code totalCountCost} once per connection, so its share is divided by the page size its connection multiplies
     * the selection by (rounded up, so it never costs less).
     */
    static FieldComplexityCalculator pageSizeWeighted(int totalCountCost) {
        return (env, childComplexity) -> {
            if (env.getField().getName().equals("totalCount")) {
                FieldComplexityEnvironment connection = env.getParentEnvironment();
                int times = connection == null ? 1 : pageSize(connection.getArguments());
                return Math.max(1, (totalCountCost + times - 1) / times);
            }
            return 1 + childComplexity * pageSize(env.getArguments());
        };
    }

    private static int pageSize(java.util.Map<String, Object> arguments) {
        Object first = arguments.get("first");
        return first instanceof Integer n ? Math.max(1, Math.min(n, PageSize.MAX)) : 1;
    }
}
