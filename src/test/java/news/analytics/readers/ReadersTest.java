package news.analytics.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import news.HttpTestBase;
import news.IntegrationTest;
import news.SqlStatementCounter;
import news.Tokens;
import news.analytics.TimeRange;
import news.analytics.ingest.AnalyticsFixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

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
                    .isZero();
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
