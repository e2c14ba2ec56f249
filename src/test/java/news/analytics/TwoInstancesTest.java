package news.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;

import news.IntegrationTest;
import news.NewsApplication;
import news.section.SectionDirectory;

/**
 * Two instances of the service count into one database: their additive writes give exact sums, and an instance that
 * shuts down writes what it still holds.
 */
@IntegrationTest
class TwoInstancesTest {

    @Autowired
    DSLContext dsl;

    @Autowired
    SectionDirectory sections;

    @Autowired
    ViewRecorder recorder;

    @Autowired
    ViewFlusher flusher;

    @Autowired
    JdbcConnectionDetails database;

    @Test
    void twoInstancesWritingToOneDatabaseGiveExactSums() throws Exception {
        AnalyticsFixtures fixtures = new AnalyticsFixtures(dsl, sections);
        long[] articles = { fixtures.article(1), fixtures.article(2), fixtures.article(3) };
        ConfigurableApplicationContext second = new SpringApplicationBuilder(NewsApplication.class)
            .web(WebApplicationType.NONE)
            .properties("spring.datasource.url=" + database.getJdbcUrl(),
                    "spring.datasource.username=" + database.getUsername(),
                    "spring.datasource.password=" + database.getPassword(), "news.demo-data.enabled=false",
                    "spring.main.banner-mode=off")
            .run();
        ViewRecorder otherRecorder;
        try {
            otherRecorder = second.getBean(ViewRecorder.class);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            int perThread = 6_000;
            for (int t = 0; t < 4; t++) {
                ViewRecorder instance = t % 2 == 0 ? recorder : otherRecorder;
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
            flusher.flush();
        }
        finally {
            // Closing the second instance writes the counts it still holds.
            second.close();
        }

        for (long article : articles) {
            assertThat(fixtures.stored(article)).isEqualTo(4 * 6_000 / 3);
        }
    }
}
