package news.support;

import static news.db.Tables.ARTICLE;
import static news.db.Tables.ARTICLE_REPORTER;
import static news.db.Tables.REPORTER;
import static news.db.Tables.SECTION;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/** Writes test content straight into the database, for what the demo newsroom does not cover. */
public final class Fixtures {

    private final DSLContext dsl;

    public Fixtures(DSLContext dsl) {
        this.dsl = dsl;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public long section(String slug, String name, String parentSlug) {
        Long parent = parentSlug == null
                ? null
                : dsl.select(SECTION.ID)
                        .from(SECTION)
                        .where(SECTION.SLUG.eq(parentSlug))
                        .fetchOne(SECTION.ID);
        return dsl.insertInto(SECTION)
                .set(SECTION.SLUG, slug)
                .set(SECTION.NAME, name)
                .set(SECTION.PARENT_ID, parent)
                .returning(SECTION.ID)
                .fetchOne(SECTION.ID);
    }

    /** A reporter with this slug, created if the newsroom has none yet. */
    public long reporter(String slug, String name) {
        dsl.insertInto(REPORTER)
                .set(REPORTER.SLUG, slug)
                .set(REPORTER.NAME, name)
                .onConflict(REPORTER.SLUG)
                .doNothing()
                .execute();
        return dsl.select(REPORTER.ID)
                .from(REPORTER)
                .where(REPORTER.SLUG.eq(slug))
                .fetchOne(REPORTER.ID);
    }

    /** Inserts an article; {@code bodyJson} is the raw JSON array of body blocks. */
    public long article(String slug, String sectionSlug, String status, OffsetDateTime publishedAt, String bodyJson) {
        long sectionId = dsl.select(SECTION.ID)
                .from(SECTION)
                .where(SECTION.SLUG.eq(sectionSlug))
                .fetchOne(SECTION.ID);
        long id = dsl.insertInto(ARTICLE)
                .set(ARTICLE.SLUG, slug)
                .set(ARTICLE.HEADLINE, "Judul " + slug)
                .set(ARTICLE.SUMMARY, "Ringkasan " + slug)
                .set(ARTICLE.BODY, JSONB.valueOf(bodyJson))
                .set(ARTICLE.SECTION_ID, sectionId)
                .set(ARTICLE.STATUS, status)
                .set(ARTICLE.PUBLISHED_AT, publishedAt)
                .set(ARTICLE.IMAGE_URL, "/media/test/" + slug + ".jpg")
                .set(ARTICLE.IMAGE_CAPTION, "Keterangan foto " + slug)
                .set(ARTICLE.IMAGE_CREDIT, "Net")
                .returning(ARTICLE.ID)
                .fetchOne(ARTICLE.ID);
        long reporter = dsl.select(REPORTER.ID)
                .from(REPORTER)
                .orderBy(REPORTER.ID)
                .limit(1)
                .fetchOne(REPORTER.ID);
        dsl.insertInto(ARTICLE_REPORTER)
                .set(ARTICLE_REPORTER.ARTICLE_ID, id)
                .set(ARTICLE_REPORTER.REPORTER_ID, reporter)
                .execute();
        return id;
    }
}
