package news.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import news.analytics.AnalyticsProperties;
import news.analytics.PopularityWindow;
import news.analytics.RankingWindow;
import news.analytics.ingest.AnalyticsFixtures;
import news.analytics.readers.ReaderFixtures;
import news.analytics.readers.Readers;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The dashboard's warm-up: after it, the dashboard's first panels query reads no sketch of the warmed windows'
 * finished hours (only those of the hour still being written), and its figures equal those computed cold; when the
 * window's first hour moves, the unions built ahead are taken, so the first request of the new hour reads the hours
 * finished since and the running one only, and its figures equal a cold computation of the moved window.
 */
@IntegrationTest
class DashboardWarmUpTest extends HttpTestBase {

    /** The dashboard's panels query as the page sends it (dashboard.js, PANELS). */
    static final String PANELS = """
            query DashboardPanels($window: PopularityWindow!, $section: String, $scope: AnalyticsScope,
                $bucket: TimeBucket!, $from: DateTime!, $to: DateTime!) {
              trending(section: $section, first: 5) { rank views readers article { id } }
              analytics {
                viewsOverTime(scope: $scope, bucket: $bucket, from: $from, to: $to) { start views readers partial }
                sectionTotals(window: $window) { section { slug name } views previousViews change readers }
                reporterTotals(window: $window, first: 10) { reporter { slug name } views previousViews change readers }
                sources(window: $window) { category views share }
                ingestion(window: $window) { accepted duplicates }
              }
            }
            """;

    /** Half past an hour, long before the other tests' data; the hour from 09:00 is still being written. */
    static final Instant T1 = Instant.parse("2026-06-10T09:30:00Z");

    static final String WEEK = RankingWindow.current(PopularityWindow.LAST_7_DAYS);

    static final String WEEK_BEFORE = RankingWindow.previous(PopularityWindow.LAST_7_DAYS);

    @Autowired
    ApplicationContext context;

    @Autowired
    DashboardWarmUp warmUp;

    @Autowired
    Readers readers;

    @Autowired
    MeterRegistry meters;

    AnalyticsFixtures fixtures;

    ReaderFixtures readerFixtures;

    DSLContext dsl;

    HttpGraphQlTester editor;

    String sub;

    long sectionId;

    long subId;

    long reporterId;

    @BeforeEach
    void setUp() {
        fixtures = new AnalyticsFixtures(context);
        readerFixtures = new ReaderFixtures(context);
        dsl = fixtures.dsl();
        editor = graphQlClient().mutate().headers(Tokens.editor("redaksi")).build();
        fixtures.clock().set(T1);
        sub = fixtures.subsection();
        long a = fixtures.article(3);
        long b = fixtures.articleIn(sub, 3);
        String reporter = fixtures.reporter(a);
        sectionId = id("select id from section where slug = ?", fixtures.section);
        subId = id("select id from section where slug = ?", sub);
        reporterId = id("select id from reporter where slug = ?", reporter);
        // The week before LAST_7_DAYS at T1 ([05-27 08:00, 06-03 09:00)): visitors 1000-1009 of the section's article.
        keys(a, "2026-05-30T12:00:00Z", 1000, 1009);
        // LAST_7_DAYS at T1 is [06-03 09:00, 06-10 10:00); an hour later it starts at 10:00, so 1-10 move to the week
        // before. The hour from 12:00 is in the part of its first UTC day, read from the stored sketches.
        keys(a, "2026-06-03T09:00:00Z", 1, 10);
        keys(a, "2026-06-03T12:00:00Z", 11, 20);
        keys(b, "2026-06-06T15:00:00Z", 21, 35);
        keys(a, "2026-06-10T08:00:00Z", 36, 40);
        // Being written at T1, finished an hour later.
        keys(a, "2026-06-10T09:00:00Z", 41, 45);
        // Being written an hour after T1.
        keys(b, "2026-06-10T10:00:00Z", 46, 50);
        // Sketches of these hours built by an earlier test are built again from the keys there are now (an instance
        // with the real clock may have dropped the earlier keys' partitions since, leaving as many keys as before).
        Instant from = Instant.parse("2026-05-27T00:00:00Z");
        Instant to = Instant.parse("2026-06-10T11:00:00Z");
        dsl.execute(
                "delete from reader_sketch_hourly where hour >= ?::timestamptz and hour < ?::timestamptz",
                from.atOffset(ZoneOffset.UTC),
                to.atOffset(ZoneOffset.UTC));
        readerFixtures.build(from, to);
    }

