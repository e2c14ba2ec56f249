package news.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import news.IntegrationTest;
import news.TestClock;
import news.analytics.AnalyticsProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The per-client view limit held by all instances together: three limiters ("instances") on the one PostgreSQL admit
 * a client about the same number of views whether it sends them all to one instance or spreads them over three; the
 * difference is at most the stated bound, (instances - 1) × sync-views. While PostgreSQL cannot be reached each
 * instance limits on its own, at once and without failing; and buckets that are full again are deleted.
 */
@IntegrationTest
class SharedRateLimitTest {

    private static final int SYNC_VIEWS = 50;

    private static final int BURST = 1000;

    @Autowired
    DataSource dataSource;

    @Autowired
    TestClock.Settable clock;

    @Autowired
    VisitorKeys visitorKeys;

    private final List<ViewRateLimiter> limiters = new ArrayList<>();

    @AfterEach
    void tearDown() {
        limiters.forEach(ViewRateLimiter::destroy);
        clock.reset();
    }

    static AnalyticsProperties properties(Map<String, String> rateLimit) {
        Map<String, String> source = new java.util.HashMap<>();
        rateLimit.forEach((key, value) -> source.put("news.analytics.rate-limit." + key, value));
        return new Binder(new MapConfigurationPropertySource(source))
                .bindOrCreate("news.analytics", AnalyticsProperties.class);
    }

    private ViewRateLimiter limiter(DataSource source, Map<String, String> rateLimit) {
        ViewRateLimiter limiter = new ViewRateLimiter(properties(rateLimit), clock, source, visitorKeys::bucketKey);
        limiters.add(limiter);
        return limiter;
    }

