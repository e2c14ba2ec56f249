package news.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import news.HttpTestBase;
import news.IntegrationTest;
import news.graphql.GlobalId;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

@IntegrationTest
class ArticlePageTest extends HttpTestBase {

    private static final String BODY = """
            [{"type":"PARAGRAPH","text":"Paragraf pertama."},
             {"type":"QUOTE","text":"Kami menyerukan gencatan senjata.","speaker":"Juru bicara"},
             {"type":"HEADING","text":"Reaksi dunia"},
             {"type":"PARAGRAPH","text":"Paragraf terakhir."}]
            """;

    @Autowired
    DSLContext dsl;

    HttpGraphQlTester graphQl;

    Fixtures fixtures;

    @BeforeEach
    void setUp() {
        graphQl = graphQlClient();
        fixtures = new Fixtures(dsl);
    }

    @Test
    void article_bySlug_returnsBodyBlocksInOrderAndWibTime() {
        String slug = Fixtures.unique("gencatan-senjata");
        fixtures.article(slug, "dunia", "PUBLISHED", OffsetDateTime.parse("2023-09-22T00:40:00Z"), BODY);

        graphQl.document("{ article(slug: \"" + slug + "\") { headline publishedAt url "
                        + "section { name path { name } } body { type text speaker } } }")
                .execute()
                .path("article.publishedAt")
                .entity(String.class)
                .isEqualTo("2023-09-22T07:40:00+07:00")
                .path("article.url")
                .entity(String.class)
                .isEqualTo("/berita/dunia/" + slug)
                .path("article.section.path[*].name")
                .entityList(String.class)
                .containsExactly("Berita", "Dunia")
                .path("article.body[*].type")
                .entityList(String.class)
                .containsExactly("PARAGRAPH", "QUOTE", "HEADING", "PARAGRAPH")
                .path("article.body[*].text")
                .entityList(String.class)
                .containsExactly(
                        "Paragraf pertama.", "Kami menyerukan gencatan senjata.", "Reaksi dunia", "Paragraf terakhir.")
                .path("article.body[1].speaker")
                .entity(String.class)
                .isEqualTo("Juru bicara");
    }

    @Test
    void node_resolvesIdsOfEveryType() {
        var latest = graphQl.document(
                        "{ latest(first: 50) { edges { node { id section { id } reporters { id } tags { id } } } } }")
                .execute();
        String articleId =
                latest.path("latest.edges[0].node.id").entity(String.class).get();
        String sectionId = latest.path("latest.edges[0].node.section.id")
                .entity(String.class)
                .get();
        String reporterId = latest.path("latest.edges[0].node.reporters[0].id")
                .entity(String.class)
                .get();
        String tagId = latest.path("latest.edges[*].node.tags[*].id")
                .entityList(String.class)
                .get()
                .get(0);

        String query = """
                query($a: ID!, $s: ID!, $r: ID!, $t: ID!) {
                  a: node(id: $a) { __typename id ... on Article { headline } }
                  s: node(id: $s) { __typename id ... on Section { name } }
                  r: node(id: $r) { __typename id ... on Reporter { name } }
                  t: node(id: $t) { __typename id ... on Tag { name } }
                  byId: articleById(id: $a) { id }
                }
                """;
        graphQl.document(query)
                .variable("a", articleId)
                .variable("s", sectionId)
                .variable("r", reporterId)
                .variable("t", tagId)
                .execute()
                .path("a.__typename")
                .entity(String.class)
                .isEqualTo("Article")
                .path("a.id")
                .entity(String.class)
                .isEqualTo(articleId)
                .path("s.__typename")
                .entity(String.class)
                .isEqualTo("Section")
                .path("s.id")
                .entity(String.class)
                .isEqualTo(sectionId)
                .path("r.__typename")
                .entity(String.class)
                .isEqualTo("Reporter")
                .path("t.__typename")
                .entity(String.class)
                .isEqualTo("Tag")
                .path("byId.id")
                .entity(String.class)
                .isEqualTo(articleId);
    }

    @Test
    void unpublishedArticles_areInvisibleByslugIdNodeAndLists() {
        String draft = Fixtures.unique("draf");
        long draftId = fixtures.article(draft, "politik", "DRAFT", null, "[]");
        String scheduled = Fixtures.unique("terjadwal");
        long scheduledId = fixtures.article(
                scheduled, "politik", "SCHEDULED", OffsetDateTime.now().plusDays(1), "[]");
        String archived = Fixtures.unique("arsip");
        fixtures.article(archived, "politik", "ARCHIVED", OffsetDateTime.now().minusDays(1), "[]");

        for (String slug : new String[] {draft, scheduled, archived}) {
            graphQl.document("{ article(slug: \"" + slug + "\") { id } }")
                    .execute()
                    .path("article")
                    .valueIsNull();
        }
        graphQl.document("query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: articleById(id: $b) { id } }")
                .variable("a", GlobalId.encode("Article", draftId))
                .variable("b", GlobalId.encode("Article", scheduledId))
                .execute()
                .path("a")
                .valueIsNull()
                .path("b")
                .valueIsNull();
        graphQl.document("{ latest(section: \"politik\", first: 100) { edges { node { slug } } } }")
                .execute()
                .path("latest.edges[*].node.slug")
                .entityList(String.class)
                .satisfies(slugs -> assertThat(slugs).doesNotContain(draft, scheduled, archived));
    }
}
