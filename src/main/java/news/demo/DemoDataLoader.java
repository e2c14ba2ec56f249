package news.demo;

import static news.db.Tables.ARTICLE;
import static news.db.Tables.ARTICLE_REPORTER;
import static news.db.Tables.ARTICLE_TAG;
import static news.db.Tables.REPORTER;
import static news.db.Tables.SECTION;
import static news.db.Tables.TAG;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import news.security.DevelopmentMode;
import news.site.SiteProperties;
import news.support.Slugs;

/**
 * Loads the demo newsroom (see {@link DemoCatalog}) once, into a database that has no sections yet. Publish times are
 * relative to the moment of loading, so the lists look fresh on first start. It runs after the migrations and before
 * the web server accepts requests, so no client ever sees a half-loaded newsroom.
 */
@Component
class DemoDataLoader implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final DSLContext dsl;

    private final JsonMapper json;

    private final DemoDataProperties properties;

    private final boolean developmentMode;

    private final ZoneId zone;

    private final Clock clock;

    DemoDataLoader(DSLContext dsl, JsonMapper json, DemoDataProperties properties,
            ObjectProvider<DevelopmentMode> developmentMode, SiteProperties newsroom, Clock clock) {
        this.dsl = dsl;
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
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            // Serializes concurrent first starts against one database.
            db.execute("lock table section in exclusive mode");
            if (db.fetchExists(SECTION)) {
                return false;
            }
            load(db, DemoCatalog.load(), OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES));
            return true;
        });
    }

    private void load(DSLContext db, DemoCatalog catalog, OffsetDateTime now) {
        Map<String, Long> sections = new HashMap<>();
        for (DemoCatalog.Section s : catalog.sections()) {
            Long parent = s.parentSlug() == null ? null : sections.get(s.parentSlug());
            sections.put(s.slug(), db.insertInto(SECTION)
                .set(SECTION.SLUG, s.slug())
                .set(SECTION.NAME, s.name())
                .set(SECTION.PARENT_ID, parent)
                .set(SECTION.POSITION, s.position())
                .returning(SECTION.ID).fetchOne(SECTION.ID));
        }
        Map<String, Long> reporters = new HashMap<>();
        for (DemoCatalog.Reporter r : catalog.reporters()) {
            reporters.put(r.slug(), db.insertInto(REPORTER)
                .set(REPORTER.SLUG, r.slug())
                .set(REPORTER.NAME, r.name())
                .set(REPORTER.BIO, r.bio())
                .returning(REPORTER.ID).fetchOne(REPORTER.ID));
        }
        Map<String, Long> tags = new LinkedHashMap<>();
        for (String name : catalog.tags()) {
            String slug = Slugs.of(name, DemoCatalog.TAG_SLUG_LENGTH);
            tags.put(slug, db.insertInto(TAG).set(TAG.SLUG, slug).set(TAG.NAME, name)
                .returning(TAG.ID).fetchOne(TAG.ID));
        }
        List<DemoViewHistory.Loaded> loaded = new ArrayList<>();
        for (DemoCatalog.Article a : catalog.articles()) {
            OffsetDateTime published = now.minus(a.age()).truncatedTo(ChronoUnit.MINUTES);
            long id = db.insertInto(ARTICLE)
                .set(ARTICLE.SLUG, a.slug())
                .set(ARTICLE.HEADLINE, a.headline())
                .set(ARTICLE.SUMMARY, a.summary())
                .set(ARTICLE.BODY, JSONB.valueOf(json.writeValueAsString(body(a.body()))))
                .set(ARTICLE.SECTION_ID, sections.get(a.sectionSlug()))
                .set(ARTICLE.STATUS, "PUBLISHED")
                .set(ARTICLE.PUBLISHED_AT, published)
                .set(ARTICLE.CREATED_AT, published)
                .set(ARTICLE.UPDATED_AT, published)
                .set(ARTICLE.IMAGE_URL, a.image().url())
                .set(ARTICLE.IMAGE_CAPTION, a.image().caption())
                .set(ARTICLE.IMAGE_CREDIT, a.image().credit())
                .set(ARTICLE.IMAGE_ALT, a.image().alt())
                .set(ARTICLE.IMAGE_WIDTH, a.image().width())
                .set(ARTICLE.IMAGE_HEIGHT, a.image().height())
                .returning(ARTICLE.ID).fetchOne(ARTICLE.ID);
            loaded.add(new DemoViewHistory.Loaded(id, published, a.hit()));
            int position = 0;
            for (String reporter : a.reporterSlugs()) {
                db.insertInto(ARTICLE_REPORTER)
                    .set(ARTICLE_REPORTER.ARTICLE_ID, id)
                    .set(ARTICLE_REPORTER.REPORTER_ID, reporters.get(reporter))
                    .set(ARTICLE_REPORTER.POSITION, position++)
                    .execute();
            }
            for (String tag : a.tags()) {
                db.insertInto(ARTICLE_TAG)
                    .set(ARTICLE_TAG.ARTICLE_ID, id)
                    .set(ARTICLE_TAG.TAG_ID, tags.get(Slugs.of(tag, DemoCatalog.TAG_SLUG_LENGTH)))
                    .onConflictDoNothing()
                    .execute();
            }
        }
        long views = DemoViewHistory.write(db, loaded, now, zone);
        log.info("Loaded demo content: {} sections, {} reporters, {} tags, {} articles, {} views", sections.size(),
                reporters.size(), tags.size(), catalog.articles().size(), views);
    }

    private static List<Map<String, String>> body(List<DemoCatalog.Block> blocks) {
        return blocks.stream().map(b -> {
            Map<String, String> block = new LinkedHashMap<>();
            block.put("type", b.type().name());
            block.put("text", b.text());
            if (b.speaker() != null) {
                block.put("speaker", b.speaker());
            }
            return block;
        }).toList();
    }
}
