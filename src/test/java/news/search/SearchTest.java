package news.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import news.HttpTestBase;
import news.IntegrationTest;
import news.SqlStatementCounter;
import news.Tokens;
import news.section.SectionDirectory;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Search over real HTTP against the real PostgreSQL. Each test writes articles around a made-up word of its own, so
 * the demo newsroom and other tests sharing the database never match.
 */
@IntegrationTest
@SuppressWarnings("unchecked")
class SearchTest extends HttpTestBase {

    private static final String SEARCH = """
            query($query: String!, $section: String, $first: Int, $after: String) {
              search(query: $query, section: $section, first: $first, after: $after) {
                totalCount
                edges { cursor node { score snippet article { id slug headline } } }
                pageInfo { hasNextPage endCursor }
              }
            }
            """;

    private static final Random RANDOM = new Random();

    @Autowired
    DSLContext dsl;

    @Autowired
    SqlStatementCounter sql;

    @Autowired
    SectionDirectory sectionDirectory;

    @Autowired
    ArticleSearch articleSearch;

    HttpGraphQlTester graphQl;

    Fixtures fixtures;

    OffsetDateTime hourAgo = OffsetDateTime.now().minusHours(1).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void setUp() {
        graphQl = graphQlClient();
        fixtures = new Fixtures(dsl);
    }

    /** A word no text of the newsroom has, of letters the Indonesian stemmer leaves alone. */
    static String word() {
        StringBuilder word = new StringBuilder("zu");
        String consonants = "bdgkprstvz";
        for (int i = 0; i < 4; i++) {
            word.append(consonants.charAt(RANDOM.nextInt(consonants.length()))).append("aeu".charAt(RANDOM.nextInt(3)));
        }
        return word.append('o').toString();
    }

    private long article(String headline, String summary, String body, String section, OffsetDateTime at) {
        String slug = Fixtures.unique("cari");
        long id = fixtures.article(slug, section, "PUBLISHED", at, paragraphs(body));
        dsl.execute("update article set headline = ?, summary = ? where id = ?", headline, summary, id);
        return id;
    }

