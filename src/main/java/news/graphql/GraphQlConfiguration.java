package news.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import io.micrometer.observation.ObservationRegistry;
import news.site.SiteProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** Wires the custom scalars, the request limits and the screening of arguments into the GraphQL engine. */
@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

    @Bean
    RuntimeWiringConfigurer scalars(SiteProperties newsroom) {
        return wiring -> wiring.scalar(DateTimeScalar.create(newsroom.zone()));
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
        return new MaxQueryDepthInstrumentation(limits.maxDepth());
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(GraphQlLimits limits) {
        return new MaxQueryComplexityInstrumentation(limits.maxComplexity(), pageSizeWeighted());
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
