package news.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import news.IntegrationTest;
import news.SqlStatementCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * What ingestion costs the database, counted on the connections: a flush is two statements in one transaction (the
 * shared window lock and the one upsert that also de-duplicates and accounts), and recording views reads no visitor
 * salt once the day's salt is known.
 */
@IntegrationTest
class FlushStatementsTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    SqlStatementCounter sql;

    @AfterEach
    void resetClock() {
        new AnalyticsFixtures(context).clock().reset();
    }

    @Test
    void aFlushIsTheWindowLockAndOneStatement_andSaltsAreReadOncePerDay() {
        AnalyticsFixtures fixtures = new AnalyticsFixtures(context);
        // Time stands still, so that no hourly work (partitions, window moves) falls into the count.
        fixtures.clock().set(Instant.now());
        long article = fixtures.article(1);
        String id = AnalyticsFixtures.id(article);
        // The article's check and the day's salt, before counting.
        fixtures.recordFrom("10.8.8.1", AnalyticsFixtures.BROWSER, null, id);
        fixtures.recordViews(article, 1, "pemanasan-");
        fixtures.flush();
        sql.reset();

        for (int i = 0; i < 20; i++) {
            fixtures.recordFrom("10.8.9." + i, AnalyticsFixtures.BROWSER, null, id);
        }
        fixtures.recordViews(article, 300, "dihitung-");
        fixtures.recordViews(article, 300, "dihitung-");
        fixtures.recordFrom("10.8.8.2", "Googlebot/2.1", null, id);
        fixtures.flush();
        List<String> statements = sql.statements();

        assertThat(statements).noneMatch(s -> s.contains("visitor_salt") || s.contains("visitor_id_key"));
        List<String> upserts = statements.stream()
                .filter(s -> s.contains("insert into article_readers"))
                .toList();
        // The test's flush, and perhaps one of the schedule's that took part of the views first: each is the lock
        // and the upsert, nothing else.
        assertThat(upserts)
                .isNotEmpty()
                .allMatch(s -> s.contains("insert into article_views_hourly")
                        && s.contains("insert into article_views_window")
                        && s.contains("insert into view_ingestion_hourly"));
        assertThat(statements)
                .filteredOn(s -> !s.contains("insert into article_readers"))
                .hasSize(upserts.size())
                .allMatch(s -> s.contains("pg_advisory_xact_lock_shared"));
        assertThat(fixtures.stored(article)).isEqualTo(1 + 1 + 20 + 300);
    }
}
