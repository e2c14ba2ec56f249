package news.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The snippet of a search hit marks the words that found it, wherever in the article they are: in the body (a
 * paragraph or a quote), only in the summary, only in the headline, and for the words standing in for a mistyped one
 * or completing the word being typed. Each test writes articles around a made-up word of its own.
 */
@IntegrationTest
@SuppressWarnings("unchecked")
class SearchSnippetTest extends HttpTestBase {

    private static final String SEARCH = """
            query($query: String!) {
              search(query: $query, first: 5) { edges { node { snippet article { slug } } } }
            }
            """;

    @Autowired
    DSLContext dsl;

    HttpGraphQlTester graphQl;

    Fixtures fixtures;

    OffsetDateTime hourAgo = OffsetDateTime.now().minusHours(1).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void setUp() {
        graphQl = graphQlClient();
        fixtures = new Fixtures(dsl);
    }

    private String article(String headline, String summary, String bodyJson) {
        String slug = Fixtures.unique("cuplik");
        long id = fixtures.article(slug, "dunia", "PUBLISHED", hourAgo, bodyJson);
        dsl.execute("update article set headline = ?, summary = ? where id = ?", headline, summary, id);
        return slug;
    }

    /** The snippet of the article {@code slug} among the hits of {@code query}, where it must be. */
    private String snippetOf(String query, String slug) {
        GraphQlTester.Response response =
                graphQl.document(SEARCH).variable("query", query).execute();
        response.errors().verify();
        List<Map<String, Object>> edges = response.path("search.edges").entityList(Map.class).get().stream()
                .map(e -> (Map<String, Object>) e)
                .toList();
        // Other tests' made-up words may resemble this one and be added by the typo fallback, below the article.
        List<Map<String, Object>> nodes = edges.stream()
                .map(e -> (Map<String, Object>) e.get("node"))
                .filter(n -> slug.equals(((Map<String, Object>) n.get("article")).get("slug")))
                .toList();
        assertThat(nodes).hasSize(1);
        return (String) nodes.get(0).get("snippet");
    }

    @Test
    void snippet_ofWordsOnlyInTheHeadline_marksThemInTheHeadline() {
        String topic = SearchTest.word();
        String slug =
                article("Gempa guncang " + topic + " pagi ini", null, SearchTest.paragraphs("Isi tanpa kata itu."));

        assertThat(snippetOf(topic, slug)).contains("Gempa guncang <mark>" + topic + "</mark> pagi");
        // The word being typed, completed from the headline only.
        assertThat(snippetOf(topic.substring(0, 7), slug)).contains("<mark>" + topic + "</mark>");
    }

    @Test
    void snippet_ofWordsOnlyInTheSummary_marksThemInTheSummary() {
        String topic = SearchTest.word();
        String slug = article("Judul biasa", "Ringkasan tentang " + topic + " singkat.", SearchTest.paragraphs("Isi."));

        assertThat(snippetOf(topic, slug)).contains("Ringkasan tentang <mark>" + topic + "</mark>");
    }

    @Test
    void snippet_ofWordsOnlyInAQuote_marksThemInTheQuote() {
        String topic = SearchTest.word();
        String slug = article(
                "Judul biasa",
                null,
                "[{\"type\":\"PARAGRAPH\",\"text\":\"Paragraf pembuka.\"},"
                        + "{\"type\":\"QUOTE\",\"text\":\"Kami menolak " + topic + " sepenuhnya.\","
                        + "\"speaker\":\"Juru bicara\"}]");

        assertThat(snippetOf(topic, slug)).contains("Kami menolak <mark>" + topic + "</mark> sepenuhnya");
    }

    @Test
    void snippet_ofATypo_marksTheWordStandingIn_evenWhereTheStemmerCutsIt() {
        // "pe...an" is stemmed to the bare word, while the word standing in for the typo is the whole word.
        String word = "pe" + SearchTest.word() + "an";
        String inHeadline = article("Rapat " + word + " ditunda", null, SearchTest.paragraphs("Isi tanpa kata itu."));
        String typo = word.substring(0, 6) + (word.charAt(6) == 'x' ? 'y' : 'x') + word.substring(7);

        assertThat(snippetOf(typo, inHeadline)).contains("Rapat <mark>" + word + "</mark> ditunda");

        String other = "pe" + SearchTest.word() + "an";
        String inSummary = article("Judul biasa", "Soal " + other + " dibahas.", SearchTest.paragraphs("Isi."));
        String otherTypo = other.substring(0, 6) + (other.charAt(6) == 'x' ? 'y' : 'x') + other.substring(7);

        assertThat(snippetOf(otherTypo, inSummary)).contains("Soal <mark>" + other + "</mark> dibahas");
    }

    @Test
    void snippet_ofWordsInTheBody_staysFromTheBody_notTheHeadline() {
        String topic = SearchTest.word();
        String slug = article(
                "Judul " + topic, null, SearchTest.paragraphs("Di lapangan, warga membahas " + topic + " lagi."));

        assertThat(snippetOf(topic, slug))
                .contains("warga membahas <mark>" + topic + "</mark> lagi")
                .doesNotContain("Judul");
    }
}
