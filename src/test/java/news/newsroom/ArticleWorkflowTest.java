package news.newsroom;

import static news.db.Tables.ARTICLE;
import static news.db.Tables.ARTICLE_REPORTER;
import static news.db.Tables.ARTICLE_TAG;
import static news.db.Tables.NEWSROOM_AUDIT;
import static news.db.Tables.TAG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import news.graphql.GlobalId;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

/** The article workflow as editors use it, over HTTP with an editor's token. */
@IntegrationTest
class ArticleWorkflowTest extends HttpTestBase {

    @Autowired
    DSLContext dsl;

    EditorClient editor;

    EditorClient anonymous;

    @BeforeEach
    void setUp() {
        new Fixtures(dsl).reporter("ani", "Ani Rahmawati");
        editor = new EditorClient(port, Tokens.editor("ani"));
        anonymous = EditorClient.anonymous(port);
    }

    @Test
    void editor_createsUpdatesAndSchedulesADraft_whichAppearsInLatestOnlyAfterItsTime() throws Exception {
        String headline = Fixtures.unique("Gencatan senjata diumumkan");
        Map<String, Object> draft = editor.ok(
                "createArticle",
                Map.of(
                        "headline",
                        headline,
                        "section",
                        "dunia",
                        "summary",
                        "Ringkasan awal.",
                        "reporters",
                        List.of("ani"),
                        "tags",
                        List.of("Timur Tengah"),
                        "body",
                        List.of(
                                Map.of("type", "PARAGRAPH", "text", "Paragraf pertama."),
                                Map.of("type", "QUOTE", "text", "Kami sepakat.", "speaker", "Juru bicara")),
                        "image",
                        Map.of("url", "/media/gencatan.jpg", "caption", "Para delegasi", "credit", "Net")));
        assertThat(draft).containsEntry("status", "DRAFT").containsEntry("version", 1);
        String id = (String) draft.get("id");

        Map<String, Object> updated = editor.ok(
                "updateArticle",
                Map.of("id", id, "version", 1, "headline", headline + " resmi", "summary", "Ringkasan baru."));
        assertThat(updated).containsEntry("version", 2).containsEntry("headline", headline + " resmi");
        // Never published yet: the slug follows the headline.
        assertThat((String) updated.get("slug")).endsWith("-resmi");

        OffsetDateTime publishAt = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(4);
        Map<String, Object> scheduled =
                editor.ok("scheduleArticle", Map.of("id", id, "version", 2, "publishAt", publishAt.toString()));
        assertThat(scheduled).containsEntry("status", "SCHEDULED").containsEntry("version", 3);

        assertThat(latestIds()).doesNotContain(id);
        anonymous
                .graphQl
                .document("query($id: ID!) { articleById(id: $id) { id } }")
                .variable("id", id)
                .execute()
                .path("articleById")
                .valueIsNull();
        boolean seenEarly = false;
        while (OffsetDateTime.now(ZoneOffset.UTC).isBefore(publishAt.minusNanos(300_000_000))) {
            seenEarly |= latestIds().contains(id);
            Thread.sleep(200);
        }
        assertThat(seenEarly).as("visible before its publish time").isFalse();
        while (!OffsetDateTime.now(ZoneOffset.UTC).isAfter(publishAt.plusNanos(100_000_000))) {
            Thread.sleep(50);
        }
        assertThat(latestIds()).contains(id);
        // Public now: rescheduling or publishing again would move its publish time, so both are refused.
        assertThat(fieldErrors(
                        editor.mutate(
                                "scheduleArticle",
                                Map.of(
                                        "id",
                                        id,
                                        "version",
                                        3,
                                        "publishAt",
                                        OffsetDateTime.now(ZoneOffset.UTC)
                                                .plusHours(1)
                                                .toString())),
                        "scheduleArticle"))
                .containsEntry("input.id", "INVALID_STATE");
        assertThat(fieldErrors(editor.mutate("publishArticle", Map.of("id", id, "version", 3)), "publishArticle"))
                .containsEntry("input.id", "INVALID_STATE");
        anonymous
                .graphQl
                .document("query($id: ID!) { articleById(id: $id) { headline summary body { type text speaker } "
                        + "reporters { slug } tags { slug name } image { credit } } }")
                .variable("id", id)
                .execute()
                .path("articleById.headline")
                .entity(String.class)
                .isEqualTo(headline + " resmi")
                .path("articleById.summary")
                .entity(String.class)
                .isEqualTo("Ringkasan baru.")
                .path("articleById.body[1].speaker")
                .entity(String.class)
                .isEqualTo("Juru bicara")
                .path("articleById.reporters[0].slug")
                .entity(String.class)
                .isEqualTo("ani")
                .path("articleById.tags[0].slug")
                .entity(String.class)
                .isEqualTo("timur-tengah")
                .path("articleById.image.credit")
                .entity(String.class)
                .isEqualTo("Net");
        long articleKey = GlobalId.decode(id, "Article", "id");
        assertThat(dsl.select(ARTICLE.CREATED_BY, ARTICLE.UPDATED_BY)
                        .from(ARTICLE)
                        .where(ARTICLE.ID.eq(articleKey))
                        .fetchOne()
                        .intoArray())
                .containsExactly("ani", "ani");
        assertThat(dsl.fetchCount(
                        NEWSROOM_AUDIT,
                        NEWSROOM_AUDIT.OBJECT_ID.eq(articleKey).and(NEWSROOM_AUDIT.OBJECT_TYPE.eq("Article"))))
                .isEqualTo(3);
    }

