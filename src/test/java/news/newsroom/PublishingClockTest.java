package news.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.TestClock;
import news.Tokens;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Publishing and scheduling take "now" from the application clock, so their rules can be tested without waiting. */
@IntegrationTest
class PublishingClockTest extends HttpTestBase {

    @Autowired
    DSLContext dsl;

    @Autowired
    TestClock.Settable clock;

    EditorClient editor;

    @BeforeEach
    void setUp() {
        new Fixtures(dsl).reporter("ani", "Ani Rahmawati");
        editor = new EditorClient(port, Tokens.editor("ani"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void publish_stampsTheTimeOfTheApplicationClock() {
        Instant then = Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
        clock.set(then);
        String id = (String)
                editor.ok("createArticle", EditorClient.complete(Fixtures.unique("Jadwal kereta berubah"), "dunia"))
                        .get("id");

        Map<String, Object> published = editor.ok("publishArticle", Map.of("id", id, "version", 1));

        assertThat(OffsetDateTime.parse((String) published.get("publishedAt")).toInstant())
                .isEqualTo(then);
        // Taken off the public lists again, so the shared database keeps its shape for other tests.
        editor.ok("archiveArticle", Map.of("id", id, "version", 2));
    }

    @Test
    void schedule_judgesWhatIsPastByTheApplicationClock() {
        Instant realNow = Instant.now();
        clock.set(realNow.plus(Duration.ofDays(2)));
        String id = (String)
                editor.ok("createArticle", Map.of("headline", Fixtures.unique("Pemilu sela"), "section", "dunia"))
                        .get("id");

        // Tomorrow by the wall clock is yesterday by the application clock.
        OffsetDateTime tomorrow = realNow.plus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC);
        assertThat(ArticleWorkflowTest.fieldErrors(
                        editor.mutate(
                                "scheduleArticle", Map.of("id", id, "version", 1, "publishAt", tomorrow.toString())),
                        "scheduleArticle"))
                .containsEntry("input.publishAt", "IN_PAST");

        OffsetDateTime inThreeDays = realNow.plus(Duration.ofDays(3)).atOffset(ZoneOffset.UTC);
        assertThat(editor.ok("scheduleArticle", Map.of("id", id, "version", 1, "publishAt", inThreeDays.toString())))
                .containsEntry("status", "SCHEDULED");
        editor.ok("archiveArticle", Map.of("id", id, "version", 2));
    }
}
