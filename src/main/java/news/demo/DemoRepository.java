package news.demo;

import static news.db.Tables.ARTICLE;
import static news.db.Tables.ARTICLE_REPORTER;
import static news.db.Tables.ARTICLE_TAG;
import static news.db.Tables.REPORTER;
import static news.db.Tables.SECTION;
import static news.db.Tables.TAG;

import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;

/** SQL for loading the demo newsroom. The caller runs all of it in one transaction. */
@Repository
class DemoRepository {

    private final DSLContext dsl;

    DemoRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Whether the database has no sections yet. It takes a lock held until the transaction ends, so concurrent first
     * starts against one database load the newsroom once.
     */
    boolean lockIfEmpty() {
        dsl.execute("lock table section in exclusive mode");
        return !dsl.fetchExists(SECTION);
    }

    long insertSection(DemoCatalog.Section section, Long parentId) {
        return dsl.insertInto(SECTION)
                .set(SECTION.SLUG, section.slug())
                .set(SECTION.NAME, section.name())
                .set(SECTION.PARENT_ID, parentId)
                .set(SECTION.POSITION, section.position())
                .returning(SECTION.ID)
                .fetchOne(SECTION.ID);
    }

    long insertReporter(DemoCatalog.Reporter reporter) {
        return dsl.insertInto(REPORTER)
                .set(REPORTER.SLUG, reporter.slug())
                .set(REPORTER.NAME, reporter.name())
                .set(REPORTER.BIO, reporter.bio())
                .returning(REPORTER.ID)
                .fetchOne(REPORTER.ID);
    }

    long insertTag(String slug, String name) {
        return dsl.insertInto(TAG)
                .set(TAG.SLUG, slug)
                .set(TAG.NAME, name)
                .returning(TAG.ID)
                .fetchOne(TAG.ID);
    }

    /** Inserts {@code article} as published at {@code published}, with its body already as JSON. */
    long insertArticle(DemoCatalog.Article article, String bodyJson, long sectionId, OffsetDateTime published) {
        return dsl.insertInto(ARTICLE)
                .set(ARTICLE.SLUG, article.slug())
                .set(ARTICLE.HEADLINE, article.headline())
                .set(ARTICLE.SUMMARY, article.summary())
                .set(ARTICLE.BODY, JSONB.valueOf(bodyJson))
                .set(ARTICLE.SECTION_ID, sectionId)
                .set(ARTICLE.STATUS, "PUBLISHED")
                .set(ARTICLE.PUBLISHED_AT, published)
                .set(ARTICLE.CREATED_AT, published)
                .set(ARTICLE.UPDATED_AT, published)
                .set(ARTICLE.IMAGE_URL, article.image().url())
                .set(ARTICLE.IMAGE_CAPTION, article.image().caption())
                .set(ARTICLE.IMAGE_CREDIT, article.image().credit())
                .set(ARTICLE.IMAGE_ALT, article.image().alt())
                .set(ARTICLE.IMAGE_WIDTH, article.image().width())
                .set(ARTICLE.IMAGE_HEIGHT, article.image().height())
                .returning(ARTICLE.ID)
                .fetchOne(ARTICLE.ID);
    }

    void addReporter(long articleId, long reporterId, int position) {
        dsl.insertInto(ARTICLE_REPORTER)
                .set(ARTICLE_REPORTER.ARTICLE_ID, articleId)
                .set(ARTICLE_REPORTER.REPORTER_ID, reporterId)
                .set(ARTICLE_REPORTER.POSITION, position)
                .execute();
    }

    void addTag(long articleId, long tagId) {
        dsl.insertInto(ARTICLE_TAG)
                .set(ARTICLE_TAG.ARTICLE_ID, articleId)
                .set(ARTICLE_TAG.TAG_ID, tagId)
                .onConflictDoNothing()
                .execute();
    }

    /** Adds hourly view counts in one statement: {@code hours} are epoch seconds, the arrays run in parallel. */
    void addHourlyViews(Long[] articleIds, Long[] hours, Long[] views) {
        dsl.execute("""
                insert into article_views_hourly (article_id, hour, views)
                select d.article_id, to_timestamp(d.hour), d.views
                from unnest(?::bigint[], ?::bigint[], ?::bigint[]) as d (article_id, hour, views)
                on conflict (article_id, hour) do update set views = article_views_hourly.views + excluded.views
                """, articleIds, hours, views);
    }
}