    static String paragraphs(String body) {
        return "[{\"type\":\"PARAGRAPH\",\"text\":" + quote(body) + "}]";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Map<String, Object> search(String query) {
        return search(query, null, 10, null);
    }

    private Map<String, Object> search(String query, String section, int first, String after) {
        GraphQlTester.Response response = graphQl.document(SEARCH)
                .variable("query", query)
                .variable("section", section)
                .variable("first", first)
                .variable("after", after)
                .execute();
        response.errors().verify();
        return response.path("search").entity(Map.class).get();
    }

    static List<Map<String, Object>> hits(Map<String, Object> connection) {
        return ((List<Map<String, Object>>) connection.get("edges"))
                .stream().map(e -> (Map<String, Object>) e.get("node")).toList();
    }

    private static List<String> slugs(Map<String, Object> connection) {
        return hits(connection).stream()
                .map(h -> (String) ((Map<String, Object>) h.get("article")).get("slug"))
                .toList();
    }

    private String slugOf(long id) {
        return dsl.fetchValue("select slug from article where id = ?", id).toString();
    }

    @Test
    void search_findsStemmedAndWordForWordForms() {
        String topic = word();
        long damai = article("Warga " + topic + " hidup damai", null, "Kampung itu tenang.", "dunia", hourAgo);
        long berdamai = article("Dua kubu " + topic, null, "Mereka akhirnya berdamai.", "dunia", hourAgo);

        assertThat(slugs(search("perdamaian " + topic))).containsExactlyInAnyOrder(slugOf(damai), slugOf(berdamai));
        assertThat(slugs(search("mendamaikan " + topic))).containsExactlyInAnyOrder(slugOf(damai), slugOf(berdamai));
    }

    @Test
    void search_understandsPhrasesExclusionAndOr() {
        String topic = word();
        long phrase = article("Laporan " + topic, null, "Banjir besar melanda kota.", "dunia", hourAgo);
        long apart = article("Catatan " + topic, null, "Besar sekali banjir kemarin.", "dunia", hourAgo);
        long politics = article("Kabar " + topic, null, "Banjir besar jadi isu politik.", "dunia", hourAgo);

        assertThat(slugs(search("\"banjir besar\" " + topic)))
                .containsExactlyInAnyOrder(slugOf(phrase), slugOf(politics));
        assertThat(slugs(search("\"banjir besar\" " + topic + " -politik"))).containsExactly(slugOf(phrase));
        assertThat(slugs(search(topic + " politik or kemarin")))
                .containsExactlyInAnyOrder(slugOf(apart), slugOf(politics));
    }

    @Test
    void search_ranksHeadlineHitAboveBodyOnlyHit() {
        String topic = word();
        long inBody = article("Kabar hari ini", null, "Di dalam teks ada " + topic + " juga.", "dunia", hourAgo);
        long inHeadline = article("Sorotan " + topic, null, "Teks tanpa kata itu.", "dunia", hourAgo.minusDays(20));

        Map<String, Object> found = search(topic);

        assertThat(slugs(found)).containsExactly(slugOf(inHeadline), slugOf(inBody));
        List<Map<String, Object>> hits = hits(found);
        assertThat((Double) hits.get(0).get("score"))
                .isGreaterThan((Double) hits.get(1).get("score"));
    }

    @Test
    void search_sectionFilterIncludesSubsections() {
        String topic = word();
        String parent = Fixtures.unique("induk");
        String child = Fixtures.unique("anak");
        fixtures.section(parent, "Induk", "berita");
        fixtures.section(child, "Anak", parent);
        long inParent = article("Induk " + topic, null, "Isi.", parent, hourAgo);
        long inChild = article("Anak " + topic, null, "Isi.", child, hourAgo);
        article("Lain " + topic, null, "Isi.", "dunia", hourAgo);
        // The section tree is cached briefly; sections written straight into the table need a fresh snapshot.
        sectionDirectory.invalidate();

        assertThat(slugs(search(topic, parent, 10, null))).containsExactlyInAnyOrder(slugOf(inParent), slugOf(inChild));
        assertThat(slugs(search(topic, child, 10, null))).containsExactly(slugOf(inChild));
        assertThat(search(topic, null, 10, null).get("totalCount")).isEqualTo(3);
        assertThat(search(topic, "tidak-ada-" + topic, 10, null).get("totalCount"))
                .isEqualTo(0);
    }

    @Test
    void search_pagesWithoutRepeatsOrGaps_evenWhileArticlesArrive() {
        String topic = word();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Equal texts and times: equal scores, ordered by id.
            written.add(slugOf(article("Berita " + topic, null, "Isi sama.", "dunia", hourAgo)));
        }
        written.add(slugOf(article("Berita " + topic + " " + topic, null, "Isi lain.", "dunia", hourAgo)));
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        boolean more = true;
        while (more) {
            Map<String, Object> page = search(topic, null, 3, after);
            assertThat(page.get("totalCount")).isEqualTo(pages == 0 ? 8 : 9);
            seen.addAll(slugs(page));
            Map<String, Object> info = (Map<String, Object>) page.get("pageInfo");
            more = (Boolean) info.get("hasNextPage");
            after = (String) info.get("endCursor");
            if (pages++ == 0) {
                // An article arriving between pages does not push a seen one onto a later page.
                article("Berita " + topic, null, "Isi sama.", "dunia", hourAgo);
            }
        }
        assertThat(pages).isEqualTo(3);
        assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(written);
    }

    @Test
    void search_snippetHighlightsMatchesAndEscapesArticleText() {
        String topic = word();
        article(
                "Uji cuplikan",
                null,
                "Awal <script>alert('x')</script> lalu " + topic + " & \"kutipan\" <mark>palsu</mark> akhir.",
                "dunia",
                hourAgo);

        String snippet = (String) hits(search(topic)).get(0).get("snippet");

        assertThat(snippet)
                .contains("<mark>" + topic + "</mark>")
                .contains("&lt;script&gt;", "&amp;", "&quot;kutipan&quot;", "&lt;mark&gt;palsu&lt;/mark&gt;")
                .doesNotContain("<script", "<mark>palsu");
        assertThat(snippet.replace("<mark>", "").replace("</mark>", "")).doesNotContain("<", ">");
    }

    @Test
    void search_ignoresAccents() {
        String topic = word();
        long id = article("Kopi Bógor " + topic, null, "Isi.", "dunia", hourAgo);

        assertThat(slugs(search("bogor " + topic))).containsExactly(slugOf(id));
        assertThat(slugs(search("Bôgor " + topic))).containsExactly(slugOf(id));
    }

    @Test
    void search_findsTypoAndPrefix() {
        String topic = word();
        long id = article(
                "Longsor di " + topic + " menutup jalan", null, "Jalan ke " + topic + " tertutup.", "dunia", hourAgo);
        String typo = topic.substring(0, 5) + (topic.charAt(5) == 'x' ? 'y' : 'x') + topic.substring(6);

        Map<String, Object> found = search(typo);
        assertThat(slugs(found)).contains(slugOf(id));
        // The known word standing in for the mistyped one is marked in the snippet.
        assertThat(hits(found).get(0).get("snippet").toString()).contains("<mark>" + topic + "</mark>");
        assertThat(slugs(search(topic.substring(0, 7)))).containsExactly(slugOf(id));
        assertThat(slugs(search("longsor " + topic.substring(0, 8)))).containsExactly(slugOf(id));
    }