    @AfterEach
    void tearDown() {
        fixtures.clock().reset();
        readers.invalidateAll();
    }

    private long id(String sql, String slug) {
        return dsl.fetchSingle(sql, slug).get("id", Long.class);
    }

    private void keys(long article, String slot, long first, long last) {
        readerFixtures.keys(article, Instant.parse(slot), first, last);
    }

    /** Stored sketch rows of a kind in [from, to). */
    private long rows(String kind, Instant from, Instant to) {
        return dsl.fetchSingle(
                        "select count(*) as n from reader_sketch_hourly where scope_kind = ?"
                                + " and hour >= ?::timestamptz and hour < ?::timestamptz",
                        kind,
                        from.atOffset(ZoneOffset.UTC),
                        to.atOffset(ZoneOffset.UTC))
                .get("n", Long.class);
    }

    /** Sketch rows of a kind Readers has read so far. */
    private double read(String kind) {
        return meters.get("news.readers.sketches.read")
                .tag("kind", kind)
                .counter()
                .count();
    }

    /** The sketch rows each kind reads while {@code action} runs. */
    private Map<String, Long> readDuring(Runnable action) {
        double section = read("SECTION");
        double reporter = read("REPORTER");
        double site = read("SITE");
        action.run();
        return Map.of(
                "SECTION", Math.round(read("SECTION") - section),
                "REPORTER", Math.round(read("REPORTER") - reporter),
                "SITE", Math.round(read("SITE") - site));
    }

    private Map<String, Object> panels() {
        Instant now = fixtures.clock().instant();
        return editor.document(PANELS)
                .variable("window", "LAST_7_DAYS")
                .variable("bucket", "HOUR")
                .variable(
                        "from",
                        now.minus(Duration.ofHours(24)).atOffset(ZoneOffset.UTC).toString())
                .variable("to", now.atOffset(ZoneOffset.UTC).toString())
                .execute()
                .path("analytics")
                .entity(mapType())
                .get();
    }

    /** Readers of the test's section, subsection and reporter in the week and the week before, as Readers has them. */
    private List<Long> figures() {
        Map<Long, Long> sections = readers.ofSections(WEEK);
        Map<Long, Long> sectionsBefore = readers.ofSections(WEEK_BEFORE);
        Map<Long, Long> reporters = readers.ofReporters(WEEK);
        Map<Long, Long> reportersBefore = readers.ofReporters(WEEK_BEFORE);
        return List.of(
                sections.getOrDefault(sectionId, 0L),
                sections.getOrDefault(subId, 0L),
                sectionsBefore.getOrDefault(sectionId, 0L),
                reporters.getOrDefault(reporterId, 0L),
                reportersBefore.getOrDefault(reporterId, 0L));
    }

