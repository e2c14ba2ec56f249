package news.analytics.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.sql.DataSource;
import news.HttpTestBase;
import news.IntegrationTest;
import news.SqlStatementCounter;
import news.Tokens;
import news.analytics.AnalyticsProperties;
import news.analytics.TimeRange;
import news.analytics.ingest.AnalyticsFixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Unique readers through GraphQL, from keys written straight into {@code article_readers} (as the flush writes them)
 * and sketches built by the background job's own code: exact per article, estimates for sections, reporters and
 * periods past the retention that agree with the exact count on small data and stay within the stated bound on
 * 50,000 visitors; one statement per list; one builder at a time across instances.
 */
@IntegrationTest
class ReadersTest extends HttpTestBase {

    @Autowired
    ApplicationContext context;

    @Autowired
    DSLContext dsl;

    @Autowired
    DataSource dataSource;

    @Autowired
    SketchBuilder builder;

    @Autowired
    Readers readers;

    @Autowired
    SqlStatementCounter sql;

    AnalyticsFixtures fixtures;

    HttpGraphQlTester editor;

    /** An hour two hours ago: inside LAST_24_HOURS and the builder's lookback. */
    Instant hour;

    @BeforeEach
    void setUp() {
        fixtures = new AnalyticsFixtures(context);
        editor = graphQlClient().mutate().headers(Tokens.editor("redaksi")).build();
        hour = Instant.ofEpochSecond(TimeRange.hourOf(Instant.now()) - 2 * TimeRange.HOUR);
        partitions(hour.minus(Duration.ofDays(2)), Instant.now().plus(Duration.ofDays(1)));
    }

    private void partitions(Instant from, Instant to) {
        dsl.execute(
                "select article_readers_maintain(?::date, ?::date, date '2000-01-01')",
                LocalDate.ofInstant(from, ZoneOffset.UTC),
                LocalDate.ofInstant(to, ZoneOffset.UTC));
    }

    /** Keys of visitors {@code first} to {@code last} (hi = n, lo = -n) reading an article in the slot. */
    private void keys(long article, Instant slot, long first, long last) {
        dsl.execute(
                "insert into article_readers (article_id, slot_start, visitor_hi, visitor_lo)"
                        + " select ?::bigint, ?::timestamptz, g, -g from generate_series(?::bigint, ?::bigint) g",
                article,
                slot.atOffset(ZoneOffset.UTC),
                first,
                last);
    }

    private void build() {
        builder.build(
                hour.minus(Duration.ofDays(2)), Instant.ofEpochSecond(TimeRange.hourOf(Instant.now()) + 3600), true);
        readers.invalidateAll();
    }

