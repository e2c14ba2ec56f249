package news.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import news.HttpTestBase;
import news.IntegrationTest;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * A search whose statement runs longer than {@code news.search.statement-timeout} (1500 ms by default) is cancelled
 * by PostgreSQL and answered SEARCH_TIMEOUT for the {@code search} field alone. The statement is made slow honestly
 * and deterministically: another transaction holds an exclusive lock on {@code search_term}, a table every search
 * statement reads, so the real statement of the real request waits in PostgreSQL until its timeout fires. (Without
 * the timeout it would wait for as long as the lock is held; the lock is released after {@link #HOLD} whatever
 * happens, so the test fails instead of hanging.)
 */
@IntegrationTest
class SearchTimeoutTest extends HttpTestBase {

    /** Longest the lock is held: well past the timeout, well within the client's response timeout. */
    private static final Duration HOLD = Duration.ofSeconds(10);

    @Autowired
    DSLContext dsl;

    @Autowired
    DataSource dataSource;

    @Test
    void search_whoseStatementRunsPastTheTimeout_isCancelled_andAnsweredSearchTimeout_otherFieldsKeepTheirData()
            throws Exception {
        String word = SearchTest.word();
        new Fixtures(dsl)
                .article(
                        Fixtures.unique("lambat"),
                        "dunia",
                        "PUBLISHED",
                        OffsetDateTime.now().minusHours(1).truncatedTo(ChronoUnit.SECONDS),
                        SearchTest.paragraphs("Isi " + word + "."));

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        GraphQlTester.Response response;
        long[] took = new long[1];
        try {
            Future<?> lock = holder.submit(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(false);
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("lock table search_term in access exclusive mode");
                    }
                    locked.countDown();
                    answered.await(HOLD.toMillis(), TimeUnit.MILLISECONDS);
                    connection.rollback();
                }
                return null;
            });
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            response = graphQlClient()
                    .document("query($q: String!) { search(query: $q) { totalCount edges { node { snippet } } }"
                            + " latest(first: 1) { totalCount } }")
                    .variable("q", word)
                    .execute();
            took[0] = (System.nanoTime() - start) / 1_000_000;
            answered.countDown();
            lock.get(10, TimeUnit.SECONDS);
        } finally {
            answered.countDown();
            holder.shutdown();
        }

        response.errors().satisfy(errors -> {
            assertThat(errors).as("%s after %d ms", errors, took[0]).hasSize(1);
            ResponseError error = errors.get(0);
            assertThat(error.getPath()).as("%s after %d ms", errors, took[0]).isEqualTo("search");
            assertThat(error.getExtensions())
                    .containsEntry("classification", "SEARCH_TIMEOUT")
                    .containsEntry("code", "SEARCH_TIMEOUT")
                    .containsEntry("retryable", true)
                    .containsKey("retryAfterSeconds");
            assertThat(error.getMessage())
                    .isEqualTo("Search took too long; try again shortly, or with more specific words.");
            assertThat(error.getExtensions().toString() + error.getMessage())
                    .doesNotContainIgnoringCase("select")
                    .doesNotContainIgnoringCase("statement")
                    .doesNotContain("search_term", "57014", "Exception", "at news.");
        });
        response.path("search").valueIsNull();
        assertThat(response.path("latest.totalCount").entity(Integer.class).get())
                .isPositive();
        // Answered at the timeout, not when the lock went away.
        assertThat(took[0]).isBetween(1400L, HOLD.toMillis() - 2000);

        // The lock gone, the same search answers, on the same pooled connections: the timeout did not stay behind.
        GraphQlTester.Response again = graphQlClient()
                .document("query($q: String!) { search(query: $q) { totalCount } }")
                .variable("q", word)
                .execute();
        again.errors().verify();
        assertThat(again.path("search.totalCount").entity(Integer.class).get()).isEqualTo(1);
        assertThat(dsl.fetchValue("show statement_timeout")).isEqualTo("0");
    }
}
