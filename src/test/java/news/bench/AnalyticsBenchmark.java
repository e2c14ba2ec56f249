package news.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The analytics benchmark (run by {@code bench/analytics.sh}, not by the tests). It starts a PostgreSQL 17 with
 * pg_stat_statements, starts the packaged service against it, loads 100,000 articles with 30 days of hourly view
 * buckets, and measures: accepted views per second through {@code recordViews} and {@code POST /views}, database
 * statements per flush (counted by PostgreSQL itself), and {@code popular} latency cold (cache miss, computed over the
 * buckets) and warm (from the cache).
 *
 * Arguments: the service jar, the HTTP port, a working directory. With {@code -Dbench.compare=<an earlier jar>} it
 * measures only ingestion, of both builds in alternating rounds ({@code -Dbench.rounds}, default 3).
 */
public final class AnalyticsBenchmark {

    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");

    private static final String BROWSER =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " + "Chrome/124.0 Safari/537.36";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String base;

    private final Connection db;

    private List<String> articleIds;

    private AnalyticsBenchmark(String base, Connection db) {
        this.base = base;
        this.db = db;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(work);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("timezone", "UTC")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all")
                .setServerConfig("max_wal_size", "4GB")
                .start()) {
            String jdbc = postgres.getJdbcUrl("postgres", "postgres");
            String base = "http://localhost:" + port;
            try (Connection db = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
                AnalyticsBenchmark bench = new AnalyticsBenchmark(base, db);
                // The first start migrates the schema and loads the demo newsroom; the bulk data goes in while the
                // service is down, and the second start builds the window totals from the buckets, as after a
                // restore.
                Process service = start(jar, port, jdbc, work);
                try {
                    bench.awaitHealthy();
                } finally {
                    service.destroy();
                    service.waitFor();
                }
                bench.load();
                String before = System.getProperty("bench.compare", "");
                if (!before.isBlank()) {
                    bench.compare(jar, Path.of(before), port, jdbc, work, Integer.getInteger("bench.rounds", 3));
                    return;
                }
                service = start(jar, port, jdbc, work);
                try {
                    long t0 = System.nanoTime();
                    bench.awaitHealthy();
                    bench.awaitWindows();
                    System.out.printf(
                            "service up with window totals built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
                    bench.run();
                } finally {
                    service.destroy();
                    service.waitFor();
                }
            }
        }
    }

    private static Process start(Path jar, int port, String jdbc, Path work) throws IOException {
        return start(jar, port, jdbc, work, List.of());
    }

