package news.analytics.ranking;

import static news.db.Tables.ARTICLE_VIEWS_WINDOW;
import static news.db.Tables.SECTION;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import news.IntegrationTest;
import news.analytics.PopularityWindow;
import news.analytics.RankingWindow;
import news.analytics.ingest.AnalyticsFixtures;
import news.section.SectionDirectory;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.annotation.Transactional;

/**
 * The trending score, computed by PostgreSQL from handmade window totals: R = recent views per elapsed hour against
 * B / 24 + 1 with B = views of the 24 hours before. Each test rolls back, so its totals never reach other tests.
 */
@IntegrationTest
@Transactional
class TrendingScoreTest {

    private static final long MIN_VIEWS = 20;

    @Autowired
    DSLContext dsl;

    @Autowired
    SectionDirectory sections;

    @Autowired
    RankingRepository repository;

    private AnalyticsFixtures fixtures;

    private List<Long> section;

    @BeforeEach
    void setUp() {
        fixtures = new AnalyticsFixtures(dsl, sections);
        section = List.of(dsl.select(SECTION.ID)
                .from(SECTION)
                .where(SECTION.SLUG.eq(fixtures.section))
                .fetchOne(SECTION.ID));
    }

    /** A published article with {@code recent} views in the last hours and {@code base} in the day before. */
    private long article(long recent, long base) {
        long id = fixtures.article(3);
        totals(id, recent, base);
        return id;
    }

    private void totals(long article, long recent, long base) {
        dsl.insertInto(ARTICLE_VIEWS_WINDOW)
                .set(ARTICLE_VIEWS_WINDOW.WINDOW_NAME, RankingWindow.current(PopularityWindow.LAST_HOUR))
                .set(ARTICLE_VIEWS_WINDOW.ARTICLE_ID, article)
                .set(ARTICLE_VIEWS_WINDOW.VIEWS, recent)
                .execute();
        if (base > 0) {
            dsl.insertInto(ARTICLE_VIEWS_WINDOW)
                    .set(ARTICLE_VIEWS_WINDOW.WINDOW_NAME, RankingWindow.TRENDING_BASE)
                    .set(ARTICLE_VIEWS_WINDOW.ARTICLE_ID, article)
                    .set(ARTICLE_VIEWS_WINDOW.VIEWS, base)
                    .execute();
        }
    }

    private List<Long> trending(double elapsedHours, int first) {
        return repository.trending(elapsedHours, section, MIN_VIEWS, first).stream()
                .map(RankingRepository.Ranked::articleId)
                .toList();
    }

    @Test
    void ordersByScoreThenByRecentViews() {
        // Scores after 1.5 elapsed hours: 60/1.5 / (24/24 + 1) = 20, 30/1.5 / 1 = 20, 20/1.5 = 13.3,
        // 60/1.5 / (240/24 + 1) = 3.6.
        long steadyRiser = article(60, 24);
        long newcomer = article(30, 0);
        long small = article(20, 0);
        long busyYesterday = article(60, 240);

        assertThat(trending(1.5, 10)).containsExactly(steadyRiser, newcomer, small, busyYesterday);
        assertThat(repository.trending(1.5, section, MIN_VIEWS, 10))
                .extracting(RankingRepository.Ranked::views)
                .containsExactly(60L, 30L, 20L, 60L);
        assertThat(trending(1.5, 2)).containsExactly(steadyRiser, newcomer);
    }

    @Test
    void anArticleReadLessThanYesterdayIsNotTrending() {
        // 30/1.5 / (720/24 + 1) = 0.65
        article(30, 720);

        assertThat(trending(1.5, 10)).isEmpty();
    }

    @Test
    void aScoreOfExactlyOneIsNotTrendingAndJustAboveIs() {
        // 30/1.5 / (456/24 + 1) = 20 / 20 = 1 exactly; with 1.25 elapsed hours it is 24 / 20 = 1.2.
        long article = article(30, 456);

        assertThat(trending(1.5, 10)).isEmpty();
        assertThat(trending(1.25, 10)).containsExactly(article);
    }

    @Test
    void theSameRecentViewsWeighLessLaterInTheHour() {
        // Rate 30 per hour after one elapsed hour, 15 after two, against 456/24 + 1 = 20: 1.5, then 0.75.
        long article = article(30, 456);
        long newcomer = article(30, 0);

        assertThat(trending(1.0, 10)).containsExactly(newcomer, article);
        assertThat(trending(2.0, 10)).containsExactly(newcomer);
    }

    @Test
    void fewerRecentViewsThanTheMinimumNeverTrendWhateverTheScore() {
        article(19, 0);
        long atMinimum = article(MIN_VIEWS, 0);

        assertThat(trending(1.0, 10)).containsExactly(atMinimum);
    }

    @Test
    void draftsAndScheduledArticlesNeverTrend() {
        totals(fixtures.draft(), 500, 0);
        totals(fixtures.article(-2), 500, 0);
        long published = article(25, 0);

        assertThat(trending(1.0, 10)).containsExactly(published);
    }
}