    @Test
    void search_answersHostileTextWithResultsOrBadRequest_neverADatabaseError() {
        String topic = word();
        article("Tahan " + topic, null, "Isi.", "dunia", hourAgo);
        List<String> hostile = List.of(
                "'; drop table article; --",
                "\" OR 1=1 --",
                "a & b | !c <-> d:* (e",
                "\"unclosed " + topic,
                "--" + topic,
                "-",
                "\"\"",
                "OR",
                "or or or",
                "!!!",
                ":*",
                "\\",
                "%_*",
                "))((",
                "🌧️ banjir 😀",
                "   ",
                "",
                topic + "'",
                "\u202e" + topic,
                "a".repeat(200));
        for (String text : hostile) {
            sql.reset();
            Map<String, Object> found = search(text);
            assertThat((Integer) found.get("totalCount")).as(text).isGreaterThanOrEqualTo(0);
        }
        // An unclosed quote is read as a quote to the end of the text: the word alone is still found.
        assertThat(search("\"" + topic).get("totalCount")).isEqualTo(1);
        assertThat(search(topic + "'").get("totalCount")).isEqualTo(1);
        for (String text : List.of("a".repeat(201), "banjir ".repeat(1_500), "kata\u0000kunci")) {
            graphQl.document(SEARCH)
                    .variable("query", text)
                    .execute()
                    .errors()
                    .expect(e -> e.getErrorType().toString().equals("BAD_REQUEST")
                            && "query".equals(e.getExtensions().get("argument")))
                    .verify();
        }
        graphQl.document(SEARCH)
                .variable("query", "a".repeat(201))
                .execute()
                .errors()
                .expect(e -> e.getMessage().contains("at most 200 characters"))
                .verify();
    }

    @Test
    void search_followsEveryWriteAtOnce_andNeverShowsDraftsOrArchived() {
        HttpGraphQlTester editor =
                graphQl.mutate().headers(Tokens.editor("uji-cari")).build();
        String before = word();
        String after = word();
        Map<String, Object> input = new java.util.HashMap<>();
        input.put("headline", "Rancangan " + before);
        input.put("section", "dunia");
        fixtures.reporter("ani", "Ani");
        input.put("reporters", List.of("ani"));
        input.put("image", Map.of("url", "/media/uji.jpg", "caption", "Foto uji", "credit", "Net"));
        input.put("body", List.of(Map.of("type", "PARAGRAPH", "text", "Isi berita uji.")));
        Map<String, Object> draft = mutate(editor, "createArticle", "CreateArticleInput", input);
        String id = (String) draft.get("id");
        assertThat(slugs(search(before))).isEmpty();

        mutate(editor, "publishArticle", "ArticleVersionInput", Map.of("id", id, "version", 1));
        assertThat(slugs(search(before))).containsExactly((String) draft.get("slug"));

        mutate(
                editor,
                "updateArticle",
                "UpdateArticleInput",
                Map.of("id", id, "version", 2, "headline", "Baru " + after));
        assertThat(slugs(search(before))).isEmpty();
        assertThat(hits(search(after))).hasSize(1);

        mutate(editor, "archiveArticle", "ArticleVersionInput", Map.of("id", id, "version", 3));
        assertThat(slugs(search(after))).isEmpty();
        // Straight into the table, in every status readers may not see.
        for (String status : List.of("DRAFT", "ARCHIVED")) {
            fixtures.article(Fixtures.unique("tersembunyi"), "dunia", status, hourAgo, paragraphs("Isi " + after));
        }
        fixtures.article(
                Fixtures.unique("terjadwal"), "dunia", "SCHEDULED", hourAgo.plusDays(1), paragraphs("Isi " + after));
        assertThat(slugs(search(after))).isEmpty();
        assertThat(slugs(search(after.substring(0, 9)))).isEmpty();
    }

    private static Map<String, Object> mutate(
            HttpGraphQlTester editor, String mutation, String type, Map<String, Object> input) {
        GraphQlTester.Response response = editor.document("mutation($input: " + type + "!) { " + mutation
                        + "(input: $input) { __typename ... on ArticlePayload { article { id slug version } }"
                        + " ... on ValidationFailed { errors { field code } } } }")
                .variable("input", input)
                .execute();
        response.errors().verify();
        Map<String, Object> result = response.path(mutation).entity(Map.class).get();
        assertThat(result.get("__typename")).as("%s: %s", mutation, result).isEqualTo("ArticlePayload");
        return (Map<String, Object>) result.get("article");
    }

