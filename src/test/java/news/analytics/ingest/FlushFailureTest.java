package news.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import news.IntegrationTest;
import news.analytics.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** A write of counted views that fails keeps its counts, and a later write delivers them exactly once. */
@IntegrationTest
class FlushFailureTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    ViewRepository repository;

    AnalyticsFixtures fixtures;

    private boolean tableAway;

    @BeforeEach
    void setUp() {
        fixtures = new AnalyticsFixtures(context);
    }

    @AfterEach
    void restoreTable() {
        if (tableAway) {
            fixtures.dsl().execute("alter table article_views_hourly_offline rename to article_views_hourly");
        }
    }

    private void views(long article, int count, String prefix) {
        fixtures.views(article, count, prefix);
    }

    @Test
    void flush_failedWriteLosesNothingOnceTheDatabaseTakesWritesAgain() {
        long article = fixtures.article(1);
        long other = fixtures.article(1);
        views(article, 5, "sebelum");
        fixtures.flusher().flush();
        long failuresBefore = fixtures.flusher().failedFlushes();

        // The bucket table disappears: every write really fails in the database.
        fixtures.dsl().execute("alter table article_views_hourly rename to article_views_hourly_offline");
        tableAway = true;
        views(article, 7, "selama");
        views(other, 4, "selama");
        assertThatThrownBy(fixtures.flusher()::flush).hasMessageContaining("article_views_hourly");
        views(article, 3, "lagi");
        assertThatThrownBy(fixtures.flusher()::flush).hasMessageContaining("article_views_hourly");
        assertThat(fixtures.flusher().pendingKeys()).isGreaterThanOrEqualTo(2);
        assertThat(fixtures.flusher().failedFlushes() - failuresBefore).isGreaterThanOrEqualTo(2);

        fixtures.dsl().execute("alter table article_views_hourly_offline rename to article_views_hourly");
        tableAway = false;
        views(article, 2, "sesudah");
        fixtures.flusher().flush();

        assertThat(fixtures.stored(article)).isEqualTo(5 + 7 + 3 + 2);
        assertThat(fixtures.stored(other)).isEqualTo(4);
    }

    @Test
    void flush_batchAppliedButUnansweredIsNotCountedTwiceWhenRetried() {
        long article = fixtures.article(1);
        long hour = TimeRange.hourOf(java.time.Instant.now());
        List<HourlyCount> batch = List.of(new HourlyCount(new HourlyCount.Key(article, hour), 6));
        java.util.UUID id = java.util.UUID.randomUUID();

        repository.add(batch, id);
        // The same batch again, as a retry after a connection broke between commit and answer.
        repository.add(batch, id);
        repository.add(batch, java.util.UUID.randomUUID());

        assertThat(fixtures.stored(article)).isEqualTo(12);
        assertThat(fixtures.dsl()
                        .fetchValue(
                                "select views from article_views_window where window_name = 'LAST_HOUR'"
                                        + " and article_id = ?",
                                article))
                .isEqualTo(12L);
    }
}
