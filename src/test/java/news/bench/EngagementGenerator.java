package news.bench;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import news.analytics.readers.ReaderSketch;
import org.postgresql.copy.CopyManager;

/**
 * The readers' side of a generated newsroom, for the dashboard benchmark ({@code bench/dashboard.sh}): for every view
 * bucket the {@link NewsroomGenerator} writes, the engaged seconds, the views per source category and referring host,
 * one reader key per view in {@code article_readers} (readers drawn from a pool, so one reader reads several
 * articles), the hourly reader sketches of the site, the sections, the reporters and the articles (as the service's
 * own rebuild writes them, so it finds nothing to rebuild), and the ingestion accounting of each hour. Readers now:
 * presence rows for the newest articles from five minutes ago to {@value #PRESENCE_AHEAD_MINUTES} minutes ahead, so
 * {@code readersNow} has readers throughout a benchmark run without views being sent.
 *
 * <p>Uses its own seeded random numbers: the newsroom is the same with or without it.
 */
final class EngagementGenerator {

    static final int PRESENCE_AHEAD_MINUTES = 30;

    private static final String[] CATEGORIES = {
        "search", "social", "direct", "internal", "newsletter", "campaign", "other"
    };

    private static final double[] SHARES = {0.34, 0.22, 0.24, 0.12, 0.03, 0.02, 0.03};

    private static final String[] SEARCH_HOSTS = {"google.com", "google.co.id", "bing.com", "duckduckgo.com"};

    private static final String[] SOCIAL_HOSTS = {"facebook.com", "t.co", "instagram.com", "tiktok.com", "wa.me"};

    private static final String[] OTHER_HOSTS = {"kompasiana.example", "forum.example.id", "agregator.example"};

    /** Distinct readers the views are drawn from. */
    private static final int READER_POOL = 2_000_000;

    private final Connection db;

    private final CopyManager copy;

    private final Random random = new Random(20261207L);

    private final StringBuilder engaged = new StringBuilder();

    private final StringBuilder sources = new StringBuilder();

    private final StringBuilder referrers = new StringBuilder();

    private final StringBuilder readers = new StringBuilder();

    /** Sketches of the hours still receiving keys, by hour. */
    private final TreeMap<Instant, HourSketches> open = new TreeMap<>();

    private final StringBuilder sketchRows = new StringBuilder();

    private final Map<Instant, long[]> ingestion = new TreeMap<>();

    private long keys;

    private long sketches;

    private final Set<Long> bucketReaders = new HashSet<>();

    private static final class HourSketches {
        final ReaderSketch site = new ReaderSketch();
        final Map<Long, ReaderSketch> sections = new HashMap<>();
        final Map<Long, ReaderSketch> reporters = new HashMap<>();
        final Map<Long, ReaderSketch> articles = new HashMap<>();
    }

    EngagementGenerator(Connection db, CopyManager copy) {
        this.db = db;
        this.copy = copy;
    }

    /** Empties the readers' tables and creates the reader partitions of the last 32 days. */
    void prepare() throws SQLException {
        execute("truncate article_engaged_hourly, article_sources_hourly, article_referrers_hourly, article_readers,"
                + " reader_sketch_hourly, reader_presence, view_ingestion_hourly, analytics_alert,"
                + " analytics_alert_state");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        execute("select article_readers_maintain(date '" + today.minusDays(32) + "', date '" + today.plusDays(1)
                + "', date '" + today.minusDays(40) + "')");
    }

    /** One view bucket of an article: {@code views} views in the hour starting at {@code hour}. */
    void bucket(long article, long section, long[] reporters, Instant hour, long views) {
        NewsroomGenerator.row(engaged, article, hour, views * (15 + random.nextInt(90)));
        long left = views;
        for (int c = 0; c < CATEGORIES.length && left > 0; c++) {
            long n = c == CATEGORIES.length - 1
                    ? left
                    : Math.min(left, Math.round(views * SHARES[c] * (0.5 + random.nextDouble())));
            if (n == 0) {
                continue;
            }
            left -= n;
            NewsroomGenerator.row(sources, article, hour, CATEGORIES[c], n);
            String[] hosts = c == 0 ? SEARCH_HOSTS : c == 1 ? SOCIAL_HOSTS : c == 6 ? OTHER_HOSTS : null;
            if (hosts != null) {
                NewsroomGenerator.row(referrers, article, hour, hosts[random.nextInt(hosts.length)], n);
            }
        }
        HourSketches h = open.computeIfAbsent(hour, x -> new HourSketches());
        bucketReaders.clear();
        for (long v = 0; v < views; v++) {
            long reader = random.nextInt(READER_POOL);
            if (!bucketReaders.add(reader)) {
                continue;
            }
            long hi = reader * 0x9E3779B97F4A7C15L;
            long lo = Long.rotateLeft(hi, 31) ^ 0x5DEECE66DL;
            Instant slot = random.nextBoolean() ? hour : hour.plus(30, ChronoUnit.MINUTES);
            NewsroomGenerator.row(readers, article, slot, hi, lo);
            h.site.add(hi, lo);
            h.sections.computeIfAbsent(section, x -> new ReaderSketch()).add(hi, lo);
            for (long r : reporters) {
                h.reporters.computeIfAbsent(r, x -> new ReaderSketch()).add(hi, lo);
            }
            h.articles.computeIfAbsent(article, x -> new ReaderSketch()).add(hi, lo);
            keys++;
        }
        long[] outcomes = ingestion.computeIfAbsent(hour, x -> new long[4]);
        outcomes[0] += bucketReaders.size();
        outcomes[1] += views / 10;
        outcomes[2] += views / 25;
        outcomes[3] += views / 200;
    }

