package news.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import news.HttpTestBase;
import news.IntegrationTest;
import news.SqlStatementCounter;
import news.content.AfterCommit;
import news.content.AfterCommitStep;
import news.content.AfterCommitStep.Stage;
import news.edge.EdgeNewsroom.Draft;
import news.section.SectionDirectory;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.util.ClassUtils;

/**
 * What one publish costs around its commit: the surrogate keys are read once, in the transaction (not once for the
 * response cache and again for the purge after it), travel in the notification to the other instances, and the purge
 * names them; after the commit only the live announcement reads; and the steps of that work run in the declared
 * order.
 */
@IntegrationTest
class AfterCommitWorkTest extends HttpTestBase {

    @Autowired
    DSLContext dsl;

    @Autowired
    SectionDirectory sections;

    @Autowired
    SqlStatementCounter sql;

    @Autowired
    AfterCommit afterCommit;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    JdbcConnectionDetails database;

    /** What a statement after the commit reads; null for statements of no interest here (background work). */
    static String read(String statement) {
        if (statement.contains("\"article_slug_history\"")) {
            return "slugs";
        }
        if (statement.startsWith("select \"article_reporter\"")) {
            return "byline";
        }
        if (statement.startsWith("select \"article_tag\"")) {
            return "tags";
        }
        if (statement.contains("from \"section\"")) {
            return "sections";
        }
        if (statement.contains("from \"article\" where")) {
            return statement.contains("'PUBLISHED'") ? "article as readers see it" : "article";
        }
        return null;
    }

    @Test
    void publishArticle_readsTheKeysOnceBeforeTheCommit_sendsThemToTheOtherInstances_andPurgesWithThem()
            throws Exception {
        EdgeNewsroom newsroom = new EdgeNewsroom(port, dsl, sections);
        Draft draft = newsroom.create("Tepi: kunci sekali baca", "Isi berita uji.");
        sections.tree();
        BlockingQueue<CachePurge> purges = new LinkedBlockingQueue<>();
        ApplicationListener<ApplicationEvent> listener = event -> {
            if (event instanceof PayloadApplicationEvent<?> payload
                    && payload.getPayload() instanceof CachePurge purge) {
                purges.add(purge);
            }
        };
        List<String> notifications = new ArrayList<>();
        try (Connection other =
                DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(), database.getPassword())) {
            try (Statement listen = other.createStatement()) {
                listen.execute("LISTEN news_content");
            }
            context.addApplicationListener(listener);
            try {
                sql.reset();
                newsroom.publish(draft);
                // Anything still running after the answer (a purge worked out on a thread of its own) would show.
                Thread.sleep(500);
            } finally {
                context.removeApplicationListener(listener);
            }
            PGNotification[] received = other.unwrap(PGConnection.class).getNotifications(5000);
            for (PGNotification notification : received == null ? new PGNotification[0] : received) {
                notifications.add(notification.getParameter());
            }
        }

        List<String> statements = sql.statements();
        int commit = -1;
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).startsWith("select pg_notify(")) {
                commit = i;
            }
        }
        assertThat(commit).as("the change is notified just before the commit").isNotNegative();
        List<String> reads = new ArrayList<>();
        for (String statement : statements) {
            reads.add(read(statement));
        }
        // The keys: every slug of the article, the article (its section; the section tree is in memory), its byline
        // and its tags, once, in the transaction; after the commit only the live announcement confirms the article as
        // readers see it.
        assertThat(reads.subList(0, commit)).containsSubsequence("slugs", "article", "byline", "tags");
        assertThat(reads).filteredOn("slugs"::equals).hasSize(1);
        assertThat(reads).filteredOn("byline"::equals).hasSize(1);
        assertThat(reads).filteredOn("tags"::equals).hasSize(1);
        assertThat(reads.subList(commit + 1, reads.size()))
                .filteredOn(java.util.Objects::nonNull)
                .containsExactly("article as readers see it");

        assertThat(purges).singleElement().satisfies(purge -> {
            assertThat(purge.reason()).isEqualTo("ARTICLE " + draft.key());
            assertThat(purge.keys()).contains("article-" + draft.key(), "article-slug-" + draft.slug(), "list-latest");
            // The other instances drop the same keys from their response caches without reading them.
            assertThat(notifications)
                    .anySatisfy(text -> assertThat(text)
                            .endsWith(" ARTICLE " + draft.key() + " true keys " + String.join(" ", purge.keys())));
        });
    }

    @Test
    void afterCommitSteps_dropLocalCaches_thenTheResponseCache_thenPurge_thenAnnounce() {
        List<String> order = new ArrayList<>();
        for (AfterCommitStep step : afterCommit.steps()) {
            order.add(step.stage() + " " + ClassUtils.getUserClass(step).getSimpleName());
        }

        assertThat(afterCommit.steps()).extracting(AfterCommitStep::stage).isSorted();
        assertThat(order.subList(0, 4))
                .containsExactlyInAnyOrder(
                        "CACHES SectionDirectory",
                        "CACHES ReporterDirectory",
                        "CACHES VisibleArticles",
                        "CACHES Rankings");
        assertThat(order.subList(4, order.size()))
                .containsExactly("RESPONSES ResponseCache", "PURGE PurgeNotifier", "ANNOUNCE PublishedArticles");
        assertThat(Stage.values()).containsExactly(Stage.CACHES, Stage.RESPONSES, Stage.PURGE, Stage.ANNOUNCE);
    }
}
