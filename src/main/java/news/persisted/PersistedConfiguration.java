package news.persisted;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Puts the document cache, automatic persisted queries and trusted documents in front of the GraphQL engine. */
@Configuration(proxyBeanMethods = false)
class PersistedConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PersistedConfiguration.class);

    @Bean
    PersistedDocuments persistedDocuments(
            PersistedProperties settings, JsonMapper json, MeterRegistry registry, StoredDocuments stored) {
        TrustedDocuments trusted = TrustedDocuments.load(settings.trustedDocuments(), json);
        if (settings.trustedOnly()) {
            log.info("Trusted documents only: {} operations from {}", trusted.size(), settings.trustedDocuments());
        }
        PersistedDocuments documents =
                new PersistedDocuments(settings, trusted, stored.enabled() ? stored : DocumentStore.NONE);
        CaffeineCacheMetrics.monitor(registry, documents.parsed(), "documents");
        CaffeineCacheMetrics.monitor(registry, documents.registered(), "persisted-queries");
        return documents;
    }

    @Bean
    GraphQlSourceBuilderCustomizer persistedDocumentsInGraphQl(PersistedDocuments documents) {
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(documents));
    }
}
