package news.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import news.analytics.TimeRange;
import news.analytics.ingest.AnalyticsFixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * {@code sectionTotals} and {@code reporterTotals} from the rollups equal the sums of the articles' window totals they
 * replace: for the current window (its running and previous hours not rolled up yet) and the previous one, before the
 * rollups exist and after they cover the hours, and after an article moves to another section, a credit is removed
 * and another added, and an article is deleted, without a round in between.
 */
@IntegrationTest
class RolledTotalsTest extends HttpTestBase {

    @Autowired
    ApplicationContext context;

    @Autowired
    SectionRollups rollups;

    AnalyticsFixtures fixtures;

    AnalyticsFixtures other;

    DSLContext dsl;

    HttpGraphQlTester graphQl;

    private static final Instant NOW = Instant.parse("2026-10-20T12:20:00Z");

    @BeforeEach
    void setUp() {
        fixtures = new AnalyticsFixtures(context);
        other = new AnalyticsFixtures(context);
        dsl = fixtures.dsl();
        graphQl = graphQlClient().mutate().headers(Tokens.editor("redaksi")).build();
        dropRollups();
    }

    @AfterEach
    void tearDown() {
        dropRollups();
        fixtures.clock().reset();
        fixtures.flush();
    }

    private void dropRollups() {
        dsl.execute("truncate section_hourly, section_sources_hourly, reporter_hourly, section_rollup_range");
    }

    /** The test's sections and reporters as sectionTotals and reporterTotals give them. */
    private Map<String, Object> answers(List<String> sections, List<String> reporters) {
        Map<String, Map<String, Object>> data = graphQl.document("""
                {
                  analytics {
                    sectionTotals(window: LAST_7_DAYS) { section { slug } views previousViews engagedSeconds }
                    reporterTotals(window: LAST_7_DAYS, first: 100) { reporter { slug } views previousViews }
                  }
                }
                """)
                .execute()
                .path("analytics")
                .entity(Map.class)
                .get();
        Map<String, Object> result = new TreeMap<>();
        for (Object row : (List<?>) data.get("sectionTotals")) {
            Map<?, ?> r = (Map<?, ?>) row;
            String slug = ((Map<?, ?>) r.get("section")).get("slug").toString();
            if (sections.contains(slug)) {
                result.put("section " + slug, List.of(r.get("views"), r.get("previousViews"), r.get("engagedSeconds")));
            }
        }
        for (Object row : (List<?>) data.get("reporterTotals")) {
            Map<?, ?> r = (Map<?, ?>) row;
            String slug = ((Map<?, ?>) r.get("reporter")).get("slug").toString();
            if (reporters.contains(slug)) {
                result.put("reporter " + slug, List.of(r.get("views"), r.get("previousViews")));
            }
        }
        return result;
    }

    private long sectionViews(String window, String... slugs) {
        Number n = (Number) dsl.fetchValue(
                "select coalesce(sum(w.views), 0) from article_views_window w join article a on a.id = w.article_id"
                        + " join section s on s.id = a.section_id where s.slug = any(?::varchar[]) and w.window_name = ?",
                slugs,
                window);
        return n.longValue();
    }

    private long reporterViews(String window, String slug) {
        Number n = (Number) dsl.fetchValue(
                "select coalesce(sum(w.views), 0) from article_views_window w"
                        + " join article_reporter ar on ar.article_id = w.article_id"
                        + " join reporter r on r.id = ar.reporter_id where r.slug = ? and w.window_name = ?",
                slug,
                window);
        return n.longValue();
    }

    private long engaged(TimeRange range, String... slugs) {
        Number n = (Number) dsl.fetchValue(
                "select coalesce(sum(e.seconds), 0) from article_engaged_hourly e join article a on a.id = e.article_id"
                        + " join section s on s.id = a.section_id where s.slug = any(?::varchar[])"
                        + " and e.hour >= ?::timestamptz and e.hour < ?::timestamptz",
                slugs,
                range.startTime(),
                range.endTime());
        return n.longValue();
    }

