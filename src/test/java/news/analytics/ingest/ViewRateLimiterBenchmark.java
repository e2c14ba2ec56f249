package news.analytics.ingest;

import java.util.Map;
import javax.sql.DataSource;
import news.IntegrationTest;
import news.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Micro-benchmark of {@link ViewRateLimiter#admit}, one view a call on one thread, with the default limit (50 views
 * per second, burst 1,000, sync-views 50): the instance's own buckets only ({@code shared=false}) against the buckets
 * shared through PostgreSQL, for one client and for 10,000 clients taken in turn. Prints calls per second, views
 * admitted per second and the shared buckets' transactions per second (rows inserted and updated). Not a test: run it
 * with {@code mvn test -Dtest=ViewRateLimiterBenchmark -Dbench=true}.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ViewRateLimiterBenchmark {

    private static final long MILLIS = 3_000;

    @Autowired
    DataSource dataSource;

    @Autowired
    TestClock.Settable clock;

    @Test
    void admitsPerSecond() {
        clock.reset();
        int scenario = 0;
        for (boolean shared : new boolean[] {false, true}) {
            // One client sending as fast as it can, far over its limit, for 3 s.
            run(++scenario, 1, shared, Long.MAX_VALUE);
            // 10,000 clients in turn for 3 s: each sends some 100 views a second or more, over its limit.
            run(++scenario, 10_000, shared, Long.MAX_VALUE);
            // 10,000 clients in turn, 40 views each: under sync-views, as readers are.
            run(++scenario, 10_000, shared, 400_000);
        }
    }

    private void run(int scenario, int clientCount, boolean shared, long maxCalls) {
        ViewRateLimiter limiter = new ViewRateLimiter(
                SharedRateLimitTest.properties(Map.of("shared", String.valueOf(shared))),
                clock,
                dataSource,
                java.util.function.UnaryOperator.identity());
        ClientOrigin[] clients = new ClientOrigin[clientCount];
        for (int i = 0; i < clientCount; i++) {
            clients[i] = new ClientOrigin("10." + scenario + "." + (i / 250) + "." + (i % 250), "bench");
        }
        try {
            // Warm-up, on other addresses of the same kind.
            ClientOrigin warm = new ClientOrigin("10.200." + scenario + ".1", "bench");
            for (int i = 0; i < 200_000; i++) {
                limiter.admit(warm, 1);
            }
            long writesBefore = writes();
            long calls = 0;
            long admitted = 0;
            long started = System.nanoTime();
            long end = started + MILLIS * 1_000_000;
            int next = 0;
            while (true) {
                for (int i = 0; i < 1_000; i++) {
                    admitted += limiter.admit(clients[next], 1);
                    next = next + 1 == clientCount ? 0 : next + 1;
                }
                calls += 1_000;
                if (calls >= maxCalls || System.nanoTime() >= end) {
                    break;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long writes = shared ? writesAfterSettling(writesBefore) : 0;
            System.out.printf(
                    "RATE-LIMIT BENCH %-6s %6d client(s) %-9s: %,10.0f calls/s, %,10.0f admitted/s, %,6d bucket writes"
                            + " (%,.0f/s)%s%n",
                    shared ? "shared" : "local",
                    clientCount,
                    maxCalls == Long.MAX_VALUE ? "for 3 s" : (maxCalls / clientCount) + " each",
                    calls / seconds,
                    admitted / seconds,
                    writes,
                    writes / seconds,
                    shared && !limiter.sharing() ? ", fell back to its own buckets" : "");
        } finally {
            limiter.destroy();
        }
    }

    private long writes() {
        Long value = new JdbcTemplate(dataSource)
                .queryForObject(
                        "select coalesce(sum(n_tup_ins + n_tup_upd), 0) from pg_stat_user_tables where relname = ?",
                        Long.class,
                        ViewRateLimiter.TABLE);
        return value == null ? 0 : value;
    }

    /** The statistics reach pg_stat_user_tables within about a second of the transactions. */
    private long writesAfterSettling(long before) {
        try {
            Thread.sleep(1_500);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return writes() - before;
    }
}
