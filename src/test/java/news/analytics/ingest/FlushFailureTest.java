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
        List<PendingView> views = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            views.add(new PendingView(
                    article, hour, hour, 0x0100_0000_0000_0000L | article, i, IngestionEntryPoint.GRAPHQL));
        }
        java.util.UUID id = java.util.UUID.randomUUID();
        ViewBatch batch = new ViewBatch(views, List.of(), id);

        assertThat(repository.add(batch)).isEqualTo(new ViewRepository.Written(6, 0, true));
        // The same batch again, as a retry after a connection broke between commit and answer: skipped.
        assertThat(repository.add(batch)).isEqualTo(new ViewRepository.Written(0, 0, false));
        // The same views under a new id (another instance, or after a restart): the database has counted those
        // visitors in this slot already, so they are late duplicates.
        assertThat(repository.add(new ViewBatch(views, List.of(), java.util.UUID.randomUUID())))
                .isEqualTo(new ViewRepository.Written(0, 6, true));

        assertThat(fixtures.stored(article)).isEqualTo(6);
        assertThat(fixtures.dsl()
                        .fetchValue(
                                "select views from article_views_window where window_name = 'LAST_HOUR'"
                                        + " and article_id = ?",
                                article))
                .isEqualTo(6L);
        assertThat(fixtures.dsl()
                        .fetchValue(
                                "select count(*) from article_readers where article_id = ? and slot_start = to_timestamp(?)",
                                article,
                                hour))
                .isEqualTo(6L);
    }

    @Test
    void flush_accountingIsWrittenOncePerBatchId() {
        // An hour of its own, tomorrow, so that no other test's views are accounted in it.
        long hour = TimeRange.hourOf(java.time.Instant.now().plus(java.time.Duration.ofDays(1)));
        long article = fixtures.article(1);
        List<OutcomeCount> outcomes = List.of(
                new OutcomeCount(hour, IngestionEntryPoint.BEACON, IngestionOutcome.BOT, 3),
                new OutcomeCount(hour, IngestionEntryPoint.GRAPHQL, IngestionOutcome.DUPLICATE, 2));
        List<PendingView> views = List.of(
                new PendingView(article, hour, hour, 0x0200_0000_0000_0000L | article, 1, IngestionEntryPoint.BEACON),
                new PendingView(article, hour, hour, 0x0200_0000_0000_0000L | article, 2, IngestionEntryPoint.BEACON));
        ViewBatch batch = new ViewBatch(views, outcomes, java.util.UUID.randomUUID());

        repository.add(batch);
        repository.add(batch);
        repository.add(new ViewBatch(views.subList(0, 1), List.of(), java.util.UUID.randomUUID()));

        TimeRange range = new TimeRange(hour, hour + TimeRange.HOUR);
        assertThat(repository.ingestion(range))
                .extracting(OutcomeCount::entryPoint, OutcomeCount::outcome, OutcomeCount::views)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(IngestionEntryPoint.BEACON, IngestionOutcome.BOT, 3L),
                        org.assertj.core.groups.Tuple.tuple(
                                IngestionEntryPoint.GRAPHQL, IngestionOutcome.DUPLICATE, 2L),
                        org.assertj.core.groups.Tuple.tuple(IngestionEntryPoint.BEACON, IngestionOutcome.ACCEPTED, 2L),
                        org.assertj.core.groups.Tuple.tuple(
                                IngestionEntryPoint.BEACON, IngestionOutcome.LATE_DUPLICATE, 1L));
    }

    @Test
    void flush_viewsOfADayWithoutPartitionAreCountedWithoutTheDatabaseCheck() {
        // 3,000 days ago: far older than the retention (31 days); article_readers has no partition for that day (one
        // another test made is dropped first).
        java.time.Instant then = java.time.Instant.now().minus(java.time.Duration.ofDays(3000));
        long hour = TimeRange.hourOf(then);
        fixtures.dsl()
                .execute("drop table if exists article_readers_p"
                        + java.time.format.DateTimeFormatter.BASIC_ISO_DATE.format(
                                java.time.LocalDate.ofInstant(then, java.time.ZoneOffset.UTC)));
        long article = fixtures.article(1);
        PendingView view =
                new PendingView(article, hour, hour, 0x0200_0000_0000_0000L | article, 7, IngestionEntryPoint.GRAPHQL);

        assertThat(repository.add(new ViewBatch(List.of(view), List.of(), java.util.UUID.randomUUID())))
                .isEqualTo(new ViewRepository.Written(1, 0, true));
        assertThat(repository.add(new ViewBatch(List.of(view), List.of(), java.util.UUID.randomUUID())))
                .isEqualTo(new ViewRepository.Written(1, 0, true));

        assertThat(fixtures.stored(article)).isEqualTo(2);
        assertThat(fixtures.dsl().fetchValue("select count(*) from article_readers where article_id = ?", article))
                .isEqualTo(0L);
    }

    @Test
    void spool_readsTheFormatOfEarlierVersionsAsPlainCounts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        long article = fixtures.article(1);
        long hour = TimeRange.hourOf(java.time.Instant.now());
        java.util.UUID id = java.util.UUID.randomUUID();
        java.nio.file.Path old = dir.resolve("0000000000001-" + id + ".views");
        java.nio.file.Files.writeString(old, "# article_id hour_epoch_second views\n" + article + " " + hour + " 5\n");
        java.nio.file.Path foreign = dir.resolve("0000000000002-" + java.util.UUID.randomUUID() + ".views");
        java.nio.file.Files.writeString(foreign, "something else\n");
        ViewSpool spool = new ViewSpool(dir);

        ViewBatch batch = spool.read(old);
        assertThat(batch.id()).isEqualTo(id);
        assertThatThrownBy(() -> spool.read(foreign)).hasMessageContaining("not a view spool file");
        repository.add(batch);
        repository.add(batch);

        assertThat(fixtures.stored(article)).isEqualTo(5);
    }
}
