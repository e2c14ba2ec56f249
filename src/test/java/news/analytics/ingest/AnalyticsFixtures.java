package news.analytics.ingest;

import static news.db.Tables.ARTICLE_REPORTER;
import static news.db.Tables.ARTICLE_VIEWS_HOURLY;
import static news.db.Tables.REPORTER;
import static org.jooq.impl.DSL.sum;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import news.NewsApplication;
import news.TestClock;
import news.Tokens;
import news.graphql.GlobalId;
import news.section.SectionDirectory;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The shared set-up of the analytics tests: test articles in a fresh section, views recorded from a client address
 * of the fixture's own (so no test spends another's rate limit), the flusher and the clock, the views the database
 * holds, and further instances of the service on the same database.
 */
public final class AnalyticsFixtures {

    public static final String BROWSER =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " + "Chrome/124.0 Safari/537.36";

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private final DSLContext dsl;

    private final Fixtures fixtures;

    private final SectionDirectory sections;

    private final ApplicationContext context;

    public final String section;

    /** The client address views are recorded from. */
    public final String address;

    /** Fixtures of the test application context: every helper is available. */
    public AnalyticsFixtures(ApplicationContext context) {
        this(context.getBean(DSLContext.class), context.getBean(SectionDirectory.class), context);
    }

    /** Fixtures on a database only: articles, sections, reporters and stored views. */
    public AnalyticsFixtures(DSLContext dsl, SectionDirectory sections) {
        this(dsl, sections, null);
    }

    private AnalyticsFixtures(DSLContext dsl, SectionDirectory sections, ApplicationContext context) {
        this.dsl = dsl;
        this.sections = sections;
        this.context = context;
        this.fixtures = new Fixtures(dsl);
        this.section = Fixtures.unique("analytics");
        int n = ADDRESSES.incrementAndGet();
        this.address = "10.77." + (n / 250 % 250) + "." + (n % 250 + 1);
        fixtures.section(section, "Analitik " + section, "berita");
        sections.invalidate();
    }

    public DSLContext dsl() {
        return dsl;
    }

    ViewRecorder recorder() {
        return context.getBean(ViewRecorder.class);
    }

    ViewFlusher flusher() {
        return context.getBean(ViewFlusher.class);
    }

    public TestClock.Settable clock() {
        return context.getBean(TestClock.Settable.class);
    }