    /** Starts a build of the service; {@code extra} are more settings ({@code --name=value}). */
    private static Process start(Path jar, int port, String jdbc, Path work, List<String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx1g"));
        // More JVM options for the service, such as a profiler's (BENCH_SERVICE_OPTS, split at spaces).
        String opts = System.getenv().getOrDefault("BENCH_SERVICE_OPTS", "").trim();
        if (!opts.isEmpty()) {
            command.addAll(List.of(opts.split("\\s+")));
        }
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbc,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--news.demo-data.enabled=true",
                "--news.security.jwt-secret=" + news.Tokens.SECRET,
                // All load comes from one address; the benchmark measures ingestion, not the per-client limit.
                "--news.analytics.rate-limit.enabled=false"));
        command.addAll(extra);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        work.resolve("service.log").toFile()))
                .start();
    }

    private void awaitWindows() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (stat(get("/actuator/metrics/news.views.windows.move"), "COUNT") < 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("window totals were not built");
            }
            Thread.sleep(500);
        }
    }

    private void run() throws Exception {
        if (Boolean.getBoolean("bench.hold")) {
            System.out.println("holding; database at " + db.getMetaData().getURL());
            Thread.sleep(Long.MAX_VALUE);
        }
        execute("create extension if not exists pg_stat_statements");
        System.out.println();
        if ("mixed".equals(System.getProperty("bench.only")) && onPath("wrk")) {
            // Only views and heartbeats: phases that warm the service up (its JIT needs minutes on 2 cores), then
            // the measured ones.
            int warmups = Integer.getInteger("bench.mixed-warmups", 6);
            int phases = Integer.getInteger("bench.mixed-phases", 3);
            for (int i = 1; i <= warmups + phases; i++) {
                System.out.println(
                        i <= warmups
                                ? "== warm-up phase " + i + " (views and heartbeats)"
                                : "== views and heartbeats, phase " + (i - warmups));
                viewsAndHeartbeatsWithWrk();
            }
            return;
        }
        // A cold cache, not a cold JVM: warm the request path with other queries and section rankings first.
        for (int i = 0; i < 300; i++) {
            graphql("{ latest(first: 10) { edges { node { id headline url publishedAt } } } }");
        }
        for (String section : List.of("berita", "dunia", "politik", "hukum")) {
            for (String window : List.of("LAST_HOUR", "LAST_24_HOURS", "TODAY", "LAST_7_DAYS", "LAST_30_DAYS")) {
                graphql("{ popular(window: " + window + ", section: \"" + section + "\", first: 10) { rank views"
                        + " previousRank article { id headline url publishedAt } } }");
            }
        }
        System.out.println("== popular, cold (cache miss: ranking read from the window totals of 100,000 articles)");
        for (String window : List.of("LAST_HOUR", "LAST_24_HOURS", "TODAY", "LAST_7_DAYS", "LAST_30_DAYS")) {
            cold(window);
        }
        System.out.println();
        System.out.println("== popular, warm (from the cache)");
        warm("LAST_7_DAYS", 3000);
        System.out.println();
        System.out.println("== ingestion through recordViews (batches of 200, 4 client threads, 20 s)");
        ingest("recordViews", 4, Duration.ofSeconds(20), this::recordViews);
        System.out.println();
        if (onPath("wrk")) {
            System.out.println("== ingestion through POST /views with wrk (one view per request, 2 threads,"
                    + " 32 connections, 15 s)");
            beaconsWithWrk();
        } else {
            System.out.println("== ingestion through POST /views (one view per request, 4 client threads, 15 s;"
                    + " install wrk for a faster client)");
            ingest("POST /views", 4, Duration.ofSeconds(15), this::beacon);
        }
        if (onPath("wrk")) {
            System.out.println();
            System.out.println("== views and heartbeats of engaged time through POST /views with wrk (1 view to 8"
                    + " heartbeats, 2 threads, 32 connections, 15 s)");
            viewsAndHeartbeatsWithWrk();
        }
    }

    /**
     * Ingestion of this build against an earlier one on the same database, in alternating rounds: each round starts
     * each build in turn (the order alternates), warms it up for 45 s, then measures {@code recordViews} for 20 s and
     * {@code POST /views} for 15 s. Prints every round and the ratio of the medians.
     */
    private void compare(Path jar, Path before, int port, String jdbc, Path work, int rounds) throws Exception {
        execute("create extension if not exists pg_stat_statements");
        List<Path> jars = List.of(jar, before);
        double[][] recordViews = new double[2][rounds];
        double[][] beacons = new double[2][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < 2; k++) {
                int which = round % 2 == 0 ? k : 1 - k;
                System.out.printf("%n==== round %d: %s%n", round + 1, which == 0 ? "this build" : "before");
                // Settings for this build only (-Dbench.args="--a=1 --b=2"), say to turn a part off and see its cost.
                List<String> extra = which == 0
                                && !System.getProperty("bench.args", "").isBlank()
                        ? List.of(System.getProperty("bench.args").trim().split("\\s+"))
                        : List.of();
                Process service = start(jars.get(which), port, jdbc, work, extra);
                try {
                    awaitHealthy();
                    awaitWindows();
                    System.out.println("-- warm-up (not counted)");
                    ingest("recordViews warm-up", 4, Duration.ofSeconds(30), this::recordViews);
                    ingest("POST /views warm-up", 4, Duration.ofSeconds(15), this::beacon);
                    System.out.println("-- measured");
                    recordViews[which][round] = ingest("recordViews", 4, Duration.ofSeconds(20), this::recordViews);
                    beacons[which][round] = onPath("wrk")
                            ? beaconsWithWrk()
                            : ingest("POST /views", 4, Duration.ofSeconds(15), this::beacon);
                } finally {
                    service.destroy();
                    service.waitFor();
                }
            }
        }
        System.out.println();
        System.out.println("== accepted views/s per round (this build | before)");
        for (int round = 0; round < rounds; round++) {
            System.out.printf(
                    "round %d: recordViews %,.0f | %,.0f   POST /views %,.0f | %,.0f%n",
                    round + 1, recordViews[0][round], recordViews[1][round], beacons[0][round], beacons[1][round]);
        }
        System.out.printf(
                "median: recordViews %,.0f | %,.0f (ratio %.2f)   POST /views %,.0f | %,.0f (ratio %.2f)%n",
                median(recordViews[0]),
                median(recordViews[1]),
                median(recordViews[0]) / median(recordViews[1]),
                median(beacons[0]),
                median(beacons[1]),
                median(beacons[0]) / median(beacons[1]));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private double beaconsWithWrk() throws Exception {
        Path script = Files.createTempFile("beacons", ".lua");
        StringBuilder lua = new StringBuilder("local ids = {");
        for (String id : articleIds) {
            lua.append('"').append(id).append("\",");
        }
        lua.append("}\n").append("""
                local threads = 0
                function setup(thread) threads = threads + 1; thread:set("tid", threads) end
                local n = 0
                function init(args) math.randomseed(tid * 7919) end
                function request()
                  n = n + 1
                  local body = '{"articleId":"' .. ids[math.random(#ids)] .. '","visitorId":"w' .. tid .. '-' .. n .. '"}'
                  return wrk.format("POST", "/views", {["Content-Type"] = "text/plain;charset=UTF-8",
                    ["User-Agent"] = "%s"}, body)
                end
                """.formatted(BROWSER));
        Files.writeString(script, lua);
        awaitDrained();
        execute("select pg_stat_statements_reset()");
        double acceptedBefore = stat(get("/actuator/metrics/news.views?tag=outcome:accepted"), "COUNT");
        String flushBefore = get("/actuator/metrics/news.views.flush");
        long t0 = System.nanoTime();
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c32", "-d15s", "--latency", "-s", script.toString(), base)
                .redirectErrorStream(true)
                .start();
        String output = new String(wrk.getInputStream().readAllBytes());
        wrk.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(2500);
        double accepted = stat(get("/actuator/metrics/news.views?tag=outcome:accepted"), "COUNT") - acceptedBefore;
        double flushes = stat(get("/actuator/metrics/news.views.flush"), "COUNT") - stat(flushBefore, "COUNT");
        long upserts = queryLong("select coalesce(sum(calls), 0) from pg_stat_statements"
                + " where query ilike"
                + " 'with f as%insert into article_views_flush%insert into article_views_hourly%'");
        for (String line : output.split("\n")) {
            if (line.contains("Requests/sec")
                    || line.contains("Latency")
                    || line.contains("requests in")
                    || line.contains("Non-2xx")
                    || line.contains(" 50%")
                    || line.contains(" 99%")) {
                System.out.println("  wrk: " + line.trim());
            }
        }
        System.out.printf(
                "POST /views: %,.0f views accepted (server metric news.views{outcome=accepted}) in %.1f s"
                        + " = %,.0f accepted views/s; flushes %.0f, upsert statements %d (%.2f per flush)%n",
                accepted, seconds, accepted / seconds, flushes, upserts, upserts / flushes);
        Files.deleteIfExists(script);
        return accepted / seconds;
    }

    /**
     * Views and heartbeats of engaged time through {@code POST /views} at 1 view to 8 heartbeats, as readers who stay
     * on a page for 2 minutes send them: every 9th request a view of a new visitor, the others heartbeats of 15
     * seconds, each of another visitor (one whose view another instance took: in a 15-second phase each reader sends
     * about one heartbeat, so every heartbeat is a reader's period of its own to credit). wrk, 2 threads, 32
     * connections, 15 s. Prints the events accepted per second (views answered as counted plus heartbeats accepted,
     * from the server's metrics) and the engaged seconds credited.
     */
    private double viewsAndHeartbeatsWithWrk() throws Exception {
        Path script = Files.createTempFile("mixed", ".lua");
        StringBuilder lua = new StringBuilder("local ids = {");
        for (String id : articleIds) {
            lua.append('"').append(id).append("\",");
        }
        lua.append("}\n").append("""
                local phase = "%s"
                local threads = 0
                function setup(thread) threads = threads + 1; thread:set("tid", threads) end
                local n = 0
                function init(args) math.randomseed(tid * 104729) end
                function request()
                  n = n + 1
                  local body
                  if math.fmod(n, 9) == 0 then
                    body = '{"articleId":"' .. ids[math.random(#ids)] .. '","visitorId":"m' .. phase .. tid .. '-' .. n .. '"}'
                  else
                    body = '{"articleId":"' .. ids[math.random(#ids)] .. '","visitorId":"e' .. phase .. tid .. '-' .. n
                      .. '","engaged":15}'
                  end
                  return wrk.format("POST", "/views", {["Content-Type"] = "text/plain;charset=UTF-8",
                    ["User-Agent"] = "%s"}, body)
                end
                """.formatted(Long.toString(System.nanoTime(), 36) + "-", BROWSER));
        Files.writeString(script, lua);
        awaitDrained();
        execute("select pg_stat_statements_reset()");
        double viewsBefore = stat(get("/actuator/metrics/news.views?tag=outcome:accepted"), "COUNT");
        double heartbeatsBefore = stat(get("/actuator/metrics/news.heartbeats?tag=outcome:accepted"), "COUNT")
                + stat(get("/actuator/metrics/news.heartbeats?tag=outcome:capped"), "COUNT");
        String flushBefore = get("/actuator/metrics/news.views.flush");
        long engagedBefore = queryLong("select coalesce(sum(seconds), 0) from article_engaged_hourly");
        long t0 = System.nanoTime();
        int phaseSeconds = Integer.getInteger("bench.mixed-seconds", 15);
        Process wrk = new ProcessBuilder(
                        "wrk", "-t2", "-c32", "-d" + phaseSeconds + "s", "--latency", "-s", script.toString(), base)
                .redirectErrorStream(true)
                .start();
        String output = new String(wrk.getInputStream().readAllBytes());
        wrk.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        // What was accepted but not yet written when the load stopped, and how long writing it took: written per
        // second over the whole (load and drain) is what the service sustains.
        double pendingAtEnd = stat(get("/actuator/metrics/news.views.pending"), "VALUE");
        long drainStart = System.nanoTime();
        awaitDrained();
        double drain = (System.nanoTime() - drainStart) / 1e9;
        double views = stat(get("/actuator/metrics/news.views?tag=outcome:accepted"), "COUNT") - viewsBefore;
        double heartbeats = stat(get("/actuator/metrics/news.heartbeats?tag=outcome:accepted"), "COUNT")
                + stat(get("/actuator/metrics/news.heartbeats?tag=outcome:capped"), "COUNT")
                - heartbeatsBefore;
        double flushes = stat(get("/actuator/metrics/news.views.flush"), "COUNT") - stat(flushBefore, "COUNT");
        long upserts = queryLong("select coalesce(sum(calls), 0) from pg_stat_statements"
                + " where query ilike"
                + " 'with f as%insert into article_views_flush%insert into article_views_hourly%'");
        long engaged = queryLong("select coalesce(sum(seconds), 0) from article_engaged_hourly") - engagedBefore;
        for (String line : output.split("\n")) {
            if (line.contains("Requests/sec")
                    || line.contains("Latency")
                    || line.contains("requests in")
                    || line.contains("Non-2xx")
                    || line.contains(" 50%")
                    || line.contains(" 99%")) {
                System.out.println("  wrk: " + line.trim());
            }
        }
        System.out.printf(
                "views and heartbeats: %,.0f views and %,.0f heartbeats accepted in %.1f s = %,.0f events/s"
                        + " (%,.0f views/s, %,.0f heartbeats/s); %,d engaged seconds credited; flushes %.0f, upsert"
                        + " statements %d (%.2f per flush)%n",
                views,
                heartbeats,
                seconds,
                (views + heartbeats) / seconds,
                views / seconds,
                heartbeats / seconds,
                engaged,
                flushes,
                upserts,
                upserts / Math.max(1.0, flushes));
        System.out.printf(
                "  pending when the load stopped: %,.0f; written within %.1f s after it: %,.0f events/s written over"
                        + " load and drain%n",
                pendingAtEnd, drain, (views + heartbeats) / (seconds + drain));
        Files.deleteIfExists(script);
        return (views + heartbeats) / seconds;
    }

    private void load() throws SQLException {
        long started = System.nanoTime();
        execute("""
                insert into article (slug, headline, summary, body, section_id, status, published_at, created_at,
                                     updated_at)
                select 'bench-' || g, 'Berita uji beban nomor ' || g, 'Ringkasan berita uji ' || g, '[]',
                       s.ids[1 + g % array_length(s.ids, 1)], 'PUBLISHED',
                       now() - g * interval '25.92 seconds', now() - g * interval '25.92 seconds', now()
                from generate_series(1, 100000) g, (select array_agg(id order by id) ids from section) s
                """);
        // Each article is read for two days after it appears, decaying, with every 50th a hit: 30 days of buckets.
        execute("""
                insert into article_views_hourly (article_id, hour, views)
                select a.id, date_trunc('hour', a.published_at) + k * interval '1 hour',
                       greatest(1, (40 * exp(-k / 12.0) * case when a.id % 50 = 0 then 8 else 1 end
                                    * (0.5 + ((a.id * 7919 + k * 104729) % 1000) / 1000.0))::bigint)
                from article a cross join generate_series(0, 47) k
                where a.slug like 'bench-%'
                  and date_trunc('hour', a.published_at) + k * interval '1 hour' <= now()
                on conflict (article_id, hour) do nothing
                """);
        execute("truncate article_views_window");
        execute("delete from article_views_window_range");
        execute("vacuum analyze article");
        execute("vacuum analyze article_views_hourly");
        long articles = queryLong("select count(*) from article");
        long buckets = queryLong("select count(*) from article_views_hourly");
        System.out.printf(
                "loaded: %,d articles, %,d hourly buckets over %s in %.1f s%n",
                articles,
                buckets,
                queryString("select min(hour) || ' .. ' || max(hour) from article_views_hourly"),
                (System.nanoTime() - started) / 1e9);
        articleIds = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("select id from article where slug like 'bench-%' and published_at"
                        + " > now() - interval '3 days' order by id")) {
            while (r.next()) {
                articleIds.add(
                        Base64.getUrlEncoder().withoutPadding().encodeToString(("Article:" + r.getLong(1)).getBytes()));
            }
        }
    }

    private void cold(String window) throws Exception {
        double[] client = new double[5];
        for (int i = 0; i < client.length; i++) {
            // A size not asked before is a key not cached before: each request is a cache miss.
            String query = "{ popular(window: " + window + ", first: " + (11 + i)
                    + ") { rank views previousRank article { id headline url publishedAt } } }";
            long t0 = System.nanoTime();
            graphql(query);
            client[i] = (System.nanoTime() - t0) / 1e6;
        }
        String metric = get("/actuator/metrics/news.rankings.compute?tag=kind:popular&tag=window:" + window);
        double count = stat(metric, "COUNT");
        double total = stat(metric, "TOTAL_TIME") * 1000;
        double max = stat(metric, "MAX") * 1000;
        Arrays.sort(client);
        System.out.printf(
                "%-14s server compute: mean %.1f ms, max %.1f ms over %.0f computations;"
                        + " client round trip median %.1f ms%n",
                window, total / count, max, count, client[2]);
    }

    private void warm(String window, int requests) throws Exception {
        String query = "{ popular(window: " + window
                + ", first: 10) { rank views previousRank article { id headline url publishedAt } } }";
        // Warm the JIT on the request path first.
        for (int i = 0; i < 3000; i++) {
            graphql(query);
        }
        String before = get("/actuator/metrics/http.server.requests?tag=uri:/graphql");
        String lookupBefore = get("/actuator/metrics/news.rankings.lookup");
        double[] client = new double[requests];
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            graphql(query);
            client[i] = (System.nanoTime() - t0) / 1e6;
        }
        String after = get("/actuator/metrics/http.server.requests?tag=uri:/graphql");
        String lookupAfter = get("/actuator/metrics/news.rankings.lookup");
        double n = stat(after, "COUNT") - stat(before, "COUNT");
        double serverMs = (stat(after, "TOTAL_TIME") - stat(before, "TOTAL_TIME")) * 1000 / n;
        double lookups = stat(lookupAfter, "COUNT") - stat(lookupBefore, "COUNT");
        double lookupUs = (stat(lookupAfter, "TOTAL_TIME") - stat(lookupBefore, "TOTAL_TIME")) * 1e6 / lookups;
        Arrays.sort(client);
        System.out.printf(
                "%s, first 10: server time per request (http.server.requests /graphql) mean %.2f ms;"
                        + " cache lookup mean %.1f us; client round trip median %.2f ms, p99 %.2f ms (%d requests)%n",
                window, serverMs, lookupUs, client[requests / 2], client[(int) (requests * 0.99)], requests);
    }

    private interface Sender {
        long send(AtomicLong visitors) throws Exception;
    }

    /**
     * Waits until what the previous phase left is written: fewer than 1,000 views pending in memory and no flush
     * statement running, seen in five checks in a row 200 ms apart (more than a flush interval), at most 3 minutes. So
     * that each phase, of either build, starts without the write of the phase before it; prints how long it waited.
     */
    private void awaitDrained() throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(3).toNanos();
        int quiet = 0;
        while (quiet < 5 && System.nanoTime() < deadline) {
            boolean writing = queryLong("select count(*) from pg_stat_activity where state = 'active'"
                            + " and query ilike 'with f as%insert into article_views_flush%'")
                    > 0;
            quiet = !writing && stat(get("/actuator/metrics/news.views.pending"), "VALUE") < 1000 ? quiet + 1 : 0;
            Thread.sleep(200);
        }
        System.out.printf("(backlog of the previous phase written after %.1f s)%n", (System.nanoTime() - start) / 1e9);
    }

    private double ingest(String name, int threads, Duration duration, Sender sender) throws Exception {
        awaitDrained();
        execute("select pg_stat_statements_reset()");
        String flushBefore = get("/actuator/metrics/news.views.flush");
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong visitors = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> results = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                long accepted = 0;
                long requests = 0;
                while (System.nanoTime() < end) {
                    accepted += sender.send(visitors);
                    requests++;
                }
                return new long[] {accepted, requests};
            }));
        }
        long accepted = 0;
        long requests = 0;
        for (Future<long[]> f : results) {
            accepted += f.get()[0];
            requests += f.get()[1];
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        Thread.sleep(2500);
        String flushAfter = get("/actuator/metrics/news.views.flush");
        double flushes = stat(flushAfter, "COUNT") - stat(flushBefore, "COUNT");
        String upsert =
                " where query ilike" + " 'with f as%insert into article_views_flush%insert into article_views_hourly%'";
        long upserts = queryLong("select coalesce(sum(calls), 0) from pg_stat_statements" + upsert);
        long rowsWritten = queryLong("select coalesce(sum(rows), 0) from pg_stat_statements" + upsert);
        long locks = queryLong("select coalesce(sum(calls), 0) from pg_stat_statements"
                + " where query ilike '%pg_advisory_xact_lock_shared%'");
        long allStatements = queryLong("select coalesce(sum(calls), 0) from pg_stat_statements"
                + " where toplevel and query not ilike '%pg_stat_statements%'");
        System.out.printf(
                "%s: %,d views accepted in %.1f s = %,.0f accepted views/s (%,d requests, %,.0f req/s)%n",
                name, accepted, seconds, accepted / seconds, requests, requests / seconds);
        System.out.printf(
                "flushes %.0f: upsert statements %d (%.2f per flush, %,.0f window rows per upsert),"
                        + " shared-lock statements %d (%.2f per flush); all statements the service sent in the phase: %d,"
                        + " most frequent:%n",
                flushes,
                upserts,
                upserts / flushes,
                rowsWritten / Math.max(1.0, upserts),
                locks,
                locks / flushes,
                allStatements);
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("select calls, left(regexp_replace("
                        + "query, '\\s+', ' ', 'g'), 90) from pg_stat_statements where toplevel"
                        + " and query not ilike '%pg_stat_statements%'"
                        + " order by calls desc limit 5")) {
            while (r.next()) {
                System.out.printf("  %6d  %s%n", r.getLong(1), r.getString(2));
            }
        }
        return accepted / seconds;
    }

    private long recordViews(AtomicLong visitors) throws Exception {
        StringBuilder views = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 200; i++) {
            if (i > 0) {
                views.append(',');
            }
            String id = articleIds.get(
                    (int) Math.min(articleIds.size() - 1, Math.abs(random.nextGaussian()) * articleIds.size() / 3));
            views.append("{\"articleId\":\"")
                    .append(id)
                    .append("\",\"visitorId\":\"v")
                    .append(visitors.incrementAndGet())
                    .append("\"}");
        }
        String body = "{\"query\":\"mutation($v: [RecordViewInput!]!) { recordViews(input: $v) { accepted } }\","
                + "\"variables\":{\"v\":[" + views + "]}}";
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/graphql"))
                        .header("Content-Type", "application/json")
                        .header("User-Agent", BROWSER)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCEPTED.matcher(response.body());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private long beacon(AtomicLong visitors) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String id = articleIds.get(random.nextInt(articleIds.size()));
        HttpResponse<Void> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/views"))
                        .header("Content-Type", "text/plain;charset=UTF-8")
                        .header("User-Agent", BROWSER)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"articleId\":\"" + id + "\",\"visitorId\":\"b" + visitors.incrementAndGet() + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 204 ? 1 : 0;
    }

    private String graphql(String query) throws IOException, InterruptedException {
        String body = "{\"query\":\"" + query.replace("\"", "\\\"") + "\"}";
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/graphql"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
            throw new IllegalStateException("GraphQL failed: " + response.body());
        }
        return response.body();
    }

    /** Reads an actuator endpoint; all but health need an editor's token. */
    private String get(String path) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("Authorization", "Bearer " + editorToken)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private final String editorToken = news.Tokens.token(
            "benchmark", java.util.List.of("EDITOR"), java.time.Duration.ofHours(2), news.Tokens.SECRET);

    private static double stat(String metricJson, String statistic) {
        Matcher m = Pattern.compile("\"statistic\":\"" + statistic + "\",\"value\":([0-9.Ee+-]+)")
                .matcher(metricJson);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Up to 5 minutes: on a busy machine the service has taken over 2 minutes to start. */
    private void awaitHealthy() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get("/actuator/health").contains("UP")) {
                    return;
                }
            } catch (IOException ex) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The service did not start; see service.log");
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    private long queryLong(String sql) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private String queryString(String sql) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
