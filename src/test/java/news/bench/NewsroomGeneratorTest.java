package news.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's newsroom generator at a tiny scale, against its own embedded PostgreSQL: it creates the schema with
 * the service's migrations and loads a consistent newsroom that the load scripts can address.
 */
class NewsroomGeneratorTest {

    @TempDir
    Path work;

    @Test
    void generatesAConsistentNewsroomWithItsViewsAndTheLoadScriptsData() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(true)
                .start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            NewsroomGenerator.main(new String[] {url, "postgres", "postgres", "600", work.toString()});
            // A second run replaces the newsroom rather than adding to it.
            NewsroomGenerator.main(new String[] {url, "postgres", "postgres", "600", work.toString()});
            try (Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
                assertThat(count(db, "select count(*) from article")).isEqualTo(600);
                assertThat(count(db, "select count(*) from section")).isEqualTo(50);
                assertThat(count(db, "select count(*) from section where parent_id is null"))
                        .isEqualTo(8);
                assertThat(count(db, "select count(*) from reporter")).isEqualTo(10);
                // Every article has a byline, and every visible one a section and a publish time in the past.
                assertThat(count(
                                db,
                                "select count(*) from article a where not exists"
                                        + " (select 1 from article_reporter r where r.article_id = a.id)"))
                        .isZero();
                assertThat(count(
                                db,
                                "select count(*) from article where status = 'PUBLISHED'"
                                        + " and (published_at is null or published_at > now())"))
                        .isZero();
                // Bodies are blocks of Indonesian words the search benchmark looks for.
                assertThat(count(
                                db,
                                "select count(*) from article where jsonb_typeof(body) = 'array'"
                                        + " and jsonb_array_length(body) >= 4"))
                        .isEqualTo(600);
                assertThat(count(db, "select count(*) from article where body::text ~* '\\m(banjir|pemilu)\\M'"))
                        .isPositive();
                // About 100 views per article, over hourly buckets of the last 30 days.
                long views = count(db, "select sum(views) from article_views_hourly");
                assertThat(views).isBetween(600L * 50, 600L * 200);
                assertThat(count(
                                db,
                                "select count(*) from article_views_hourly"
                                        + " where hour < now() - interval '31 days' or hour > now()"))
                        .isZero();
            }
            String lua = Files.readString(work.resolve("data.lua"));
            assertThat(lua).contains("slugs = {\"").contains("sections = {\"berita\"");
            assertThat(lua).containsPattern("cursor500 = \"[A-Za-z0-9_-]+\"");
        }
        assertThat(Arrays.asList(NewsroomGenerator.WORDS))
                .contains("banjir", "perdamaian", "damai", "pemilu", "Jakarta", "Bogor");
    }

    /**
     * With {@code engagement}, the readers' side agrees with the views: one reader key per distinct reader of a bucket,
     * sketches that account for exactly the keys of their hour (so the service finds no hour to rebuild), sources and
     * engaged seconds for every bucket, and readers now on the newest articles. The newsroom itself is unchanged.
     */
    @Test
    void engagementAddsTheReadersSideConsistentWithTheViews() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(true)
                .start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            NewsroomGenerator.main(new String[] {url, "postgres", "postgres", "400", work.toString()});
            long headlines;
            try (Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
                headlines = count(db, "select sum(hashtext(headline)) from article");
            }
            NewsroomGenerator.main(new String[] {url, "postgres", "postgres", "400", work.toString(), "engagement"});
            try (Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
                assertThat(count(db, "select sum(hashtext(headline)) from article"))
                        .isEqualTo(headlines);
                long buckets = count(db, "select count(*) from article_views_hourly");
                long views = count(db, "select sum(views) from article_views_hourly");
                long keys = count(db, "select count(*) from article_readers");
                assertThat(keys).isBetween(views * 9 / 10, views);
                assertThat(count(db, "select count(*) from article_engaged_hourly"))
                        .isEqualTo(buckets);
                assertThat(count(db, "select sum(views) from article_sources_hourly"))
                        .isEqualTo(views);
                assertThat(count(db, "select count(*) from article_referrers_hourly"))
                        .isPositive();
                // Every hour's site sketch accounts for exactly that hour's keys.
                assertThat(count(
                                db,
                                "select count(*) from (select date_trunc('hour', slot_start) h, count(*) n"
                                        + " from article_readers group by 1) k full join (select hour h, source_rows n"
                                        + " from reader_sketch_hourly where scope_kind = 'SITE') s using (h)"
                                        + " where k.n is distinct from s.n"))
                        .isZero();
                assertThat(count(db, "select count(*) from reader_sketch_hourly where scope_kind = 'SECTION'"))
                        .isPositive();
                assertThat(count(
                                db,
                                "select count(distinct article_id) from reader_presence"
                                        + " where minute = date_trunc('minute', now())"))
                        .isPositive();
                assertThat(count(db, "select sum(views) from view_ingestion_hourly where outcome = 'accepted'"))
                        .isEqualTo(keys);
            }
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
