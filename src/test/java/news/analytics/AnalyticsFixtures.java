package news.analytics;

import static news.db.Tables.ARTICLE_REPORTER;
import static news.db.Tables.ARTICLE_VIEWS_HOURLY;
import static news.db.Tables.REPORTER;
import static org.jooq.impl.DSL.sum;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jooq.DSLContext;

import news.graphql.GlobalId;
import news.section.SectionDirectory;
import news.support.Fixtures;

/** Test articles in a fresh section, and the views the database holds for them. */
final class AnalyticsFixtures {

    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/124.0 Safari/537.36";

    private final DSLContext dsl;

    private final Fixtures fixtures;

    final String section;

    AnalyticsFixtures(DSLContext dsl, SectionDirectory sections) {
        this.dsl = dsl;
        this.fixtures = new Fixtures(dsl);
        this.section = Fixtures.unique("analytics");
        fixtures.section(section, "Analitik " + section, "berita");
        sections.invalidate();
    }

    /** A published article of the fixture section, published {@code hoursAgo} hours ago. */
    long article(int hoursAgo) {
        return fixtures.article(Fixtures.unique("dibaca"), section, "PUBLISHED",
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(hoursAgo), "[]");
    }

    long draft() {
        return fixtures.article(Fixtures.unique("draf"), section, "DRAFT", null, "[]");
    }

    /** A reporter of its own, credited on the given articles (besides their first reporter). */
    String reporter(long... articles) {
        String slug = Fixtures.unique("penulis");
        long id = dsl.insertInto(REPORTER).set(REPORTER.SLUG, slug).set(REPORTER.NAME, "Penulis " + slug)
            .returning(REPORTER.ID).fetchOne(REPORTER.ID);
        for (long article : articles) {
            dsl.insertInto(ARTICLE_REPORTER).set(ARTICLE_REPORTER.ARTICLE_ID, article)
                .set(ARTICLE_REPORTER.REPORTER_ID, id).set(ARTICLE_REPORTER.POSITION, 1).execute();
        }
        return slug;
    }

    /** A subsection of the fixture section with one published article; returns the subsection's slug. */
    String subsection() {
        String slug = Fixtures.unique("sub");
        fixtures.section(slug, "Sub " + slug, section);
        return slug;
    }

    long articleIn(String sectionSlug, int hoursAgo) {
        return fixtures.article(Fixtures.unique("dibaca"), sectionSlug, "PUBLISHED",
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(hoursAgo), "[]");
    }

    static String id(long article) {
        return GlobalId.encode("Article", article);
    }

    /** Views of the article in the database, across all hours. */
    long stored(long article) {
        BigDecimal views = dsl.select(sum(ARTICLE_VIEWS_HOURLY.VIEWS)).from(ARTICLE_VIEWS_HOURLY)
            .where(ARTICLE_VIEWS_HOURLY.ARTICLE_ID.eq(article)).fetchOne(0, BigDecimal.class);
        return views == null ? 0 : views.longValue();
    }
}