    private List<ViewRateLimiter> instances(int count) {
        List<ViewRateLimiter> instances = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            instances.add(limiter(
                    dataSource,
                    Map.of(
                            "views-per-second",
                            "50",
                            "burst",
                            String.valueOf(BURST),
                            "sync-views",
                            String.valueOf(SYNC_VIEWS),
                            "sync-timeout",
                            "5s")));
        }
        return instances;
    }

    private static int send(List<ViewRateLimiter> instances, String ip, int views) {
        ClientOrigin origin = new ClientOrigin(ip, "test");
        int admitted = 0;
        for (int i = 0; i < views; i++) {
            admitted += instances.get(i % instances.size()).admit(origin, 1);
        }
        return admitted;
    }

    @Test
    void aClientGetsTheSameLimitFromOneInstanceAsFromThree() {
        // Time stands still: no refill, so the limit is exactly the burst.
        clock.set(Instant.parse("2026-03-01T10:00:00Z"));
        List<ViewRateLimiter> three = instances(3);
        int bound = (three.size() - 1) * SYNC_VIEWS;

        int toOne = send(List.of(three.get(0)), "198.51.100.1", 3 * BURST);
        int spread = send(three, "198.51.100.2", 3 * BURST);
        // Interleaved with a second spreading client, so syncs of different clients overlap.
        int spreadAgain = send(three, "198.51.100.3", 3 * BURST);

        System.out.printf(
                "Burst %d, sync-views %d: one instance admitted %d, three instances %d and %d%n",
                BURST, SYNC_VIEWS, toOne, spread, spreadAgain);
        assertThat(toOne).isEqualTo(BURST);
        assertThat(spread).isBetween(BURST, BURST + bound);
        assertThat(spreadAgain).isBetween(BURST, BURST + bound);
        // Per instance, the shared limit is what stops the client, not the instance's own bucket.
        assertThat(spread).isLessThan(3 * BURST / 2);

        // The shared bucket is in PostgreSQL: a fourth instance started now gives either client little more, within
        // the bound for the instances that served it.
        ViewRateLimiter fourth = instances(1).get(0);
        int fourthToSpread = send(List.of(fourth), "198.51.100.2", 3 * BURST);
        int fourthToOne = send(List.of(fourth), "198.51.100.1", 3 * BURST);
        assertThat(spread + fourthToSpread).isBetween(BURST, BURST + 3 * SYNC_VIEWS);
        assertThat(toOne + fourthToOne).isBetween(BURST, BURST + SYNC_VIEWS);
        assertThat(rows("198.51.100.1", "198.51.100.2", "198.51.100.3")).isEqualTo(3);

        // The limit refills at views-per-second for all instances together: 10 s later, 500 views more in all.
        clock.set(Instant.parse("2026-03-01T10:00:10Z"));
        int later = send(three, "198.51.100.2", 3 * BURST);
        assertThat(later).isBetween(500 - 3 * SYNC_VIEWS, 500 + 3 * SYNC_VIEWS);
    }

    @RepeatedTest(10)
    void concurrentRequestsOfOneClientStayWithinTheBound(RepetitionInfo repetition) throws Exception {
        String ip = "198.51.101." + repetition.getCurrentRepetition();
        clock.set(Instant.parse("2026-03-01T10:00:00Z"));
        List<ViewRateLimiter> three = instances(3);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> sent = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                sent.add(threads.submit(() -> send(three, ip, BURST)));
            }
            int admitted = 0;
            for (java.util.concurrent.Future<Integer> future : sent) {
                admitted += future.get();
            }
            // The bound, plus at most one view per concurrent request (4 threads): a request that finds the room taken
            // by a concurrent one after its synchronisation goes ahead and is reported with the next one.
            assertThat(admitted).isBetween(BURST, BURST + (three.size() - 1) * SYNC_VIEWS + 4);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aClientUnderSyncViewsPerInstanceCostsPostgresqlNothing() {
        clock.set(Instant.parse("2026-03-01T10:00:00Z"));
        List<ViewRateLimiter> three = instances(3);
        assertThat(send(three, "198.51.100.5", 3 * SYNC_VIEWS)).isEqualTo(3 * SYNC_VIEWS);
        assertThat(rows("198.51.100.5")).isZero();
        // One view more on one instance: it reports its views first.
        assertThat(send(List.of(three.get(0)), "198.51.100.5", 1)).isEqualTo(1);
        assertThat(rows("198.51.100.5")).isEqualTo(1);
    }

    @Test
    void withoutSharingEachInstanceLimitsOnItsOwn() {
        clock.set(Instant.parse("2026-03-01T10:00:00Z"));
        List<ViewRateLimiter> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(limiter(dataSource, Map.of("burst", String.valueOf(BURST), "shared", "false")));
        }
        assertThat(send(three, "198.51.100.9", 6 * BURST)).isEqualTo(3 * BURST);
        assertThat(rows("198.51.100.9")).isZero();
    }

    @Test
    void unreachableDatabase_eachInstanceLimitsOnItsOwnWithoutFailingOrWaiting() {
        clock.set(Instant.parse("2026-03-01T10:00:00Z"));
        // Connections are refused at once.
        ViewRateLimiter refused =
                limiter(new FailingDataSource(0), Map.of("burst", String.valueOf(BURST), "sync-views", "50"));
        // Connections hang far longer than any request may wait.
        ViewRateLimiter hanging = limiter(
                new FailingDataSource(30_000),
                Map.of("burst", String.valueOf(BURST), "sync-views", "50", "sync-timeout", "100ms"));

        long started = System.nanoTime();
        int admittedRefused = send(List.of(refused), "198.51.100.20", 3 * BURST);
        int admittedHanging = send(List.of(hanging), "198.51.100.21", 3 * BURST);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(admittedRefused).isEqualTo(BURST);
        assertThat(admittedHanging).isEqualTo(BURST);
        assertThat(refused.sharing()).isFalse();
        assertThat(hanging.sharing()).isFalse();
        // At most one request waited sync-timeout (100 ms); the other 5,999 were answered locally.
        assertThat(millis).isLessThan(2_000);
    }

    @Test
    void bucketsFullAgainAreDeleted() throws InterruptedException {
        clock.reset();
        // A bucket refills in 10 ms.
        ViewRateLimiter limiter = limiter(
                dataSource, Map.of("views-per-second", "1000", "burst", "10", "sync-views", "1", "sync-timeout", "5s"));
        ViewRateLimiter slow = limiter(
                dataSource, Map.of("views-per-second", "1", "burst", "3600", "sync-views", "1", "sync-timeout", "5s"));
        for (String ip : List.of("198.51.100.30", "198.51.100.31")) {
            send(List.of(limiter), ip, 5);
        }
        send(List.of(slow), "198.51.100.32", 5);
        assertThat(rows("198.51.100.30", "198.51.100.31", "198.51.100.32")).isEqualTo(3);

        Thread.sleep(100);
        assertThat(limiter.removeExpiredBuckets()).isGreaterThanOrEqualTo(2);

        assertThat(rows("198.51.100.30", "198.51.100.31")).isZero();
        // Still refilling (an hour to go): kept.
        assertThat(rows("198.51.100.32")).isEqualTo(1);
        // A client whose bucket was deleted starts again with a full one, and a new row.
        assertThat(send(List.of(limiter), "198.51.100.30", 5)).isEqualTo(5);
        Thread.sleep(200);
        assertThat(rows("198.51.100.30")).isEqualTo(1);
    }

    @Test
    void theSharedBucketsHoldNoAddress_onlyAKeyedHashTheSameOnEveryInstance() {
        List<ViewRateLimiter> three = instances(3);
        String ipv4 = "198.51.100.77";
        String ipv6 = "2001:db8:77:1::5";
        send(three, ipv4, 3 * SYNC_VIEWS + 3);
        send(three, ipv6, 3 * SYNC_VIEWS + 3);
        List<String> ids =
                new JdbcTemplate(dataSource).queryForList("select id from " + ViewRateLimiter.TABLE, String.class);
        assertThat(ids)
                .as("one row per client for all three instances, named by the keyed hash")
                .contains(visitorKeys.bucketKey(ipv4), visitorKeys.bucketKey(ViewRateLimiter.clientKey(ipv6)))
                .allSatisfy(id -> assertThat(id).matches("[0-9a-f]{32}"))
                // Nor the addresses' bytes in hex: 198.51.100.77 and the /64 of 2001:db8:77:1::5. (Short fragments
                // such as "db8" turn up in one random 32-digit hash in a few hundred.)
                .noneMatch(id -> id.contains(HexFormat.of().formatHex(address(ipv4)))
                        || id.contains(HexFormat.of().formatHex(Arrays.copyOf(address(ipv6), 8))));
        assertThat(visitorKeys.bucketKey(ipv4)).isNotEqualTo(visitorKeys.bucketKey("198.51.100.78"));
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException ex) {
            throw new IllegalArgumentException(literal, ex);
        }
    }

    private int rows(String... ips) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        int count = 0;
        for (String ip : ips) {
            count += jdbc.queryForObject(
                    "select count(*) from " + ViewRateLimiter.TABLE + " where id = ?",
                    Integer.class,
                    visitorKeys.bucketKey(ViewRateLimiter.clientKey(ip)));
        }
        return count;
    }

    /** A PostgreSQL that cannot be reached: every connection fails, at once or after a long wait. */
    private record FailingDataSource(long hangMillis) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            if (hangMillis > 0) {
                try {
                    Thread.sleep(hangMillis);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            throw new SQLException("Connection to localhost:1 refused", "08001");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
