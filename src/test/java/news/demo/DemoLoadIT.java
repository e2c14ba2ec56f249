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
import news.IntegrationTest;
import news.NewsApplication;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;

/** A service starting on an empty database loads the whole demo newsroom from its resource files, once. */
@IntegrationTest
class DemoLoadIT {

    @Autowired
    DSLContext dsl;

    @Autowired
    JdbcConnectionDetails database;

    @Test
    void firstStartOnAnEmptyDatabaseLoadsTheDemoNewsroomWithItsViewHistory() {
        String name = Fixtures.unique("demo_load").replace('-', '_');
        dsl.execute("create database " + name);
        String url = database.getJdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        try (ConfigurableApplicationContext service = start(url)) {
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

            // A second start finds sections and loads nothing more.
            assertThat(service.getBean(DemoDataLoader.class).loadIfEmpty()).isFalse();
            assertThat(db.fetchCount(ARTICLE)).isEqualTo(150);
        } finally {
            dsl.execute("drop database if exists " + name + " with (force)");
        }
    }

    private ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(NewsApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off")
                // Arguments, not default properties: application.yml's own demo-data setting would win over those.
                .run(
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + database.getUsername(),
                        "--spring.datasource.password=" + database.getPassword(),
                        "--news.demo-data.enabled=true");
    }
}
