package news.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import news.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the service count into one database: their additive writes give exact sums, an instance writes
 * early when too many counters wait, and one that shuts down writes what it still holds.
 */
@IntegrationTest
class TwoInstancesIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcConnectionDetails database;

    @Test
    void twoInstancesWritingToOneDatabaseGiveExactSums() throws Exception {
        AnalyticsFixtures fixtures = new AnalyticsFixtures(context);
        long[] articles = {fixtures.article(1), fixtures.article(2), fixtures.article(3)};
        ConfigurableApplicationContext second = AnalyticsFixtures.startInstance(
                database,
                "spring.main.web-application-type=none",
                // Only a forced or a shutdown flush can write this instance's counts.
                "news.analytics.flush-interval=1h",
                "news.analytics.max-pending-keys=20");
        ViewRecorder otherRecorder;
        List<Long> many = new ArrayList<>();
        try {
            otherRecorder = second.getBean(ViewRecorder.class);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            int perThread = 6_000;
            for (int t = 0; t < 4; t++) {
                ViewRecorder instance = t % 2 == 0 ? fixtures.recorder() : otherRecorder;
                String prefix = "instans-" + t + "-";
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i += 100) {
                        List<ViewReport> batch = new ArrayList<>();
                        for (int j = i; j < i + 100; j++) {
                            batch.add(new ViewReport(AnalyticsFixtures.id(articles[j % 3]), prefix + j, null));
                        }
                        instance.record(batch, new ClientOrigin("10.3.3.3", AnalyticsFixtures.BROWSER));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            fixtures.flusher().flush();

            // 40 more articles: the pending keys pass the limit of 20 and the second instance writes without waiting
            // for its interval; at most 19 keys can stay behind.
            List<ViewReport> batch = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                long article = fixtures.article(1);
                many.add(article);
                batch.add(new ViewReport(AnalyticsFixtures.id(article), "satu", null));
            }
            otherRecorder.record(batch, new ClientOrigin("10.3.3.4", AnalyticsFixtures.BROWSER));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (many.stream().mapToLong(fixtures::stored).sum() < 21 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(many.stream().mapToLong(fixtures::stored).sum()).isGreaterThanOrEqualTo(21);
            // Counted after the forced write: only the shutdown flush can write this one.
            otherRecorder.record(
                    List.of(new ViewReport(AnalyticsFixtures.id(articles[0]), "terakhir", null)),
                    new ClientOrigin("10.3.3.4", AnalyticsFixtures.BROWSER));
        } finally {
            // Closing the second instance writes the counts it still holds.
            second.close();
        }

        assertThat(many.stream().mapToLong(fixtures::stored).sum()).isEqualTo(many.size());
        assertThat(fixtures.stored(articles[0])).isEqualTo(4 * 6_000 / 3 + 1);
        assertThat(fixtures.stored(articles[1])).isEqualTo(4 * 6_000 / 3);
        assertThat(fixtures.stored(articles[2])).isEqualTo(4 * 6_000 / 3);
    }
}