    /** What the answers must be: the sums of the articles' window totals (and engaged seconds of the window). */
    private Map<String, Object> expected(String parent, String sub, String elsewhere, List<String> reporters) {
        TimeRange week = news.analytics.PopularityWindow.LAST_7_DAYS.at(NOW, ZoneOffset.UTC);
        Map<String, Object> result = new TreeMap<>();
        for (String[] subtree : List.of(new String[] {parent, sub}, new String[] {sub}, new String[] {elsewhere})) {
            result.put(
                    "section " + subtree[0],
                    List.of(
                            (int) sectionViews("LAST_7_DAYS", subtree),
                            (int) sectionViews("LAST_7_DAYS:PREVIOUS", subtree),
                            (int) engaged(week, subtree)));
        }
        for (String reporter : reporters) {
            long views = reporterViews("LAST_7_DAYS", reporter);
            long previous = reporterViews("LAST_7_DAYS:PREVIOUS", reporter);
            if (views + previous > 0) {
                result.put("reporter " + reporter, List.of((int) views, (int) previous));
            }
        }
        return result;
    }

    @Test
    void rolledUpTotalsEqualTheArticlesWindowTotals_runningHourPreviousWindowAndChangesIncluded() {
        String parent = fixtures.section;
        String sub = fixtures.subsection();
        String elsewhere = other.section;
        long first = fixtures.articleIn(sub, 2000);
        long second = fixtures.article(2000);
        long third = other.article(2000);
        String one = fixtures.reporter(first, third);
        String two = fixtures.reporter(second);
        List<String> sections = List.of(parent, sub, elsewhere);
        List<String> reporters = List.of(one, two);

        // The windows first move far from the hours written below (whatever the flushes before left), so that they
        // take those hours in when they move to now.
        fixtures.clock().set(NOW.plusSeconds(60 * 86400L));
        fixtures.flush();
        long hour = TimeRange.hourOf(NOW);
        // Fifteen days before now, both weeks and the hours before them; and the previous hour.
        for (long h = hour - 15 * 86400L; h < hour; h += 7 * 3600L) {
            fixtures.writeHour(first, Instant.ofEpochSecond(h), 3, 30, "search");
            fixtures.writeHour(second, Instant.ofEpochSecond(h), 2, 20, "search");
            fixtures.writeHour(third, Instant.ofEpochSecond(h), 1, 10, "search");
        }
        fixtures.writeHour(first, Instant.ofEpochSecond(hour - 3600), 4, 40, "search");
        // The windows move to now, taking in those hours; then views of the running hour, through ingestion.
        fixtures.clock().set(NOW);
        fixtures.flush();
        fixtures.recordViews(first, 2, "kini-");
        fixtures.recordViews(third, 3, "kini-");
        fixtures.flush();

        Map<String, Object> expected = expected(parent, sub, elsewhere, reporters);
        assertThat(expected).hasSize(5);
        assertThat(answers(sections, reporters)).isEqualTo(expected);

        // Rolled up to the start of the previous hour: the previous and running hours still come from the articles.
        dsl.execute(
                "insert into section_rollup_range (id, first_hour, end_hour) values (1, ?::timestamptz, ?::timestamptz)",
                Instant.ofEpochSecond(hour - 20 * 86400L).atOffset(ZoneOffset.UTC),
                Instant.ofEpochSecond(hour - 20 * 86400L).atOffset(ZoneOffset.UTC));
        TimeRange covered = null;
        for (int i = 0; i < 10 && (covered == null || covered.end() != hour - 3600); i++) {
            covered = rollups.round().orElseThrow().covered();
        }
        assertThat(covered.end()).isEqualTo(hour - 3600);
        assertThat(dsl.fetchCount(dsl.selectFrom("reporter_hourly"))).isPositive();
        assertThat(answers(sections, reporters)).isEqualTo(expected);
        // Again, from the sums kept in memory.
        assertThat(answers(sections, reporters)).isEqualTo(expected);

        // An article moved to another section, a credit removed and one added, an article deleted: the rollups follow
        // at once, as the window totals do.
        dsl.execute(
                "update article set section_id = (select id from section where slug = ?) where id = ?", sub, second);
        dsl.execute(
                "delete from article_reporter where article_id = ? and reporter_id = (select id from reporter where slug = ?)",
                third,
                one);
        dsl.execute(
                "insert into article_reporter (article_id, reporter_id, position) select ?, id, 2 from reporter where slug = ?",
                third,
                two);
        dsl.execute("delete from article where id = ?", first);
        Map<String, Object> changed = expected(parent, sub, elsewhere, reporters);
        assertThat(changed).isNotEqualTo(expected);
        assertThat(answers(sections, reporters)).isEqualTo(changed);
        // A round finds nothing to rewrite, and the per-article tables alone answer the same.
        assertThat(rollups.round().orElseThrow().rewritten()).isEmpty();
        assertThat(answers(sections, reporters)).isEqualTo(changed);
        dropRollups();
        assertThat(answers(sections, reporters)).isEqualTo(changed);
    }
}
