package news.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import news.HttpTestBase;
import news.IntegrationTest;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

@IntegrationTest
class ArticleListsTest extends HttpTestBase {

    @Autowired
    DSLContext dsl;

    HttpGraphQlTester graphQl;

    @BeforeEach
    void setUp() {
        graphQl = graphQlClient();
    }

    @Test
    @SuppressWarnings("unchecked")
    void latest_pagesNewestFirstWithoutGapsOrRepeatsUpToTotalCount() {
        List<String> ids = new ArrayList<>();
        List<OffsetDateTime> times = new ArrayList<>();
        String after = null;
        int totalCount = -1;
        int pages = 0;
        boolean hasNext = true;
        while (hasNext) {
            GraphQlTester.Response response = graphQl.documentName("latestPage")
                    .variable("first", 10)
                    .variable("after", after)
                    .execute();
            response.errors().verify();
            Map<String, Object> latest =
                    response.path("latest").entity(Map.class).get();
            List<Map<String, Object>> edges = (List<Map<String, Object>>) latest.get("edges");
            Map<String, Object> pageInfo = (Map<String, Object>) latest.get("pageInfo");
            int count = (Integer) latest.get("totalCount");
            if (totalCount < 0) {
                totalCount = count;
            }
            assertThat(count).isEqualTo(totalCount);
            hasNext = (Boolean) pageInfo.get("hasNextPage");
            assertThat(edges).hasSize(hasNext ? 10 : edges.size()).isNotEmpty();
            for (Map<String, Object> edge : edges) {
                Map<String, Object> node = (Map<String, Object>) edge.get("node");
                ids.add((String) node.get("id"));
                String publishedAt = (String) node.get("publishedAt");
                assertThat(publishedAt).endsWith("+07:00");
                times.add(OffsetDateTime.parse(publishedAt));
                assertThat((Map<String, Object>) node.get("section")).containsKey("name");
                assertThat((List<?>) node.get("reporters")).isNotEmpty();
                Map<String, Object> image = (Map<String, Object>) node.get("image");
                assertThat(image.get("caption")).isNotNull();
                assertThat(image.get("credit")).isNotNull();
                assertThat((String) node.get("url")).endsWith("/" + node.get("slug"));
            }
            assertThat(pageInfo.get("endCursor"))
                    .isEqualTo(edges.get(edges.size() - 1).get("cursor"));
            after = (String) pageInfo.get("endCursor");
            pages++;
            assertThat(pages).as("pages walked").isLessThan(1000);
        }
        assertThat(totalCount).isGreaterThanOrEqualTo(120);
        assertThat(ids).hasSize(totalCount);
        assertThat(new HashSet<>(ids)).hasSize(totalCount);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).isBeforeOrEqualTo(times.get(i - 1));
        }
    }

    @Test
    void latest_firstPageHasTenArticlesWithBylinePhotoAndBreadcrumb() {
        GraphQlTester.Response response =
                graphQl.documentName("latestPage").variable("first", 10).execute();
        response.path("latest.edges").entityList(Object.class).hasSize(10);
        response.path("latest.edges[0].node.section.path[*].name")
                .entityList(String.class)
                .satisfies(path -> {
                    assertThat(path).isNotEmpty();
                });
        response.path("latest.edges[*].node.reporters[0].name")
                .entityList(String.class)
                .satisfies(names -> assertThat(names)
                        .hasSize(10)
                        .allSatisfy(n -> assertThat(n).isNotBlank()));
        response.path("latest.edges[*].node.image.credit")
                .entityList(String.class)
                .satisfies(credits -> assertThat(credits)
                        .hasSize(10)
                        .allSatisfy(c -> assertThat(c).isNotBlank()));
    }

    @Test
    void sectionArticles_includeArticlesOfSubsections() {
        String parent = Fixtures.unique("induk");
        String child = Fixtures.unique("anak");
        String grandchild = Fixtures.unique("cucu");
        Fixtures fixtures = new Fixtures(dsl);
        fixtures.section(parent, "Induk", "berita");
        fixtures.section(child, "Anak", parent);
        fixtures.section(grandchild, "Cucu", child);
        String inParent = Fixtures.unique("artikel-induk");
        String inGrandchild = Fixtures.unique("artikel-cucu");
        OffsetDateTime now = OffsetDateTime.now();
        fixtures.article(inParent, parent, "PUBLISHED", now.minusHours(2), "[]");
        fixtures.article(inGrandchild, grandchild, "PUBLISHED", now.minusHours(1), "[]");
        // The section tree is cached briefly; a fresh snapshot is needed after writing sections directly.
        sectionsChanged();

        graphQl.document("{ section(slug: \"" + parent + "\") { articles(first: 10) { totalCount edges { node { slug "
                        + "url section { path { slug } } } } } } }")
                .execute()
                .path("section.articles.totalCount")
                .entity(Integer.class)
                .isEqualTo(2)
                .path("section.articles.edges[*].node.slug")
                .entityList(String.class)
                .containsExactly(inGrandchild, inParent)
                .path("section.articles.edges[0].node.url")
                .entity(String.class)
                .isEqualTo("/berita/" + parent + "/" + child + "/" + grandchild + "/" + inGrandchild);

        graphQl.document("{ latest(section: \"" + child + "\", first: 5) { edges { node { slug } } } }")
                .execute()
                .path("latest.edges[*].node.slug")
                .entityList(String.class)
                .containsExactly(inGrandchild);

        // The demo's "berita" front covers its subsections, e.g. Dunia.
        graphQl.document(
                        "{ section(slug: \"berita\") { children { slug } articles(first: 100) { edges { node { section { slug } } } } } }")
                .execute()
                .path("section.articles.edges[*].node.section.slug")
                .entityList(String.class)
                .satisfies(slugs -> assertThat(new HashSet<>(slugs)).contains("dunia", "politik", "hukum"));
    }

    @Test
    void articles_filtersByReporterTagAndPublishTime() {
        String reporter = graphQl.document(
                        "{ latest(first: 1) { edges { node { reporters { slug } tags { slug } } } } }")
                .execute()
                .path("latest.edges[0].node.reporters[0].slug")
                .entity(String.class)
                .get();
        graphQl.documentName("articlesPage")
                .variable("filter", Map.of("reporter", reporter))
                .variable("first", 100)
                .execute()
                .path("articles.edges[*].node.reporters[*].slug")
                .entityList(String.class)
                .satisfies(slugs -> assertThat(slugs).contains(reporter));
        List<List<String>> bylines = graphQl
                .documentName("articlesPage")
                .variable("filter", Map.of("reporter", reporter))
                .variable("first", 100)
                .execute()
                .path("articles.edges")
                .entityList(Map.class)
                .get()
                .stream()
                .map(edge -> reporterSlugs(edge))
                .toList();
        assertThat(bylines).isNotEmpty().allSatisfy(slugs -> assertThat(slugs).contains(reporter));

        String tag = graphQl.document("{ latest(first: 50) { edges { node { tags { slug } } } } }")
                .execute()
                .path("latest.edges[*].node.tags[*].slug")
                .entityList(String.class)
                .get()
                .get(0);
        List<Map> tagged = graphQl.documentName("articlesPage")
                .variable("filter", Map.of("tag", tag))
                .variable("first", 100)
                .execute()
                .path("articles.edges")
                .entityList(Map.class)
                .get();
        assertThat(tagged)
                .isNotEmpty()
                .allSatisfy(edge -> assertThat(tagSlugs(edge)).contains(tag));

        OffsetDateTime to = OffsetDateTime.now().minusDays(3);
        OffsetDateTime from = to.minusDays(2);
        List<String> times = graphQl.documentName("articlesPage")
                .variable("filter", Map.of("publishedAfter", from.toString(), "publishedBefore", to.toString()))
                .variable("first", 100)
                .execute()
                .path("articles.edges[*].node.publishedAt")
                .entityList(String.class)
                .get();
        assertThat(times).isNotEmpty().allSatisfy(t -> {
            OffsetDateTime time = OffsetDateTime.parse(t);
            assertThat(time).isAfterOrEqualTo(from).isBefore(to);
        });

        graphQl.documentName("articlesPage")
                .variable("filter", Map.of("section", "no-such-section"))
                .variable("first", 10)
                .execute()
                .path("articles.totalCount")
                .entity(Integer.class)
                .isEqualTo(0)
                .path("articles.edges")
                .entityList(Object.class)
                .hasSize(0);
    }

    @Test
    void reporterAndTagPages_listTheirArticlesNewestFirst() {
        GraphQlTester.Response response = graphQl.document(
                        "{ sections { slug articles(first: 3) { totalCount edges { node { slug publishedAt } } } } }")
                .execute();
        response.errors().verify();
        response.path("sections[*].articles.totalCount")
                .entityList(Integer.class)
                .satisfies(counts -> assertThat(counts)
                        .isNotEmpty()
                        .anySatisfy(c -> assertThat(c).isPositive()));

        String reporter = graphQl.document("{ latest(first: 1) { edges { node { reporters { slug } } } } }")
                .execute()
                .path("latest.edges[0].node.reporters[0].slug")
                .entity(String.class)
                .get();
        List<String> times = graphQl.document("{ reporter(slug: \"" + reporter
                        + "\") { name articles(first: 5) { totalCount edges { node { publishedAt } } } } }")
                .execute()
                .path("reporter.articles.edges[*].node.publishedAt")
                .entityList(String.class)
                .get();
        assertThat(times).isNotEmpty();
        for (int i = 1; i < times.size(); i++) {
            assertThat(OffsetDateTime.parse(times.get(i))).isBeforeOrEqualTo(OffsetDateTime.parse(times.get(i - 1)));
        }
    }

    @Autowired
    news.section.SectionDirectory sectionDirectory;

    private void sectionsChanged() {
        sectionDirectory.invalidate();
    }

    @SuppressWarnings("unchecked")
    private static List<String> reporterSlugs(Map<?, ?> edge) {
        Map<String, Object> node = (Map<String, Object>) edge.get("node");
        Set<String> slugs = new HashSet<>();
        ((List<Map<String, Object>>) node.get("reporters")).forEach(r -> slugs.add((String) r.get("slug")));
        return List.copyOf(slugs);
    }

    @SuppressWarnings("unchecked")
    private static List<String> tagSlugs(Map<?, ?> edge) {
        Map<String, Object> node = (Map<String, Object>) edge.get("node");
        Set<String> slugs = new HashSet<>();
        ((List<Map<String, Object>>) node.get("tags")).forEach(r -> slugs.add((String) r.get("slug")));
        return List.copyOf(slugs);
    }
}
