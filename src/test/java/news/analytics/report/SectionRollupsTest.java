package news.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 * The section rollups answer exactly what the per-article tables answer: site- and section-wide sources, engaged
 * seconds per section and views over time in hours and days are the same before the rollups exist, after they cover
 * the hours, and, once a round has noticed it, after a view written late into an hour already rolled up.
 */
@IntegrationTest
class SectionRollupsTest extends HttpTestBase {

    @Autowired
    ApplicationContext context;

    @Autowired
    SectionRollups rollups;

    AnalyticsFixtures fixtures;

    DSLContext dsl;

    HttpGraphQlTester graphQl;

    @BeforeEach
    void setUp() {
        fixtures = new AnalyticsFixtures(context);
        dsl = fixtures.dsl();
        graphQl = graphQlClient().mutate().headers(Tokens.editor("redaksi")).build();
        dropRollups();
    }

    @AfterEach
    void tearDown() {
        dropRollups();
        fixtures.clock().reset();
    }

    /** Other tests write past hours directly; they read the per-article tables only. */
    private void dropRollups() {
        dsl.execute("truncate section_hourly, section_sources_hourly, reporter_hourly, section_rollup_range");
    }

    private static final Instant DAY = Instant.parse("2026-10-01T00:00:00Z");

    /**
     * Lets the rounds start covering a day before the test's data (the shared database has views of other tests long
     * before; the hours before the covered ones are read from the per-article tables either way).
     */
    private void startCoveringBeforeTheData() {
        dsl.execute(
                "insert into section_rollup_range (id, first_hour, end_hour) values (1, ?::timestamptz, ?::timestamptz)",
                DAY.minusSeconds(86400).atOffset(ZoneOffset.UTC),
                DAY.minusSeconds(86400).atOffset(ZoneOffset.UTC));
    }

    /** Everything the rollups can answer for the site and for one section, as the API gives it. */
    private Map<String, Object> answers(String section) {
        Map<String, Object> all = new LinkedHashMap<>();
        String query = """
                query($s: AnalyticsScope, $from: DateTime!, $to: DateTime!) {
                  analytics {
                    siteSources: sources(window: LAST_7_DAYS) { category views }
                    sectionSources: sources(scope: $s, window: LAST_7_DAYS) { category views }
                    sectionTotals(window: LAST_7_DAYS) { section { slug } engagedSeconds }
                    siteHours: viewsOverTime(bucket: HOUR, from: $from, to: $to) { start views }
                    sectionHours: viewsOverTime(scope: $s, bucket: HOUR, from: $from, to: $to) { start views }
                    siteDays: viewsOverTime(bucket: DAY, from: $from, to: $to) { start views }
                    sectionDays: viewsOverTime(scope: $s, bucket: DAY, from: $from, to: $to) { start views }
                  }
                }
                """;
        Map<String, Object> data = graphQl.document(query)
                .variable("s", Map.of("section", section))
                .variable("from", "2026-09-29T00:00:00Z")
                .variable("to", "2026-10-04T00:00:00Z")
                .execute()
                .path("analytics")
                .entity(Map.class)
                .get();
        all.putAll(data);
        // Sections with equal views come in any order: compare them by slug.
        Map<String, Object> bySection = new java.util.TreeMap<>();
        for (Object row : (java.util.List<?>) data.get("sectionTotals")) {
            Map<?, ?> r = (Map<?, ?>) row;
            bySection.put(((Map<?, ?>) r.get("section")).get("slug").toString(), r.get("engagedSeconds"));
        }
        all.put("sectionTotals", bySection);
        return all;
    }

    @Test
    void rollupsAnswerWhatThePerArticleTablesAnswer_andNoticeALateWrite() {
        String section = fixtures.subsection();
        long first = fixtures.articleIn(section, 2000);
        long second = fixtures.articleIn(section, 2000);
        long elsewhere = fixtures.article(2000);
        for (int h = 0; h < 30; h++) {
            Instant hour = DAY.plusSeconds(h * 3600L);
            fixtures.writeHour(first, hour, 3 + h, 40L * h, h % 2 == 0 ? "search" : "social");
            fixtures.writeHour(second, hour, 1, 15, "direct");
            fixtures.writeHour(elsewhere, hour, 2, 20, "internal");
        }
        fixtures.clock().set(Instant.parse("2026-10-03T12:20:00Z"));
        Map<String, Object> perArticle = answers(section);
        assertThat(perArticle.toString()).contains("SEARCH", "SOCIAL", "DIRECT", "INTERNAL");

        startCoveringBeforeTheData();
        Optional<SectionRollups.Round> round = Optional.empty();
        for (int i = 0; i < 100; i++) {
            round = rollups.round();
            if (round.orElseThrow().covered().end()
                    == Instant.parse("2026-10-03T11:00:00Z").getEpochSecond()) {
                break;
            }
        }
        TimeRange covered = round.orElseThrow().covered();
        assertThat(covered.start()).isEqualTo(DAY.minusSeconds(86400).getEpochSecond());
        assertThat(covered.end())
                .isEqualTo(Instant.parse("2026-10-03T11:00:00Z").getEpochSecond());
        assertThat(dsl.fetchCount(dsl.selectFrom("section_hourly"))).isPositive();
        assertThat(dsl.fetchCount(dsl.selectFrom("section_sources_hourly"))).isPositive();
        assertThat(answers(section)).isEqualTo(perArticle);

        // A view written late into an hour already rolled up (a replayed spool), within the recheck period (48 h
        // before the end of the covered hours): the next round rewrites that hour.
        Instant late = DAY.plusSeconds(20 * 3600L);
        fixtures.writeHour(first, late, 7, 70, "newsletter");
        SectionRollups.Round next = rollups.round().orElseThrow();
        assertThat(next.rewritten()).containsExactly(late.getEpochSecond());
        Map<String, Object> afterLateWrite = answers(section);
        assertThat(afterLateWrite).isNotEqualTo(perArticle);
        assertThat(afterLateWrite.toString()).contains("NEWSLETTER");
        dropRollups();
        assertThat(answers(section)).isEqualTo(afterLateWrite);
        startCoveringBeforeTheData();
        assertThat(rollups.round().orElseThrow().rewritten()).isEmpty();
        assertThat(answers(section)).isEqualTo(afterLateWrite);

        // Older than the recheck period, a late write stays out of the rollups (the documented bound).
        for (int i = 0; i < 100; i++) {
            if (rollups.round().orElseThrow().covered().end()
                    == Instant.parse("2026-10-03T11:00:00Z").getEpochSecond()) {
                break;
            }
        }
        fixtures.writeHour(first, DAY.plusSeconds(5 * 3600L), 9, 90, "search");
        assertThat(rollups.round().orElseThrow().rewritten()).isEmpty();
        assertThat(answers(section)).isEqualTo(afterLateWrite);
    }
}