    /** Records {@code count} views of an article by distinct visitors ({@code visitorPrefix} + n). */
    List<ViewDecision> views(long article, int count, String visitorPrefix) {
        List<ViewReport> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(ViewReport.of(id(article), visitorPrefix + i, null));
        }
        return recorder().record(batch, new ClientOrigin(address, BROWSER));
    }

    /** Writes what ingestion counted to the database, as the flusher's schedule would. */
    public void flush() {
        flusher().flush();
    }

    /**
     * Records {@code count} views of an article by distinct visitors ({@code visitorPrefix} + n); returns each view's
     * outcome by name, for tests outside ingestion.
     */
    public List<String> recordViews(long article, int count, String visitorPrefix) {
        return outcomes(views(article, count, visitorPrefix));
    }

    /** Records one view of each of the articles (global ids, or anything a client might send) from one client. */
    public List<String> recordFrom(String ip, String userAgent, String visitorId, String... articleIds) {
        List<ViewReport> batch = new ArrayList<>();
        for (String articleId : articleIds) {
            batch.add(ViewReport.of(articleId, visitorId, null));
        }
        return outcomes(recorder().record(batch, new ClientOrigin(ip, userAgent)));
    }

    private static List<String> outcomes(List<ViewDecision> decisions) {
        return decisions.stream().map(d -> d.outcome().name()).toList();
    }

    /** A published article of the fixture section, published {@code hoursAgo} hours ago. */
    public long article(int hoursAgo) {
        return fixtures.article(
                Fixtures.unique("dibaca"),
                section,
                "PUBLISHED",
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(hoursAgo),
                "[]");
    }

    public long draft() {
        return fixtures.article(Fixtures.unique("draf"), section, "DRAFT", null, "[]");
    }

    /** A reporter of its own, credited on the given articles (besides their first reporter). */
    public String reporter(long... articles) {
        String slug = Fixtures.unique("penulis");
        long id = dsl.insertInto(REPORTER)
                .set(REPORTER.SLUG, slug)
                .set(REPORTER.NAME, "Penulis " + slug)
                .returning(REPORTER.ID)
                .fetchOne(REPORTER.ID);
        for (long article : articles) {
            dsl.insertInto(ARTICLE_REPORTER)
                    .set(ARTICLE_REPORTER.ARTICLE_ID, article)
                    .set(ARTICLE_REPORTER.REPORTER_ID, id)
                    .set(ARTICLE_REPORTER.POSITION, 1)
                    .execute();
        }
        return slug;
    }

    /** A subsection of the fixture section with one published article; returns the subsection's slug. */
    public String subsection() {
        String slug = Fixtures.unique("sub");
        fixtures.section(slug, "Sub " + slug, section);
        sections.invalidate();
        return slug;
    }

    public long articleIn(String sectionSlug, int hoursAgo) {
        return fixtures.article(
                Fixtures.unique("dibaca"),
                sectionSlug,
                "PUBLISHED",
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(hoursAgo),
                "[]");
    }

    public static String id(long article) {
        return GlobalId.encode("Article", article);
    }

    /**
     * Adds to one hour of an article, as flushes would have: its views, its engaged seconds, and its views again under
     * the source {@code category}.
     */
    public void writeHour(long article, java.time.Instant hour, long views, long seconds, String category) {
        OffsetDateTime h = hour.atOffset(ZoneOffset.UTC);
        dsl.execute(
                "insert into article_views_hourly (article_id, hour, views) values (?, ?::timestamptz, ?)"
                        + " on conflict (article_id, hour) do update set views = article_views_hourly.views + excluded.views",
                article,
                h,
                views);
        dsl.execute(
                "insert into article_engaged_hourly (article_id, hour, seconds) values (?, ?::timestamptz, ?) on conflict"
                        + " (article_id, hour) do update set seconds = article_engaged_hourly.seconds + excluded.seconds",
                article,
                h,
                seconds);
        dsl.execute(
                "insert into article_sources_hourly (article_id, hour, category, views) values (?, ?::timestamptz, ?, ?) on conflict"
                        + " (article_id, hour, category) do update set views = article_sources_hourly.views + excluded.views",
                article,
                h,
                category,
                views);
    }

    /** Views of the article in the database, across all hours. */
    public long stored(long article) {
        BigDecimal views = dsl.select(sum(ARTICLE_VIEWS_HOURLY.VIEWS))
                .from(ARTICLE_VIEWS_HOURLY)
                .where(ARTICLE_VIEWS_HOURLY.ARTICLE_ID.eq(article))
                .fetchOne(0, BigDecimal.class);
        return views == null ? 0 : views.longValue();
    }

    /** Waits until a move of the window totals is under way and waiting on a lock held elsewhere. */
    public void awaitWindowMoveBlocked() throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (((Number) dsl.fetchValue("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                                + " and query like '%article_views_window_range%'"))
                        .longValue()
                == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no window move waited on the lock within 15 s");
            }
            Thread.sleep(20);
        }
    }

    /**
     * Starts another instance of the service on the test database, without demo content. The settings go in as
     * command-line arguments: unlike default properties ({@code SpringApplicationBuilder.properties}), those take
     * precedence over application.yml, so a setting that application.yml also gives (a flush interval, say) really
     * applies. Each instance spools to a directory of its own, has a settable clock ({@link TestClock}, following the
     * system clock until set) and verifies editors' tokens signed with {@link Tokens#SECRET}.
     */
    public static ConfigurableApplicationContext startInstance(JdbcConnectionDetails database, String... settings) {
        Stream<String> base = Stream.of(
                "spring.datasource.url=" + database.getJdbcUrl(),
                "spring.datasource.username=" + database.getUsername(),
                "spring.datasource.password=" + database.getPassword(),
                "news.demo-data.enabled=false",
                "news.security.jwt-secret=" + Tokens.SECRET,
                "spring.main.banner-mode=off",
                "news.analytics.spool-directory=target/test-spool-" + Fixtures.unique("instance"));
        String[] args =
                Stream.concat(base, Stream.of(settings)).map(s -> "--" + s).toArray(String[]::new);
        return new SpringApplicationBuilder(NewsApplication.class, TestClock.class).run(args);
    }
}