    @Test
    void search_pageCostsAFixedNumberOfStatements() {
        String topic = word();
        for (int i = 0; i < 12; i++) {
            article("Beban " + topic, null, "Isi.", "dunia", hourAgo);
        }
        search(topic, null, 2, null);
        sql.reset();
        search(topic, null, 2, null);
        int small = sql.statements().size();
        sql.reset();
        search(topic, null, 12, null);
        // The search's transaction: its statement timeout, then the ranked page; then the page's articles.
        assertThat(sql.statements()).hasSize(small).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void related_isBatchedPerPage_neverTheArticleItselfOrAnInvisibleOne() {
        String page =
                "query($first: Int) { latest(first: $first) { edges { node { slug related(first: 3) { slug } } } } }";
        List<Integer> counts = new ArrayList<>();
        for (int first : List.of(3, 30)) {
            graphQl.document(page).variable("first", first).execute().errors().verify();
            sql.reset();
            List<Map<String, Object>> nodes = graphQl
                    .document(page)
                    .variable("first", first)
                    .execute()
                    .path("latest.edges[*].node")
                    .entityList(Map.class)
                    .get()
                    .stream()
                    .map(n -> (Map<String, Object>) n)
                    .toList();
            counts.add(sql.statements().size());
            assertThat(nodes).hasSize(first);
            for (Map<String, Object> node : nodes) {
                List<String> related = ((List<Map<String, Object>>) node.get("related"))
                        .stream().map(r -> (String) r.get("slug")).toList();
                assertThat(related).hasSizeLessThanOrEqualTo(3).doesNotContain((String) node.get("slug"));
                assertThat(new HashSet<>(related)).hasSameSizeAs(related);
            }
            assertThat(nodes)
                    .anySatisfy(n -> assertThat((List<?>) n.get("related")).isNotEmpty());
        }
        assertThat(counts.get(1)).isEqualTo(counts.get(0));
    }

    @Test
    void related_prefersSharedTagsAndSkipsWithdrawnArticles() {
        String tagged = word();
        long source = article("Sumber " + tagged, null, "Isi.", "dunia", hourAgo);
        long sibling = article("Saudara " + tagged, null, "Isi.", "dunia", hourAgo.minusDays(400));
        long withdrawn = article("Ditarik " + tagged, null, "Isi.", "dunia", hourAgo);
        dsl.execute("insert into tag (slug, name) values (?, ?)", Fixtures.unique("tag"), tagged);
        long tagId = ((Number) dsl.fetchValue("select id from tag where name = ?", tagged)).longValue();
        for (long id : List.of(source, sibling, withdrawn)) {
            dsl.execute("insert into article_tag (article_id, tag_id) values (?, ?)", id, tagId);
        }
        dsl.execute("update article set status = 'ARCHIVED' where id = ?", withdrawn);

        List<String> related = graphQl.document(
                        "query($slug: String!) { article(slug: $slug) { related(first: 5) { slug } } }")
                .variable("slug", slugOf(source))
                .execute()
                .path("article.related[*].slug")
                .entityList(String.class)
                .get();

        assertThat(related).first().isEqualTo(slugOf(sibling));
        assertThat(related).doesNotContain(slugOf(source), slugOf(withdrawn));
    }

    @Test
    void search_whenEveryTurnIsTaken_isRetryableBusy_andTheOtherFieldsKeepTheirData() throws Exception {
        String word = word();
        article("Banjir " + word, null, "Isi.", "dunia", hourAgo);
        int all = articleSearch.turns.availablePermits();
        articleSearch.turns.acquire(all);
        GraphQlTester.Response busy;
        try {
            busy = graphQl.document(
                            "query($q: String!) { search(query: $q) { totalCount } latest(first: 1) { totalCount } }")
                    .variable("q", word)
                    .execute();
        } finally {
            articleSearch.turns.release(all);
        }
        busy.errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            ResponseError error = errors.get(0);
            assertThat(error.getPath()).isEqualTo("search");
            assertThat(error.getExtensions())
                    .containsEntry("classification", "BUSY")
                    .containsEntry("code", "BUSY")
                    .containsEntry("retryable", true);
            assertThat(error.getMessage()).isEqualTo("Search is busy at the moment; try again shortly.");
        });
        assertThat(busy.path("latest.totalCount").entity(Integer.class).get()).isPositive();

        assertThat(search(word).get("totalCount")).isEqualTo(1);
    }
}
