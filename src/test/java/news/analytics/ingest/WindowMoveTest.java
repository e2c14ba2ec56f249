package news.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import news.HttpTestBase;
import news.IntegrationTest;
import news.SqlStatementCounter;
import news.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Moving the window totals is the flusher's work: while a move is under way (here held inside its transaction by a
 * table lock, as a long move over millions of buckets would be), every analytics read answers from the totals as
 * they were, and no read sends a write or takes a lock.
 */
@IntegrationTest
class WindowMoveTest extends HttpTestBase {

    private static final String READS = """
            query($section: String!, $article: ID!) {
              popular(window: LAST_HOUR, section: $section, first: 5) { rank views article { id } }
              trending(section: $section, first: 5) { rank article { id } }
              node(id: $article) { ... on Article { hour: views(window: LAST_HOUR) day: views(window: LAST_24_HOURS) } }
              analytics {
                viewsOverTime(scope: {section: $section}, bucket: HOUR, from: "2026-11-01T00:00:00+07:00",
                              to: "2026-11-02T00:00:00+07:00") { views }
                sectionTotals(window: LAST_24_HOURS) { section { slug } views }
                reporterTotals(window: LAST_24_HOURS, first: 5) { views }
                ingestion { pendingKeys }
              }
            }
            """;

    /** A statement that writes or locks: reads send none. */
    private static final Pattern WRITES = Pattern.compile(
            "^\\s*(insert|update|delete|merge|lock|truncate)\\b|pg_advisory|\\bfor (update|share|no key update)\\b",
            Pattern.CASE_INSENSITIVE);

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    @Autowired
    SqlStatementCounter sql;

    AnalyticsFixtures fixtures;

    long article;

    @BeforeEach
    void setUp() {
        fixtures = new AnalyticsFixtures(context);
        article = fixtures.article(1);
        fixtures.views(article, 3, "baca-");
        // The windows are where the clock says, and the article has its views in them.
        fixtures.flusher().flush();
    }

    @AfterEach
    void moveWindowsBack() {
        fixtures.clock().reset();
        fixtures.flusher().flush();
    }

    @Test
    void reads_answerFromTheTotalsAsTheyWereWhileTheWindowsMove() throws Exception {
        whileTheWindowsMove(() -> {
            GraphQlTester.Response answer = read();
            answer.path("popular[*].article.id")
                    .entityList(String.class)
                    .containsExactly(AnalyticsFixtures.id(article))
                    .path("popular[0].views")
                    .entity(Integer.class)
                    .isEqualTo(3)
                    .path("node.hour")
                    .entity(Integer.class)
                    .isEqualTo(3)
                    .path("analytics.sectionTotals[?(@.section.slug == '" + fixtures.section + "')].views")
                    .entityList(Integer.class)
                    .containsExactly(3);
        });
    }

    @Test
    void reads_sendNoWriteAndTakeNoLockEvenWhenTheWindowsAreDueToMove() throws Exception {
        whileTheWindowsMove(() -> {
            sql.reset();
            read().path("popular").entityList(Object.class).hasSize(1);
            List<String> statements = sql.statements();
            assertThat(statements).isNotEmpty();
            assertThat(statements).noneMatch(s -> WRITES.matcher(s).find());
        });
    }

    private GraphQlTester.Response read() {
        return graphQlClient()
                .mutate()
                .headers(Tokens.editor("redaksi"))
                .build()
                .document(READS)
                .variable("section", fixtures.section)
                .variable("article", AnalyticsFixtures.id(article))
                .execute();
    }

    /**
     * Sets the clock five hours back, so that every window is due to move, and holds the flusher's move inside its
     * transaction (after it took the exclusive window lock) until {@code reads} are done; the reads must finish within
     * seconds, on another thread than the move.
     */
    private void whileTheWindowsMove(Runnable reads) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                // Plain reads pass an exclusive table lock; the move's write of the new ranges waits on it.
                lock.execute("lock table article_views_window_range in exclusive mode");
            }
            CompletableFuture<Void> move;
            try {
                fixtures.clock().set(Instant.now().minusSeconds(5 * 3600));
                move = CompletableFuture.runAsync(() -> fixtures.flusher().flush(), threads);
                fixtures.awaitWindowMoveBlocked();
                CompletableFuture.runAsync(reads, threads).get(15, TimeUnit.SECONDS);
                assertThat(move).isNotDone();
            } finally {
                holder.rollback();
            }
            move.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
    }
}
