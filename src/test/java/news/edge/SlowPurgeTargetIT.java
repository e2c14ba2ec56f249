package news.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import news.DrillIntegrationTest;
import news.HttpTestBase;
import news.PurgeTargets;
import news.PurgeTargets.Delivery;
import news.edge.EdgeNewsroom.Draft;
import news.section.SectionDirectory;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A purge webhook that stalls must not hold up the purges after it: the first purge's request hangs past the timeout
 * (and is retried), and a later write's purge arrives while the stalled one is still waiting for its retries. The
 * webhook is the drills' local purge receiver ({@link PurgeTargets.Webhook}), told to stall the first request that
 * names this test's first article.
 */
@DrillIntegrationTest
class SlowPurgeTargetIT extends HttpTestBase {

    @Autowired
    DSLContext dsl;

    @Autowired
    SectionDirectory sections;

    @Autowired
    PurgeTargets.Webhook webhook;

    @AfterEach
    void release() {
        webhook.release();
    }

    Delivery naming(String key, Duration within) throws InterruptedException {
        return webhook.naming(key, within.toMillis());
    }

    @Test
    void aStalledPurge_doesNotHoldUpLaterPurges_andIsRetriedMeanwhile() throws Exception {
        EdgeNewsroom newsroom = new EdgeNewsroom(port, dsl, sections);
        Draft draft = newsroom.create("Tepi: purge macet", "Isi berita uji.");
        webhook.stallNext("article-" + draft.key());
        Draft first = newsroom.publish(draft);
        Delivery stalled = naming("article-" + first.key(), Duration.ofSeconds(20));
        assertThat(stalled).as("the first purge reached the webhook").isNotNull();
        assertThat(stalled.stalled()).isTrue();

        // Written while the first purge hangs; on a single sender it would wait for all the first one's attempts
        // (3 s timeout each, then 0.5, 1 and 2 s waits: about 15 s).
        long written = System.nanoTime();
        Draft second = newsroom.publish(newsroom.create("Tepi: purge berikutnya", "Isi berita uji."));
        Delivery next = naming("article-" + second.key(), Duration.ofSeconds(20));
        assertThat(next).as("the later purge").isNotNull();
        assertThat(Duration.ofNanos(next.at() - written)).isLessThan(Duration.ofSeconds(2));
        assertThat(Duration.ofNanos(next.at() - stalled.at()))
                .as("arrived while the stalled request was still waiting for its answer")
                .isLessThan(Duration.ofSeconds(3));

        // The stalled purge times out and is sent again, without waiting for anything else.
        Delivery retried = naming("article-" + first.key(), Duration.ofSeconds(20));
        assertThat(retried).as("the stalled purge, retried").isNotNull();
        assertThat(Duration.ofNanos(retried.at() - stalled.at())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));

        newsroom.archive(new Draft(first.id(), first.slug(), first.version()));
        newsroom.archive(new Draft(second.id(), second.slug(), second.version()));
    }
}
