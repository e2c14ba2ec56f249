package news.analytics.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import news.DrillIntegrationTest;
import news.analytics.TimeRange;
import news.analytics.ingest.AnalyticsFixtures;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * What one hour with 1,000,000 distinct readers costs in PostgreSQL: the kept keys (one row per counted view, here one
 * view per reader over 200 articles) and the sketches built from them; and that the site's estimate of them is within
 * the bound. Writes the measurements to {@code target/reader-storage.txt}. A measurement, not a check of every build:
 * a million rows take more than a minute, so it runs only with {@code -Dbench=true} ({@code bench/readers.sh}).
 */
@DrillIntegrationTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ReaderStorageIT {

    static final int VISITORS = 1_000_000;

    static final int ARTICLES = 200;

    @Autowired
    ApplicationContext context;

    @Autowired
    DSLContext dsl;

    @Autowired
    SketchBuilder builder;

    @Test
    void anHourOfAMillionReaders_sizes() throws IOException {
        AnalyticsFixtures fixtures = new AnalyticsFixtures(context);
        List<Long> articles = new ArrayList<>();
        for (int i = 0; i < ARTICLES; i++) {
            articles.add(fixtures.article(24 * 25));
        }
        fixtures.reporter(articles.subList(0, ARTICLES / 2).stream()
                .mapToLong(Long::longValue)
                .toArray());
        // A day of its own, so the partition holds these keys only.
        Instant hour = Instant.ofEpochSecond(TimeRange.hourOf(Instant.now().minus(Duration.ofDays(20))));
        LocalDate day = LocalDate.ofInstant(hour, ZoneOffset.UTC);
        String partition = "article_readers_p" + day.format(DateTimeFormatter.BASIC_ISO_DATE);
        dsl.execute("select article_readers_maintain(?::date, ?::date, date '2000-01-01')", day, day);
        long emptyKeys = size(partition);

        long started = System.nanoTime();
        dsl.execute(
                "insert into article_readers (article_id, slot_start, visitor_hi, visitor_lo)"
                        + " select (?::bigint[])[1 + g % " + ARTICLES
                        + "], ?::timestamptz + (g % 2) * interval '30 minutes',"
                        + " ('x' || substr(md5('hi' || g), 1, 16))::bit(64)::bigint,"
                        + " ('x' || substr(md5('lo' || g), 1, 16))::bit(64)::bigint"
                        + " from generate_series(1, " + VISITORS + ") g on conflict do nothing",
                articles.toArray(Long[]::new),
                hour.atOffset(ZoneOffset.UTC));
        long insertMillis = (System.nanoTime() - started) / 1_000_000;
        dsl.execute("vacuum analyze " + partition);
        long keys = size(partition) - emptyKeys;

        started = System.nanoTime();
        assertThat(builder.build(hour, hour.plus(Duration.ofHours(1)), true)).isEqualTo(1);
        long buildMillis = (System.nanoTime() - started) / 1_000_000;

        StringBuilder report = new StringBuilder();
        report.append("One hour, %,d distinct readers, one counted view each, over %d articles%n"
                .formatted(VISITORS, ARTICLES));
        report.append("article_readers: %,d bytes on disk (table + primary key), %.1f bytes per row; insert %,d ms%n"
                .formatted(keys, (double) keys / VISITORS, insertMillis));
        report.append("sketches built in %,d ms%n".formatted(buildMillis));
        long sketchBytes = 0;
        for (Record r : dsl.fetch(
                "select scope_kind, count(*) as scopes, sum(octet_length(sketch)) as bytes, max(octet_length(sketch)) as largest"
                        + " from reader_sketch_hourly where hour = ?::timestamptz group by scope_kind order by scope_kind",
                hour.atOffset(ZoneOffset.UTC))) {
            long bytes = r.get("bytes", Long.class);
            sketchBytes += bytes;
            report.append("  %-8s %,6d scopes, %,9d bytes of sketches (largest %,d)%n"
                    .formatted(r.get("scope_kind"), r.get("scopes", Long.class), bytes, r.get("largest", Long.class)));
        }
        report.append("reader_sketch_hourly, this hour: %,d bytes of sketches%n".formatted(sketchBytes));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "reader-storage.txt"), report);
        System.out.print(report);

        byte[] site = dsl.fetchValue(
                                "select sketch from reader_sketch_hourly where scope_kind = 'SITE' and hour = ?::timestamptz",
                                hour.atOffset(ZoneOffset.UTC))
                        instanceof byte[] b
                ? b
                : null;
        ReaderSketch.Merged merged = new ReaderSketch.Merged();
        merged.add(site);
        assertThat((double) merged.estimate()).isCloseTo(VISITORS, within(VISITORS * ReaderSketch.BOUND_95));
        assertThat(site.length).isLessThan(2300);
        assertThat((double) keys / VISITORS).as("bytes per kept key").isLessThan(150);
    }

    private long size(String partition) {
        return dsl.fetchValue("select pg_total_relation_size(?::regclass)", partition) instanceof Number n
                ? n.longValue()
                : -1;
    }
}
