package news.edge;

import news.article.ArticleCatalog;
import news.reporter.ReporterCatalog;
import news.section.SectionDirectory;
import news.tag.TagCatalog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Announces the surrogate keys each newsroom write affects (see {@link PurgeNotifier}). */
@Configuration(proxyBeanMethods = false)
class PurgeConfiguration {

    @Bean
    PurgeKeys purgeKeys(
            ArticleCatalog articles, SectionDirectory sections, ReporterCatalog reporters, TagCatalog tags) {
        return new PurgeKeys(articles, sections, reporters, tags);
    }

    @Bean
    PurgeNotifier purgeNotifier(ApplicationEventPublisher events, EdgeProperties settings, JsonMapper json) {
        if (settings.purge().webhook() != null
                && settings.purge().webhookSecret().isEmpty()) {
            throw new IllegalStateException("news.edge.purge.webhook-url needs news.edge.purge.webhook-secret");
        }
        return new PurgeNotifier(events, settings, json);
    }
}
