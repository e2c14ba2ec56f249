package news.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import news.IntegrationTest;
import news.section.SectionDirectory;

/** A write of counted views that fails keeps its counts, and a later write delivers them exactly once. */
@IntegrationTest
class FlushFailureTest {

    @Autowired
    DSLContext dsl;

    @Autowired
    SectionDirectory sections;

    @Autowired
    ViewRecorder recorder;

    @Autowired
    ViewFlusher flusher;

    @Autowired
    ViewRepository repository;

    private boolean tableAway;

    @AfterEach
    void restoreTable() {
        if (tableAway) {
            dsl.execute("alter table article_views_hourly_offline rename to article_views_hourly");
        }
    }

    private void views(long article, int count, String prefix) {
        List<ViewReport> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(new ViewReport(AnalyticsFixtures.id(article), prefix + i, null));
        }
        recorder.record(batch, new ClientOrigin("10.2.2.2", AnalyticsFixtures.BROWSER));
    }

    @Test
    void flush_failedWriteLosesNothingOnceTheDatabaseTakesWritesAgain() {
        AnalyticsFixtures fixtures = new AnalyticsFixtures(dsl, sections);
        long article = fixtures.article(1);
        long other = fixtures.article(1);
        views(article, 5, "sebelum");
        flusher.flush();
        long failuresBefore = flusher.failedFlushes();

        // The bucket table disappears: every write really fails in the database.
        dsl.execute("alter table article_views_hourly rename to article_views_hourly_offline");
        tableAway = true;
        views(article, 7, "selama");
        views(other, 4, "selama");
        assertThatThrownBy(flusher::flush).hasMessageContaining("article_views_hourly");
        views(article, 3, "lagi");
        assertThatThrownBy(flusher::flush).hasMessageContaining("article_views_hourly");
        assertThat(flusher.pendingKeys()).isGreaterThanOrEqualTo(2);
        assertThat(flusher.failedFlushes() - failuresBefore).isGreaterThanOrEqualTo(2);

        dsl.execute("alter table article_views_hourly_offline rename to article_views_hourly");
        tableAway = false;
        views(article, 2, "sesudah");
        flusher.flush();

        assertThat(fixtures.stored(article)).isEqualTo(5 + 7 + 3 + 2);
        assertThat(fixtures.stored(other)).isEqualTo(4);
    }

    @Test
    void flush_batchAppliedButUnansweredIsNotCountedTwiceWhenRetried() {
        AnalyticsFixtures fixtures = new AnalyticsFixtures(dsl, sections);
        long article = fixtures.article(1);
        long hour = TimeRange.hourOf(java.time.Instant.now());
        List<HourlyCount> batch = List.of(new HourlyCount(new HourlyCount.Key(article, hour), 6));
        java.util.UUID id = java.util.UUID.randomUUID();

        repository.add(batch, id);
        // The same batch again, as a retry after a connection broke between commit and answer.
        repository.add(batch, id);
        repository.add(batch, java.util.UUID.randomUUID());

        assertThat(fixtures.stored(article)).isEqualTo(12);
        assertThat(dsl.fetchValue("select views from article_views_window where window_name = 'LAST_HOUR'"
                + " and article_id = ?", article)).isEqualTo(12L);
    }
}
