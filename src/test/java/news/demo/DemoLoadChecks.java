package news.demo;

import static news.db.Tables.ARTICLE;
import static news.db.Tables.ARTICLE_REPORTER;
import static news.db.Tables.ARTICLE_TAG;
import static news.db.Tables.ARTICLE_VIEWS_HOURLY;
import static news.db.Tables.REPORTER;
import static news.db.Tables.SECTION;
import static news.db.Tables.TAG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.sum;

import java.math.BigDecimal;
import org.jooq.DSLContext;
import org.springframework.context.ApplicationContext;

/**
 * What the first start of a service on an empty database must have loaded: the whole demo newsroom from its resource
 * files, with its view history, once. {@code DatabaseOutageIT} checks it on its own fresh PostgreSQL, whose first
 * start is that first load, so the check costs no application of its own.
 */
public final class DemoLoadChecks {

    private DemoLoadChecks() {}

    /** Asserts the demo newsroom of a first start on an empty database, and that loading again adds nothing. */
    public static void assertFirstLoad(ApplicationContext service) {
        DSLContext db = service.getBean(DSLContext.class);
        assertThat(db.fetchCount(SECTION)).isEqualTo(10);
        assertThat(db.fetchCount(REPORTER)).isEqualTo(12);
        assertThat(db.fetchCount(TAG)).isEqualTo(23);
        assertThat(db.fetchCount(ARTICLE)).isEqualTo(150);
        assertThat(db.fetchCount(ARTICLE_REPORTER))
                .isEqualTo(DemoCatalog.load().articles().stream()
                        .mapToInt(a -> a.reporterSlugs().size())
                        .sum());
        assertThat(db.fetchCount(ARTICLE_TAG))
                .isEqualTo(DemoCatalog.load().articles().stream()
                        .mapToInt(a -> a.tags().size())
                        .sum());
        assertThat(db.fetchCount(ARTICLE, ARTICLE.SECTION_ID.isNull())).isZero();
        // About 400,000 views whatever the hour of the first start; the six hits carry about 180,000 of them.
        BigDecimal views = db.select(sum(ARTICLE_VIEWS_HOURLY.VIEWS))
                .from(ARTICLE_VIEWS_HOURLY)
                .fetchOne(0, BigDecimal.class);
        assertThat(views.longValue()).isBetween(350_000L, 420_000L);

        // Asked again, the loader finds sections and loads nothing more.
        assertThat(service.getBean(DemoDataLoader.class).loadIfEmpty()).isFalse();
        assertThat(db.fetchCount(ARTICLE)).isEqualTo(150);
    }
}
