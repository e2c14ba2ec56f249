package news.newsroom;

import java.util.List;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A tag is public only while a visible article carries it: one created by a draft shows nowhere until then. */
@IntegrationTest
class DraftTagsTest extends HttpTestBase {

    private static final String TAG = """
            query($slug: String!, $id: ID!) {
              tag(slug: $slug) { slug name articles(first: 5) { edges { node { id } } } }
              node(id: $id) { ... on Tag { slug } }
              articles(filter: {tag: $slug}, first: 5) { totalCount edges { node { id } } }
            }
            """;

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
    @SuppressWarnings("unchecked")
    void tag_usedOnlyByADraft_isPublicOnlyWhileAPublishedArticleCarriesIt() {
        String name = Fixtures.unique("Rahasia Redaksi");
        Map<String, Object> input = EditorClient.complete(Fixtures.unique("Draf bertopik rahasia"), "berita");
        input.put("tags", List.of(name));
        Map<String, Object> draft = editor.ok("createArticle", input);
        Map<String, Object> tag = editor.graphQl
                .document("query($id: ID!) { editorArticleById(id: $id) { tags { id slug } } }")
                .variable("id", draft.get("id"))
                .execute()
                .path("editorArticleById.tags[0]")
                .entity(Map.class)
                .get();
        String slug = (String) tag.get("slug");

        assertHidden(slug, (String) tag.get("id"));

        Map<String, Object> published = editor.ok("publishArticle", Map.of("id", draft.get("id"), "version", 1));
        anonymous
                .graphQl
                .document(TAG)
                .variable("slug", slug)
                .variable("id", tag.get("id"))
                .execute()
                .path("tag.slug")
                .entity(String.class)
                .isEqualTo(slug)
                .path("tag.name")
                .entity(String.class)
                .isEqualTo(name)
                .path("tag.articles.edges[*].node.id")
                .entityList(String.class)
                .containsExactly((String) draft.get("id"))
                .path("node.slug")
                .entity(String.class)
                .isEqualTo(slug)
                .path("articles.totalCount")
                .entity(Integer.class)
                .isEqualTo(1);
        anonymous
                .graphQl
                .document("query($slug: String!) { article(slug: $slug) { tags { slug } } }")
                .variable("slug", published.get("slug"))
                .execute()
                .path("article.tags[*].slug")
                .entityList(String.class)
                .containsExactly(slug);

        editor.ok("archiveArticle", Map.of("id", draft.get("id"), "version", published.get("version")));
        assertHidden(slug, (String) tag.get("id"));
    }

    private void assertHidden(String slug, String id) {
        anonymous
                .graphQl
                .document(TAG)
                .variable("slug", slug)
                .variable("id", id)
                .execute()
                .path("tag")
                .valueIsNull()
                .path("node")
                .valueIsNull()
                .path("articles.totalCount")
                .entity(Integer.class)
                .isEqualTo(0);
    }
}