    /**
     * Writes the rows gathered so far, and the sketches of the hours before {@code firstOpenHour}, which no later
     * article has views in.
     */
    void flush(Instant firstOpenHour) throws SQLException, IOException {
        copy.copyIn("copy article_engaged_hourly (article_id, hour, seconds) from stdin", reader(engaged));
        copy.copyIn("copy article_sources_hourly (article_id, hour, category, views) from stdin", reader(sources));
        copy.copyIn("copy article_referrers_hourly (article_id, hour, host, views) from stdin", reader(referrers));
        copy.copyIn(
                "copy article_readers (article_id, slot_start, visitor_hi, visitor_lo) from stdin", reader(readers));
        for (Iterator<Map.Entry<Instant, HourSketches>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Instant, HourSketches> e = it.next();
            if (firstOpenHour != null && !e.getKey().isBefore(firstOpenHour)) {
                break;
            }
            HourSketches h = e.getValue();
            sketch(e.getKey(), "SITE", 0L, h.site);
            h.sections.forEach((id, s) -> sketch(e.getKey(), "SECTION", id, s));
            h.reporters.forEach((id, s) -> sketch(e.getKey(), "REPORTER", id, s));
            h.articles.forEach((id, s) -> sketch(e.getKey(), "ARTICLE", id, s));
            it.remove();
        }
        copy.copyIn(
                "copy reader_sketch_hourly (scope_kind, scope_id, hour, sketch, source_rows) from stdin",
                reader(sketchRows));
    }

    /** The ingestion accounting and readers now; answers {keys, sketches}. */
    long[] finish(long[] newestArticles) throws SQLException, IOException {
        flush(null);
        StringBuilder rows = new StringBuilder();
        ingestion.forEach((hour, n) -> {
            NewsroomGenerator.row(rows, hour, "graphql", "accepted", n[0] / 2);
            NewsroomGenerator.row(rows, hour, "beacon", "accepted", n[0] - n[0] / 2);
            NewsroomGenerator.row(rows, hour, "beacon", "duplicate", n[1]);
            NewsroomGenerator.row(rows, hour, "beacon", "bot", n[2]);
            NewsroomGenerator.row(rows, hour, "graphql", "rate_limited", n[3]);
        });
        copy.copyIn(
                "copy view_ingestion_hourly (hour, entry_point, outcome, views) from stdin",
                new StringReader(rows.toString()));
        rows.setLength(0);
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int m = -5; m <= PRESENCE_AHEAD_MINUTES; m++) {
            Instant at = minute.plus(m, ChronoUnit.MINUTES);
            for (int i = 0; i < newestArticles.length; i++) {
                int readersNow = 1 + random.nextInt(i < 10 ? 80 : 12);
                for (int r = 0; r < readersNow; r++) {
                    long hi = (long) (i * 1000 + r) * 0x9E3779B97F4A7C15L;
                    NewsroomGenerator.row(rows, at, newestArticles[i], hi, i);
                }
            }
        }
        copy.copyIn(
                "copy reader_presence (minute, article_id, visitor_hi, visitor_lo) from stdin",
                new StringReader(rows.toString()));
        return new long[] {keys, sketches};
    }

    private void sketch(Instant hour, String kind, long id, ReaderSketch sketch) {
        NewsroomGenerator.row(
                sketchRows, kind, id, hour, "\\\\x" + HexFormat.of().formatHex(sketch.toBytes()), sketch.rows());
        sketches++;
    }

    private static StringReader reader(StringBuilder rows) {
        StringReader r = new StringReader(rows.toString());
        rows.setLength(0);
        return r;
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }
}
