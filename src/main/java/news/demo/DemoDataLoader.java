package news.demo;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import news.security.DevelopmentMode;
import news.site.SiteProperties;
import news.support.Slugs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the demo newsroom (see {@link DemoCatalog}) once, into a database that has no sections yet. Publish times are
 * relative to the moment of loading, so the lists look fresh on first start. It runs after the migrations and before
 * the web server accepts requests, so no client ever sees a half-loaded newsroom.
 */
@Component
class DemoDataLoader implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final DemoRepository repository;

    private final TransactionTemplate transactions;

    private final JsonMapper json;

    private final DemoDataProperties properties;

    private final boolean developmentMode;

    private final ZoneId zone;

    private final Clock clock;

    DemoDataLoader(
            DemoRepository repository,
            TransactionTemplate transactions,
            JsonMapper json,
            DemoDataProperties properties,
            ObjectProvider<DevelopmentMode> developmentMode,
            SiteProperties newsroom,
            Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.zone = newsroom.zone();
        this.clock = clock;
        this.json = json;
        this.properties = properties;
        this.developmentMode = developmentMode.getIfAvailable() != null;
    }

    @Override
    public void afterSingletonsInstantiated() {
        boolean wanted = switch (properties.enabled()) {
            case TRUE -> true;
            case FALSE -> false;
            // Invented articles never reach readers of a service that verifies real tokens.
            case AUTO -> developmentMode;
        };
        if (wanted) {
            loadIfEmpty();
        }
    }

    /** Returns whether anything was loaded. */
    boolean loadIfEmpty() {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!repository.lockIfEmpty()) {
                return false;
            }
            load(DemoCatalog.load(), OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES));
            return true;
        }));
    }

    private void load(DemoCatalog catalog, OffsetDateTime now) {
        Map<String, Long> sections = new HashMap<>();
        for (DemoCatalog.Section s : catalog.sections()) {
            Long parent = s.parentSlug() == null ? null : sections.get(s.parentSlug());
            sections.put(s.slug(), repository.insertSection(s, parent));
        }
        Map<String, Long> reporters = new HashMap<>();
        for (DemoCatalog.Reporter r : catalog.reporters()) {
            reporters.put(r.slug(), repository.insertReporter(r));
        }
        Map<String, Long> tags = new LinkedHashMap<>();
        for (String name : catalog.tags()) {
            String slug = Slugs.of(name, DemoCatalog.TAG_SLUG_LENGTH);
            tags.put(slug, repository.insertTag(slug, name));
        }
        List<DemoViewHistory.Loaded> loaded = new ArrayList<>();
        for (DemoCatalog.Article a : catalog.articles()) {
            OffsetDateTime published = now.minus(a.age()).truncatedTo(ChronoUnit.MINUTES);
            long id = repository.insertArticle(
                    a, json.writeValueAsString(body(a.body())), sections.get(a.sectionSlug()), published);
            loaded.add(new DemoViewHistory.Loaded(id, published, a.hit()));
            int position = 0;
            for (String reporter : a.reporterSlugs()) {
                repository.addReporter(id, reporters.get(reporter), position++);
            }
            for (String tag : a.tags()) {
                repository.addTag(id, tags.get(Slugs.of(tag, DemoCatalog.TAG_SLUG_LENGTH)));
            }
        }
        long views = DemoViewHistory.write(repository, loaded, now, zone);
        log.info(
                "Loaded demo content: {} sections, {} reporters, {} tags, {} articles, {} views",
                sections.size(),
                reporters.size(),
                tags.size(),
                catalog.articles().size(),
                views);
    }

    private static List<Map<String, String>> body(List<DemoCatalog.Block> blocks) {
        return blocks.stream()
                .map(b -> {
                    Map<String, String> block = new LinkedHashMap<>();
                    block.put("type", b.type().name());
                    block.put("text", b.text());
                    if (b.speaker() != null) {
                        block.put("speaker", b.speaker());
                    }
                    return block;
                })
                .toList();
    }
}