    /**
     * Every section's and reporter's readers in both windows, and the readers the panels show (every section's, and
     * the site's per hour), as computed now. The panels' views are left out: they follow the ranking windows' totals,
     * which the shared context's background job moves on its own schedule, also between a warm and a cold
     * computation here (the test's clock is in June; a move in between made every section's views 0).
     */
    private List<Object> everything() {
        return List.of(
                readers.ofSections(WEEK),
                readers.ofSections(WEEK_BEFORE),
                readers.ofReporters(WEEK),
                readers.ofReporters(WEEK_BEFORE),
                readersShown(panels()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readersShown(Map<String, Object> panels) {
        Map<String, Object> shown = new TreeMap<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) panels.get("sectionTotals")) {
            shown.put("section " + ((Map<String, Object>) row.get("section")).get("slug"), row.get("readers"));
        }
        for (Map<String, Object> point : (List<Map<String, Object>>) panels.get("viewsOverTime")) {
            shown.put("hour " + point.get("start"), point.get("readers"));
        }
        return shown;
    }

    @Test
    void afterTheWarmUp_theFirstPanelsQuery_readsOnlyTheRunningHoursSketches_andAgreesWithACold() {
        assertThat(warmUp.windows()).containsExactly(PopularityWindow.LAST_7_DAYS, PopularityWindow.LAST_30_DAYS);
        Instant running = Instant.parse("2026-06-10T09:00:00Z");
        Instant end = running.plus(Duration.ofHours(1));
        assertThat(rows("SECTION", running, end)).isPositive();

        // As after a start: nothing in memory.
        readers.invalidateAll();
        warmUp.round();

        // The first view of the dashboard: everything from the warm-up's caches.
        Map<String, Long> first = readDuring(this::panels);
        assertThat(first)
                .containsEntry("SECTION", 0L)
                .containsEntry("REPORTER", 0L)
                // The site's readers per hour: only the hour still being written.
                .containsEntry("SITE", rows("SITE", running, end));

        // Its totals expired (30 s later): the running hour's sketches only, none of the week's finished hours.
        readerFixtures.expireTotals();
        Map<String, Long> later = readDuring(this::panels);
        assertThat(later)
                .containsEntry("SECTION", rows("SECTION", running, end))
                .containsEntry("REPORTER", rows("REPORTER", running, end));

        List<Object> warm = everything();
        List<Long> warmFigures = figures();
        readers.invalidateAll();
        Map<String, Long> cold = readDuring(() -> assertThat(everything()).isEqualTo(warm));
        assertThat(cold.get("SECTION"))
                .as("a cold computation reads the finished hours' sketches")
                .isGreaterThan(rows("SECTION", running, end));
        // Section (with its subsection): visitors 1-45; subsection 21-35; the week before 1000-1009; the reporter
        // (the section's article) 1-20 and 36-45, the week before 1000-1009.
        assertThat(warmFigures).containsExactly(45L, 15L, 10L, 30L, 10L);
    }

    @Test
    void whenTheWindowsFirstHourMoves_theUnionsBuiltAheadAreTaken_andAgreeWithACold() {
        readers.invalidateAll();
        warmUp.round();
        assertThat(figures()).containsExactly(45L, 15L, 10L, 30L, 10L);
        // At least sections and reporters, the week and the week before: all move at the next hour (more when other
        // tests of the shared context kept other windows).
        assertThat(readers.prepareNextHour()).isGreaterThanOrEqualTo(4);

        // An hour later: the week starts at 06-03 10:00; the hour from 09:00 has finished, 10:00 is being written.
        Instant t2 = T1.plus(Duration.ofHours(1));
        fixtures.clock().set(t2);
        readerFixtures.expireTotals();
        Instant finishedSince = Instant.parse("2026-06-10T09:00:00Z");
        Instant end = Instant.parse("2026-06-10T11:00:00Z");
        Map<String, Long> moved = readDuring(this::panels);
        // The hour finished since the unions were built ahead and the running one; no rebuild of the first UTC day's
        // hours (06-03 from 10:00, where visitors 11-20 are) nor of the last day's.
        assertThat(moved)
                .containsEntry("SECTION", rows("SECTION", finishedSince, end))
                .containsEntry("REPORTER", rows("REPORTER", finishedSince, end));

        // Section: 11-50; subsection 21-35 and 46-50; the week before 1000-1009 and 1-10; reporter 11-20, 36-45.
        List<Long> after = figures();
        assertThat(after).containsExactly(40L, 20L, 20L, 20L, 20L);
        List<Object> warm = everything();
        readers.invalidateAll();
        assertThat(everything()).isEqualTo(warm);
        assertThat(figures()).isEqualTo(after);
    }

    /**
     * Started as the application starts it (with {@code news.analytics.warm-up.enabled=true}, the other settings at
     * their defaults), the warm-up runs on its own thread once the application is ready, not before.
     */
    @Test
    void theWarmUp_runsInTheBackground_onceTheApplicationIsReady() throws InterruptedException {
        AnalyticsProperties settings = new Binder(
                        new MapConfigurationPropertySource(Map.of("news.analytics.warm-up.enabled", "true")))
                .bindOrCreate("news.analytics", AnalyticsProperties.class);
        assertThat(settings.warmUp().enabled()).isTrue();
        DashboardWarmUp started =
                new DashboardWarmUp(context.getBean(ReadershipReport.class), readers, fixtures.clock(), settings);
        readers.invalidateAll();
        started.start();
        try {
            Thread.sleep(300);
            assertThat(started.warmed())
                    .as("not before the application is ready")
                    .isFalse();
            started.ready();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!started.warmed() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(started.warmed())
                    .as("warmed up within a minute of being ready")
                    .isTrue();
            // What a round warms is what the first dashboard view reads (the first test). Its rounds go on in the
            // background (the next hour's unions), so sketches read now would not be the panels' alone.
        } finally {
            started.stop();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Map<String, Object>> mapType() {
        return (Class) Map.class;
    }
}