    @Test
    void readers_exactPerArticle_estimatedPerSectionAndReporter_andAgreeOnSmallData() {
        String sub = fixtures.subsection();
        long parentArticle = fixtures.article(30);
        long subArticle = fixtures.articleIn(sub, 30);
        String reporter = fixtures.reporter(parentArticle, subArticle);
        // Visitors 1-30 read the parent article, 1-10 of them again in the next slot; 21-50 read the subsection's.
        keys(parentArticle, hour, 1, 30);
        keys(parentArticle, hour.plus(Duration.ofMinutes(30)), 1, 10);
        keys(subArticle, hour.plus(Duration.ofMinutes(30)), 21, 50);
        // In the 24 hours before: visitors 101-105 read the parent article.
        keys(parentArticle, hour.minus(Duration.ofHours(24)), 101, 105);
        // Reporters are listed by views, so the reporter needs some: two more readers of the parent article, now,
        // whose keys the flush writes itself.
        fixtures.recordViews(parentArticle, 2, "lihat-");
        fixtures.flush();
        build();

        Map<String, Object> article = editor.document("""
                query($a: ID!, $b: ID!) {
                  a: articleById(id: $a) { readers(window: LAST_24_HOURS) views(window: LAST_24_HOURS) }
                  b: articleById(id: $b) { readers(window: LAST_24_HOURS) }
                  old: articleById(id: $a) { readers(window: LAST_7_DAYS) }
                }
                """)
                .variable("a", AnalyticsFixtures.id(parentArticle))
                .variable("b", AnalyticsFixtures.id(subArticle))
                .execute()
                .path("")
                .entity(mapType())
                .get();
        assertThat(readersOf(article, "a")).isEqualTo(32);
        assertThat(readersOf(article, "b")).isEqualTo(30);
        assertThat(readersOf(article, "old")).isEqualTo(37);

        List<Map<String, Object>> sections = editor.document("""
                { analytics { sectionTotals(window: LAST_24_HOURS) {
                    section { slug } readers previousReaders } } }
                """)
                .execute()
                .path("analytics.sectionTotals")
                .entityList(mapType())
                .get();
        assertThat(total(sections, "section", fixtures.section))
                .containsEntry("readers", 52)
                .containsEntry("previousReaders", 5);
        assertThat(total(sections, "section", sub)).containsEntry("readers", 30).containsEntry("previousReaders", 0);

        List<Map<String, Object>> reporters = editor.document("""
                { analytics { reporterTotals(window: LAST_24_HOURS, first: 100) {
                    reporter { slug } readers previousReaders } } }
                """)
                .execute()
                .path("analytics.reporterTotals")
                .entityList(mapType())
                .get();
        assertThat(total(reporters, "reporter", reporter))
                .containsEntry("readers", 52)
                .containsEntry("previousReaders", 5);

        editor.document("""
                query($section: String!, $article: ID!, $from: DateTime!, $to: DateTime!) { analytics {
                  section: viewsOverTime(scope: {section: $section}, bucket: HOUR, from: $from, to: $to) { readers }
                  article: viewsOverTime(scope: {article: $article}, bucket: HOUR, from: $from, to: $to) { readers }
                } }
                """)
                .variable("section", fixtures.section)
                .variable("article", AnalyticsFixtures.id(parentArticle))
                .variable(
                        "from",
                        hour.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC).toString())
                .variable(
                        "to",
                        hour.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC).toString())
                .execute()
                .path("analytics.section[*].readers")
                .entityList(Integer.class)
                .containsExactly(0, 50)
                .path("analytics.article[*].readers")
                .entityList(Integer.class)
                .containsExactly(0, 30);
    }

    @Test
    void fiftyThousandVisitors_articleExact_sectionWithinTheBound() {
        long article = fixtures.article(30);
        // 50,000 visitors with keys spread like hashes, a fifth of them back in the next slot.
        String insert = "insert into article_readers (article_id, slot_start, visitor_hi, visitor_lo)"
                + " select ?::bigint, ?::timestamptz, ('x' || substr(md5('hi' || g), 1, 16))::bit(64)::bigint,"
                + " ('x' || substr(md5('lo' || g), 1, 16))::bit(64)::bigint from generate_series(?::bigint, ?::bigint) g";
        dsl.execute(insert, article, hour.atOffset(ZoneOffset.UTC), 1, 50_000);
        dsl.execute(insert, article, hour.plus(Duration.ofMinutes(30)).atOffset(ZoneOffset.UTC), 40_001, 50_000);
        build();

        int exact = editor.document("query($a: ID!) { articleById(id: $a) { readers(window: LAST_24_HOURS) } }")
                .variable("a", AnalyticsFixtures.id(article))
                .execute()
                .path("articleById.readers")
                .entity(Integer.class)
                .get();
        assertThat(exact).isEqualTo(50_000);
        List<Map<String, Object>> sections = editor.document(
                        "{ analytics { sectionTotals(window: LAST_24_HOURS) { section { slug } readers } } }")
                .execute()
                .path("analytics.sectionTotals")
                .entityList(mapType())
                .get();
        int estimate = (Integer) total(sections, "section", fixtures.section).get("readers");
        assertThat((double) estimate).isCloseTo(50_000, within(50_000 * ReaderSketch.BOUND_95));
    }

    @Test
    void anArticlesOlderPeriods_areEstimatedFromItsSketches_afterItsKeysAreGone() {
        long article = fixtures.article(24 * 45);
        Instant old = Instant.ofEpochSecond(TimeRange.hourOf(Instant.now().minus(Duration.ofDays(40))));
        partitions(old, old);
        keys(article, old, 1, 25);
        keys(article, old.plus(Duration.ofMinutes(30)), 20, 40);
        builder.build(old, old.plus(Duration.ofHours(1)), true);
        // The retention has passed: the keys are dropped, the sketches stay.
        dsl.execute("delete from article_readers where article_id = ?", article);

        editor.document("""
                query($article: ID!, $from: DateTime!, $to: DateTime!) { analytics {
                  viewsOverTime(scope: {article: $article}, bucket: HOUR, from: $from, to: $to) { readers } } }
                """)
                .variable("article", AnalyticsFixtures.id(article))
                .variable("from", old.atOffset(ZoneOffset.UTC).toString())
                .variable(
                        "to",
                        old.plus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC).toString())
                .execute()
                .path("analytics.viewsOverTime[*].readers")
                .entityList(Integer.class)
                .containsExactly(40, 0);
    }

    @Test
    void sectionAndReporterReaders_followAChangeToTheSketchesOfAFinishedHour_withTheirUnionsKept() {
        long article = fixtures.article(30);
        String reporter = fixtures.reporter(article);
        fixtures.recordViews(article, 1, "kini-");
        fixtures.flush();
        keys(article, hour, 1, 20);
        build();
        String query = """
                { analytics {
                    sectionTotals(window: LAST_24_HOURS) { section { slug } readers }
                    reporterTotals(window: LAST_24_HOURS, first: 100) { reporter { slug } readers } } }
                """;
        java.util.function.Supplier<List<Object>> answer = () -> {
            Map<String, Object> data = editor.document(query)
                    .execute()
                    .path("analytics")
                    .entity(mapType())
                    .get();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> sections = (List<Map<String, Object>>) data.get("sectionTotals");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> reporters = (List<Map<String, Object>>) data.get("reporterTotals");
            return List.of(
                    total(sections, "section", fixtures.section).get("readers"),
                    total(reporters, "reporter", reporter).get("readers"));
        };
        assertThat(answer.get()).containsExactly(21, 21);
        java.util.function.Supplier<List<Integer>> series = () -> editor.document("""
                        query($s: String!, $from: DateTime!, $to: DateTime!) { analytics {
                          viewsOverTime(scope: {section: $s}, bucket: HOUR, from: $from, to: $to) { readers } } }
                        """)
                .variable("s", fixtures.section)
                .variable("from", hour.atOffset(ZoneOffset.UTC).toString())
                .variable(
                        "to",
                        hour.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC).toString())
                .execute()
                .path("analytics.viewsOverTime[*].readers")
                .entityList(Integer.class)
                .get();
        assertThat(series.get()).containsExactly(20);
        assertThat(series.get()).containsExactly(20);

        // The totals expire; the unions of the finished hours are kept and still hold.
        readers.expireTotals();
        assertThat(answer.get()).containsExactly(21, 21);

        // More readers in that finished hour (a replayed spool), its sketches rebuilt: the kept unions are not used.
        keys(article, hour.plus(Duration.ofMinutes(30)), 15, 40);
        builder.build(hour, hour.plus(Duration.ofHours(1)), true);
        readers.expireTotals();
        assertThat(answer.get()).containsExactly(41, 41);
        // The finished hour's estimate kept for series changes with its sketches too.
        assertThat(series.get()).containsExactly(40);
        readers.invalidateAll();
        assertThat(answer.get()).containsExactly(41, 41);
    }

    @Test
    void sectionReadersOverAWeek_fromUnionsOfWholeDays_followAChangeToAnOldDay() {
        long article = fixtures.article(24 * 10);
        // Three days ago: inside LAST_7_DAYS, in a whole UTC day of it.
        Instant old = Instant.ofEpochSecond(TimeRange.hourOf(Instant.now().minus(Duration.ofDays(3))));
        partitions(old, old);
        keys(article, old, 1, 20);
        builder.build(old, old.plus(Duration.ofHours(1)), true);
        readers.invalidateAll();
        java.util.function.Supplier<Object> answer = () -> total(
                        editor.document(
                                        "{ analytics { sectionTotals(window: LAST_7_DAYS) { section { slug } readers } } }")
                                .execute()
                                .path("analytics.sectionTotals")
                                .entityList(mapType())
                                .get(),
                        "section",
                        fixtures.section)
                .get("readers");
        assertThat(answer.get()).isEqualTo(20);
        readers.expireTotals();
        assertThat(answer.get()).isEqualTo(20);

        keys(article, old.plus(Duration.ofMinutes(30)), 15, 40);
        builder.build(old, old.plus(Duration.ofHours(1)), true);
        readers.expireTotals();
        assertThat(answer.get()).isEqualTo(40);
        readers.invalidateAll();
        assertThat(answer.get()).isEqualTo(40);
    }

    @Test
    void popular_readsReadersInOneStatement_andOnlyWhenAsked() {
        long first = fixtures.article(3);
        long second = fixtures.article(3);
        fixtures.recordViews(first, 6, "satu-");
        fixtures.recordViews(second, 4, "dua-");
        fixtures.flush();
        keys(first, hour, 1, 12);
        keys(second, hour, 5, 7);
        readers.invalidateAll();

        String withReaders =
                "query($s: String) { popular(window: LAST_24_HOURS, section: $s) { article { id } views readers } }";
        sql.reset();
        List<Map<String, Object>> list = graphQlClient()
                .document(withReaders)
                .variable("s", fixtures.section)
                .execute()
                .path("popular")
                .entityList(mapType())
                .get();
        // The recorded visitors (6 and 4, keys written by the flush) and the keys written here (12 and 3).
        assertThat(list).extracting(m -> m.get("readers")).containsExactly(18, 7);
        assertThat(readerStatements()).hasSize(1);

        sql.reset();
        graphQlClient()
                .document("query($s: String) { popular(window: LAST_24_HOURS, section: $s) { article { id } views } }")
                .variable("s", fixtures.section)
                .execute()
                .path("popular")
                .entityList(Object.class)
                .hasSize(2);
        assertThat(readerStatements()).isEmpty();
        // Cached like the counts: asked again, no statement.
        sql.reset();
        graphQlClient()
                .document(withReaders)
                .variable("s", fixtures.section)
                .execute()
                .path("popular")
                .entityList(Object.class)
                .hasSize(2);
        assertThat(readerStatements()).isEmpty();
    }

    private List<String> readerStatements() {
        return sql.statements().stream()
                .filter(s -> s.contains("article_readers"))
                .toList();
    }

    @Test
    void oneInstanceBuildsAtATime() throws Exception {
        long article = fixtures.article(3);
        Instant slot = Instant.ofEpochSecond(TimeRange.hourOf(Instant.now()) - TimeRange.HOUR);
        keys(article, slot, 1, 3);
        try (Connection other = dataSource.getConnection();
                Statement statement = other.createStatement()) {
            statement.execute("select pg_advisory_lock(" + ReaderRepository.BUILD_LOCK + ")");
            assertThat(builder.build(slot, slot.plus(Duration.ofHours(1)), false))
                    .as("another instance holds the lock")
                    .isEqualTo(-1);
            statement.execute("select pg_advisory_unlock(" + ReaderRepository.BUILD_LOCK + ")");
        }
        assertThat(builder.build(slot, slot.plus(Duration.ofHours(1)), false)).isEqualTo(1);
        assertThat(builder.build(slot, slot.plus(Duration.ofHours(1)), false))
                .as("nothing changed since")
                .isZero();
        assertThat(dsl.fetchValue(
                        "select source_rows from reader_sketch_hourly where scope_kind = 'ARTICLE' and scope_id = ?",
                        article))
                .isEqualTo(3L);
    }

    /** Another instance's sketch writer on the same database: its own id, its own inserted keys. */
    private SketchBuilder otherInstance(InsertedReaders inserted) {
        return new SketchBuilder(
                context.getBean(ReaderRepository.class),
                inserted,
                context.getBean(PlatformTransactionManager.class),
                context.getBean(Clock.class),
                context.getBean(AnalyticsProperties.class),
                new SimpleMeterRegistry());
    }

    /**
     * Keys {@code first} to {@code last} of a visitor sequence spread like hashes, in {@code article_readers} and
     * folded as inserted by the instance whose {@code inserted} is given (as its flush would).
     */
    private void inserted(InsertedReaders inserted, long article, Instant slot, int first, int last) {
        int n = last - first + 1;
        Long[] his = new Long[n];
        Long[] los = new Long[n];
        for (int i = 0; i < n; i++) {
            SplittableRandom random = new SplittableRandom(first + i);
            his[i] = random.nextLong();
            los[i] = random.nextLong();
            inserted.add(article, slot.getEpochSecond(), his[i], los[i]);
        }
        dsl.execute(
                "insert into article_readers (article_id, slot_start, visitor_hi, visitor_lo)"
                        + " select ?::bigint, ?::timestamptz, k.hi, k.lo from unnest(?::bigint[], ?::bigint[]) k (hi, lo)",
                article,
                slot.atOffset(ZoneOffset.UTC),
                his,
                los);
    }

    private long sectionEstimate(Instant from, Instant to) {
        readers.invalidateAll();
        List<Map<String, Object>> sections = editor.document("""
                query($from: DateTime!, $to: DateTime!) { analytics {
                  viewsOverTime(scope: {section: "%s"}, bucket: HOUR, from: $from, to: $to) { readers } } }
                """.formatted(fixtures.section))
                .variable("from", from.atOffset(ZoneOffset.UTC).toString())
                .variable("to", to.atOffset(ZoneOffset.UTC).toString())
                .execute()
                .path("analytics.viewsOverTime")
                .entityList(mapType())
                .get();
        return sections.stream()
                .mapToLong(m -> ((Number) m.get("readers")).longValue())
                .sum();
    }

    private List<UUID> writersOf(Scope.Kind kind, long scopeId, Instant hour) {
        return dsl.fetch(
                        "select writer from reader_sketch_hourly where scope_kind = ? and scope_id = ? and hour = ?::timestamptz"
                                + " order by writer",
                        kind.name(),
                        scopeId,
                        hour.atOffset(ZoneOffset.UTC))
                .getValues(0, UUID.class);
    }

    @Test
    void twoInstancesWriteTheirOwnSketches_readersMergeThem_withinTheBound_andNothingIsRebuilt() {
        long first = fixtures.article(30);
        long second = fixtures.article(30);
        InsertedReaders insertedA = new InsertedReaders();
        InsertedReaders insertedB = new InsertedReaders();
        SketchBuilder a = otherInstance(insertedA);
        SketchBuilder b = otherInstance(insertedB);
        // Keys other tests wrote into the hour by hand are accounted for first.
        builder.build(hour, hour.plus(Duration.ofHours(1)), true);
        // Each key is inserted by one instance: A has visitors 1-20,000 of the first article, B 20,001-40,000 of the
        // first and 1-10,000 of the second (readers of both count once in the section).
        inserted(insertedA, first, hour, 1, 20_000);
        inserted(insertedB, first, hour.plus(Duration.ofMinutes(30)), 20_001, 40_000);
        inserted(insertedB, second, hour, 1, 10_000);
        assertThat(a.write()).isEqualTo(1);
        assertThat(b.write()).isEqualTo(1);

        long section = dsl.fetchSingle("select section_id from article where id = ?", first)
                .get(0, Long.class);
        assertThat(writersOf(Scope.Kind.SECTION, section, hour)).containsExactlyInAnyOrder(a.writer(), b.writer());
        assertThat(writersOf(Scope.Kind.ARTICLE, second, hour)).containsExactly(b.writer());
        assertThat(dsl.fetchValue(
                        "select sum(source_rows) from reader_sketch_hourly where scope_kind = 'SITE' and hour = ?::timestamptz"
                                + " and writer in (?, ?)",
                        hour.atOffset(ZoneOffset.UTC),
                        a.writer(),
                        b.writer()))
                .isEqualTo(java.math.BigDecimal.valueOf(50_000));
        // One draw of the estimate: within three standard errors (99.7 %). This one is 2.1 standard errors off;
        // a single sketch of the same keys is 1.0 off.
        long estimate = sectionEstimate(hour, hour.plus(Duration.ofHours(1)));
        assertThat((double) estimate).isCloseTo(40_000, within(40_000 * 3 * ReaderSketch.RELATIVE_STANDARD_ERROR));
        // The stored sketches account for every key of the hour: the repair leaves it alone.
        assertThat(builder.build(hour, hour.plus(Duration.ofHours(1)), true)).isZero();
    }

    @Test
    void anInstanceAddsToItsOwnRows_andARestartedOneWritesBesideThem() {
        long article = fixtures.article(30);
        InsertedReaders inserted = new InsertedReaders();
        SketchBuilder before = otherInstance(inserted);
        builder.build(hour, hour.plus(Duration.ofHours(1)), true);
        inserted(inserted, article, hour, 1, 100);
        before.write();
        inserted(inserted, article, hour, 101, 250);
        before.write();
        assertThat(writersOf(Scope.Kind.ARTICLE, article, hour)).containsExactly(before.writer());
        assertThat(dsl.fetchValue(
                        "select source_rows from reader_sketch_hourly where scope_kind = 'ARTICLE' and scope_id = ?",
                        article))
                .isEqualTo(250L);

        // What was folded but not written yet is written when the instance stops.
        before.start();
        inserted(inserted, article, hour, 251, 300);
        before.stop();
        // Restarted: a new id; its rows go beside the earlier run's, which stay counted.
        SketchBuilder after = otherInstance(inserted);
        inserted(inserted, article, hour.plus(Duration.ofMinutes(30)), 301, 400);
        after.write();
        assertThat(writersOf(Scope.Kind.ARTICLE, article, hour))
                .containsExactlyInAnyOrder(before.writer(), after.writer());
        assertThat((double) sectionEstimate(hour, hour.plus(Duration.ofHours(1))))
                .isCloseTo(400, within(400 * ReaderSketch.BOUND_95));
        assertThat(builder.build(hour, hour.plus(Duration.ofHours(1)), true)).isZero();
    }

    @Test
    void theFlushTellsThisInstanceWhichKeysItInserted() {
        long article = fixtures.article(3);
        ReaderFixtures readerFixtures = new ReaderFixtures(context);
        readerFixtures.writeSketches();
        fixtures.recordViews(article, 7, "dicatat-");
        fixtures.flush();
        // The same visitors again: nothing more inserted, nothing more folded.
        fixtures.recordViews(article, 7, "dicatat-");
        fixtures.flush();
        readerFixtures.writeSketches();
        assertThat(dsl.fetchValue(
                        "select sum(source_rows) from reader_sketch_hourly where scope_kind = 'ARTICLE'"
                                + " and scope_id = ? and writer = ?",
                        article,
                        readerFixtures.writer()))
                .isEqualTo(java.math.BigDecimal.valueOf(7));
    }

    @SuppressWarnings("unchecked")
    private static int readersOf(Map<String, Object> data, String alias) {
        return (Integer) ((Map<String, Object>) data.get(alias)).get("readers");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> total(List<Map<String, Object>> totals, String field, String slug) {
        return totals.stream()
                .filter(t -> slug.equals(((Map<String, Object>) t.get(field)).get("slug")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no total for " + slug));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Map<String, Object>> mapType() {
        return (Class) Map.class;
    }
}
