package news.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.io.InputStream;
import news.site.SiteProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

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

    /** Replaces Spring Boot's observation of every data fetcher with one of each request. */
    @Bean
    RequestObservations requestObservations(ObservationRegistry registry) {
        return new RequestObservations(registry);
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
