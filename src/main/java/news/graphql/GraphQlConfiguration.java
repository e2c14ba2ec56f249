package news.graphql;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

import news.newsroom.NewsroomProperties;

/** Wires the custom scalars into the schema. */
@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

    @Bean
    RuntimeWiringConfigurer scalars(NewsroomProperties newsroom) {
        return wiring -> wiring.scalar(DateTimeScalar.create(newsroom.zone()));
    }
}