    @Test
    void staleVersionUpdate_failsWithConflict_andTheStoredArticleIsUnchanged() {
        Map<String, Object> draft =
                editor.ok("createArticle", Map.of("headline", Fixtures.unique("Sidang ditunda"), "section", "hukum"));
        String id = (String) draft.get("id");
        EditorClient other = new EditorClient(port, Tokens.editor("budi"));
        other.ok("updateArticle", Map.of("id", id, "version", 1, "summary", "Budi menulis ini."));

        GraphQlTester.Response response =
                editor.mutate("updateArticle", Map.of("id", id, "version", 1, "summary", "Ani menimpa ini."));
        response.errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            ResponseError error = errors.get(0);
            assertThat(error.getExtensions()).containsEntry("classification", "CONFLICT");
            assertThat(error.getMessage()).contains("changed by someone else").contains("version 2");
        });
        editor.graphQl
                .document("query($id: ID!) { editorArticleById(id: $id) { summary version } }")
                .variable("id", id)
                .execute()
                .path("editorArticleById.summary")
                .entity(String.class)
                .isEqualTo("Budi menulis ini.")
                .path("editorArticleById.version")
                .entity(Integer.class)
                .isEqualTo(2);
    }

    @Test
    void concurrentUpdatesOfTheSameVersion_oneWinsAndTheOtherGetsConflict() throws Exception {
        String id = (String)
                editor.ok("createArticle", Map.of("headline", Fixtures.unique("Rapat darurat"), "section", "dunia"))
                        .get("id");
        EditorClient other = new EditorClient(port, Tokens.editor("budi"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<GraphQlTester.Response>> results = new ArrayList<>();
            for (EditorClient client : List.of(editor, other)) {
                results.add(pool.submit(() -> client.mutate(
                        "updateArticle", Map.of("id", id, "version", 1, "summary", "Versi " + client.hashCode()))));
            }
            int conflicts = 0;
            for (java.util.concurrent.Future<GraphQlTester.Response> result : results) {
                int[] found = new int[1];
                result.get()
                        .errors()
                        .satisfy(errors -> found[0] = (int) errors.stream()
                                .filter(e -> "CONFLICT".equals(e.getExtensions().get("classification")))
                                .count());
                conflicts += found[0];
            }
            assertThat(conflicts).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        editor.graphQl
                .document("query($id: ID!) { editorArticleById(id: $id) { version } }")
                .variable("id", id)
                .execute()
                .path("editorArticleById.version")
                .entity(Integer.class)
                .isEqualTo(2);
    }

    @Test
    void changedSlug_keepsTheOldOneResolving_withTheCurrentUrl() {
        Map<String, Object> draft =
                editor.ok("createArticle", EditorClient.complete(Fixtures.unique("Pemilu dimulai"), "politik"));
        String id = (String) draft.get("id");
        String oldSlug = (String) draft.get("slug");
        editor.ok("publishArticle", Map.of("id", id, "version", 1));
        // Once public, a new headline leaves the slug alone.
        Map<String, Object> retitled =
                editor.ok("updateArticle", Map.of("id", id, "version", 2, "headline", "Judul yang sama sekali lain"));
        assertThat(retitled).containsEntry("slug", oldSlug);
        String newSlug = Fixtures.unique("pemilu-resmi-dimulai");
        Map<String, Object> renamed = editor.ok("updateArticle", Map.of("id", id, "version", 3, "slug", newSlug));
        assertThat(renamed).containsEntry("slug", newSlug).containsEntry("url", "/berita/politik/" + newSlug);

        for (String slug : List.of(oldSlug, newSlug)) {
            anonymous
                    .graphQl
                    .document("query($slug: String!) { article(slug: $slug) { id slug url } }")
                    .variable("slug", slug)
                    .execute()
                    .path("article.id")
                    .entity(String.class)
                    .isEqualTo(id)
                    .path("article.slug")
                    .entity(String.class)
                    .isEqualTo(newSlug)
                    .path("article.url")
                    .entity(String.class)
                    .isEqualTo("/berita/politik/" + newSlug);
        }
        // The old slug stays with its article: nobody else can take it.
        GraphQlTester.Response taken =
                editor.mutate("createArticle", Map.of("headline", "Lain", "slug", oldSlug, "section", "politik"));
        assertThat(fieldErrors(taken, "createArticle")).containsEntry("input.slug", "SLUG_TAKEN");
    }

    @Test
    void invalidInput_namesEachFieldAndWritesNothing() {
        String newTag = Fixtures.unique("Tag baru");
        Map<String, Long> before = rowCounts();
        List<Map<String, Object>> body = new ArrayList<>();
        body.add(Map.of("type", "PARAGRAPH", "text", "Baik."));
        body.add(Map.of("type", "PARAGRAPH", "text", "   "));
        body.add(Map.of("type", "HEADING", "text", "Sub", "speaker", "Tidak boleh"));
        Map<String, Object> input = new HashMap<>();
        input.put("headline", "  ");
        input.put("section", "tidak-ada");
        input.put("reporters", List.of("ani", "hantu"));
        input.put("tags", List.of(newTag));
        input.put("body", body);
        input.put("image", Map.of("url", "/x.jpg", "width", 0));
        Map<String, String> errors = fieldErrors(editor.mutate("createArticle", input), "createArticle");
        assertThat(errors)
                .containsEntry("input.headline", "REQUIRED")
                .containsEntry("input.section", "UNKNOWN_SECTION")
                .containsEntry("input.reporters[1]", "UNKNOWN_REPORTER")
                .containsEntry("input.body[1].text", "REQUIRED")
                .containsEntry("input.body[2].speaker", "NOT_ALLOWED")
                .containsEntry("input.image.width", "OUT_OF_RANGE");

        List<Map<String, Object>> longBody = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            longBody.add(Map.of("type", "PARAGRAPH", "text", "x".repeat(10_000)));
        }
        assertThat(fieldErrors(
                        editor.mutate(
                                "createArticle",
                                Map.of(
                                        "headline",
                                        "Panjang sekali",
                                        "section",
                                        "dunia",
                                        "tags",
                                        List.of(newTag),
                                        "body",
                                        longBody)),
                        "createArticle"))
                .containsEntry("input.body", "TOO_LONG");
        assertThat(fieldErrors(
                        editor.mutate(
                                "createArticle",
                                Map.of("headline", "x".repeat(301), "section", "dunia", "slug", "Bukan Slug!")),
                        "createArticle"))
                .containsEntry("input.headline", "TOO_LONG")
                .containsEntry("input.slug", "INVALID_SLUG");

        Map<String, Object> draft =
                editor.ok("createArticle", Map.of("headline", Fixtures.unique("Jadwal"), "section", "dunia"));
        Map<String, Long> afterDraft = rowCounts();
        assertThat(fieldErrors(
                        editor.mutate(
                                "scheduleArticle",
                                Map.of(
                                        "id",
                                        draft.get("id"),
                                        "version",
                                        1,
                                        "publishAt",
                                        OffsetDateTime.now(ZoneOffset.UTC)
                                                .minusMinutes(1)
                                                .toString())),
                        "scheduleArticle"))
                .containsEntry("input.publishAt", "IN_PAST");
        assertThat(fieldErrors(
                        editor.mutate(
                                "updateArticle",
                                Map.of(
                                        "id",
                                        draft.get("id"),
                                        "version",
                                        1,
                                        "headline",
                                        "Judul baru yang sah",
                                        "tags",
                                        List.of(newTag),
                                        "section",
                                        "tidak-ada")),
                        "updateArticle"))
                .containsOnlyKeys("input.section");
        assertThat(rowCounts()).isEqualTo(afterDraft);
        assertThat(afterDraft.get("article")).isEqualTo(before.get("article") + 1);
        assertThat(afterDraft).containsEntry("tag", before.get("tag"));
        editor.graphQl
                .document("query($id: ID!) { editorArticleById(id: $id) { headline version status } }")
                .variable("id", draft.get("id"))
                .execute()
                .path("editorArticleById.headline")
                .entity(String.class)
                .isEqualTo(draft.get("headline"))
                .path("editorArticleById.version")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("editorArticleById.status")
                .entity(String.class)
                .isEqualTo("DRAFT");
    }

    @Test
    void tags_areCreatedOnFirstUse_andUnicodeHeadlinesGiveAsciiSlugs() {
        String tag = Fixtures.unique("Krisis Pangan");
        Map<String, Object> first = editor.ok(
                "createArticle",
                Map.of(
                        "headline",
                        "Café Ümlaut — ДОБРО 2026",
                        "section",
                        "dunia",
                        "tags",
                        List.of(tag, tag.toUpperCase())));
        assertThat((String) first.get("slug")).matches("cafe-umlaut-2026(-[0-9]+)?");
        Map<String, Object> second = editor.ok(
                "createArticle",
                Map.of("headline", "Café Ümlaut — ДОБРО 2026", "section", "dunia", "tags", List.of(tag)));
        assertThat(second.get("slug")).isNotEqualTo(first.get("slug"));
        assertThat(dsl.fetchCount(TAG, TAG.NAME.eq(tag))).isEqualTo(1);
        // Nothing Latin left to spell a slug with: a neutral one, still unique.
        assertThat((String) editor.ok("createArticle", Map.of("headline", "東京で首脳会議", "section", "dunia"))
                        .get("slug"))
                .matches("artikel(-[0-9]+)?");
    }

    @Test
    void unpublishAndArchive_withdrawFromPublicQueries_andCorrectionsAreShown() {
        Map<String, Object> draft =
                editor.ok("createArticle", EditorClient.complete(Fixtures.unique("Banjir surut"), "berita"));
        String id = (String) draft.get("id");
        editor.ok("publishArticle", Map.of("id", id, "version", 1));
        assertThat(latestIds()).contains(id);
        editor.ok("addCorrection", Map.of("id", id, "text", "Jumlah korban diperbaiki menjadi tiga."));
        anonymous
                .graphQl
                .document("query($id: ID!) { articleById(id: $id) { corrections { text createdAt } } }")
                .variable("id", id)
                .execute()
                .path("articleById.corrections[0].text")
                .entity(String.class)
                .isEqualTo("Jumlah korban diperbaiki menjadi tiga.");
        Map<String, Object> unpublished = editor.ok("unpublishArticle", Map.of("id", id, "version", 2));
        assertThat(unpublished).containsEntry("status", "DRAFT");
        assertThat(latestIds()).doesNotContain(id);
        editor.ok("publishArticle", Map.of("id", id, "version", 3));
        assertThat(latestIds()).contains(id);
        assertThat(editor.ok("archiveArticle", Map.of("id", id, "version", 4))).containsEntry("status", "ARCHIVED");
        assertThat(latestIds()).doesNotContain(id);
        assertThat(fieldErrors(editor.mutate("publishArticle", Map.of("id", id, "version", 5)), "publishArticle"))
                .containsEntry("input.id", "INVALID_STATE");
    }

    private List<String> latestIds() {
        return anonymous
                .graphQl
                .document("{ latest(first: 100) { edges { node { id } } } }")
                .execute()
                .path("latest.edges[*].node.id")
                .entityList(String.class)
                .get();
    }

    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new HashMap<>();
        counts.put("article", (long) dsl.fetchCount(ARTICLE));
        counts.put("article_tag", (long) dsl.fetchCount(ARTICLE_TAG));
        counts.put("article_reporter", (long) dsl.fetchCount(ARTICLE_REPORTER));
        counts.put("tag", (long) dsl.fetchCount(TAG));
        counts.put("audit", (long) dsl.fetchCount(NEWSROOM_AUDIT));
        return counts;
    }

    /** The field errors of a refused mutation, field to code. */
    @SuppressWarnings("unchecked")
    static Map<String, String> fieldErrors(GraphQlTester.Response response, String mutation) {
        response.errors().verify();
        Map<String, Object> result = response.path(mutation).entity(Map.class).get();
        assertThat(result.get("__typename")).isEqualTo("ValidationFailed");
        Map<String, String> errors = new HashMap<>();
        for (Map<String, Object> error : (List<Map<String, Object>>) result.get("errors")) {
            assertThat((String) error.get("message")).isNotBlank();
            errors.put((String) error.get("field"), (String) error.get("code"));
        }
        return errors;
    }
}
