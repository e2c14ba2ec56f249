package news.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import news.HttpTestBase;
import news.VariantIntegrationTest;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The bounds of search over real HTTP against the real PostgreSQL, with the bounds lowered so that a few articles
 * cross them: above 6 matches a search is bounded, and it ranks at most the newest 4 when matches are dense among
 * the newest articles (it looks at the newest 12, then at most 40). Every test writes its articles under a slug
 * prefix of its own and removes them afterwards.
 */
@VariantIntegrationTest
@SuppressWarnings("unchecked")
class SearchBoundTest extends HttpTestBase {

    private static final String SEARCH = """
            query($query: String!, $first: Int, $after: String) {
              search(query: $query, first: $first, after: $after) {
                totalCount
                edges { cursor node { score article { id slug } } }
                pageInfo { hasNextPage endCursor }
              }
            }
            """;

    /** The most articles the second look for the newest matches reads: 10 times 4. */
    private static final int WIDEST = 40;

    @Autowired
    DSLContext dsl;

    @Autowired
    SearchLimits limits;

    HttpGraphQlTester graphQl;

    String prefix;

    int made;

    OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void setUp() {
        graphQl = graphQlClient();
        prefix = Fixtures.unique("batas") + "-";
    }

    @AfterEach
    void removeArticles() {
        dsl.execute("delete from article where slug like ?", prefix + "%");
    }

    private long article(String headline, String summary, String body, OffsetDateTime at) {
        return ((Number) dsl.fetchValue("""
                        insert into article (slug, headline, summary, body, section_id, status, published_at)
                        values (?, ?, ?, cast(? as jsonb), (select id from section where slug = 'dunia'), 'PUBLISHED', cast(? as timestamptz))
                        returning id
                        """, prefix + (++made), headline, summary, SearchTest.paragraphs(body), at))
                .longValue();
    }

    /** Articles without the test's word, newer than its matches, so that the newest articles hold none of them. */
    private void newerArticlesWithoutTheWord(OffsetDateTime at) {
        for (int i = 0; i < WIDEST; i++) {
            article("Kabar lain " + i, null, "Isi lain.", at.minusSeconds(i));
        }
    }

    private Map<String, Object> search(String query, int first, String after) {
        GraphQlTester.Response response = graphQl.document(SEARCH)
                .variable("query", query)
                .variable("first", first)
                .variable("after", after)
                .execute();
        response.errors().verify();
        return response.path("search").entity(Map.class).get();
    }

    /** The database ids of a page's articles (their global ids are {@code Article:<id>}, in Base64). */
    private static List<Long> ids(Map<String, Object> connection) {
        return SearchTest.hits(connection).stream()
                .map(h -> (String) ((Map<String, Object>) h.get("article")).get("id"))
                .map(id -> new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8))
                .map(id -> Long.parseLong(id.substring(id.indexOf(':') + 1)))
                .toList();
    }

    private static SearchCursor endCursor(Map<String, Object> connection) {
        String cursor = (String) ((Map<String, Object>) connection.get("pageInfo")).get("endCursor");
        return SearchCursor.decode(cursor, "after");
    }

    /** Every page of a search, {@code first} hits each, following the cursors. */
    private List<Map<String, Object>> pages(String query, int first) {
        List<Map<String, Object>> pages = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> page = search(query, first, after);
            pages.add(page);
            Map<String, Object> info = (Map<String, Object>) page.get("pageInfo");
            after = (Boolean) info.get("hasNextPage") ? (String) info.get("endCursor") : null;
        } while (after != null && pages.size() < 50);
        return pages;
    }

    @Test
    void theTestRunsWithTheLoweredBounds() {
        assertThat(limits.boundedAbove()).isEqualTo(6);
        assertThat(limits.newestRanked()).isEqualTo(4);
    }

    @Test
    void search_ofAWordInManyOfTheNewestArticles_ranksOnlyTheNewestMatches_onStablePages() {
        String topic = SearchTest.word();
        List<Long> newest = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            newest.add(article("Kabar " + i, null, "Ada " + topic + " di sini.", now.minusMinutes(i)));
        }
        long oldHeadline = article("Kisah " + topic + " dahulu", null, "Isi.", now.minusDays(200));
        article("Kabar lama", null, "Ada " + topic + " di sana.", now.minusDays(100));

        Map<String, Object> first = search(topic, 1, null);
        assertThat(first.get("totalCount")).isEqualTo(4);
        assertThat(endCursor(first).mode()).isEqualTo(SearchCursor.Mode.NEWEST);
        // A newer match published after the first page changes neither the later pages nor their count.
        long newer = article("Kabar terbaru", null, "Ada " + topic + " lagi.", OffsetDateTime.now());
        List<Long> seen = new ArrayList<>(ids(first));
        List<Double> scores = new ArrayList<>();
        SearchTest.hits(first).forEach(h -> scores.add(((Number) h.get("score")).doubleValue()));
        Map<String, Object> page = first;
        while ((Boolean) ((Map<String, Object>) page.get("pageInfo")).get("hasNextPage")) {
            String after = (String) ((Map<String, Object>) page.get("pageInfo")).get("endCursor");
            page = search(topic, 1, after);
            assertThat(page.get("totalCount")).isEqualTo(4);
            assertThat(endCursor(page).mode()).isEqualTo(SearchCursor.Mode.NEWEST);
            seen.addAll(ids(page));
            SearchTest.hits(page).forEach(h -> scores.add(((Number) h.get("score")).doubleValue()));
        }
        assertThat(seen).hasSize(4).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(newest.subList(0, 4));
        assertThat(seen).doesNotContain(newer, oldHeadline);
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));

        // A new search ranks the newest matches as they are now.
        List<Long> again =
                pages(topic, 3).stream().flatMap(p -> ids(p).stream()).toList();
        assertThat(again).containsExactlyInAnyOrder(newer, newest.get(0), newest.get(1), newest.get(2));
    }

    @Test
    void search_ofAWordSparseAmongTheNewestArticles_listsEveryOldMatchUpToTheBound() {
        String topic = SearchTest.word();
        List<Long> old = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            old.add(article("Arsip " + i, null, "Catatan " + topic + ".", now.minusDays(100 + 30 * i)));
        }
        newerArticlesWithoutTheWord(now.minusMinutes(5));

        List<Map<String, Object>> pages = pages(topic, 4);

        assertThat(pages).allSatisfy(p -> assertThat(p.get("totalCount")).isEqualTo(6));
        assertThat(pages.stream().flatMap(p -> ids(p).stream()))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(old);
        assertThat(endCursor(pages.get(0)).mode()).isEqualTo(SearchCursor.Mode.FULL);
    }

    @Test
    void search_withMoreMatchesThanTheBound_sparseAmongTheNewest_listsHeadlineMatchesAndRecentOnes() {
        String topic = SearchTest.word();
        long oldHeadline = article("Kisah " + topic + " dahulu", null, "Isi.", now.minusDays(200));
        List<Long> recent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            recent.add(article("Kabar baru " + i, null, "Ada " + topic + " di sini.", now.minusDays(2)));
        }
        long olderBody = article("Kabar lama", null, "Ada " + topic + " di sana.", now.minusDays(60));
        for (int i = 0; i < 6; i++) {
            article("Arsip " + i, null, "Catatan " + topic + ".", now.minusDays(100));
        }
        newerArticlesWithoutTheWord(now.minusMinutes(5));

        List<Map<String, Object>> pages = pages(topic, 2);

        List<Long> expected = new ArrayList<>(recent);
        expected.add(oldHeadline);
        assertThat(pages).allSatisfy(p -> assertThat(p.get("totalCount")).isEqualTo(expected.size()));
        assertThat(pages.stream().flatMap(p -> ids(p).stream()))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected)
                .doesNotContain(olderBody);
        assertThat(endCursor(pages.get(0)).mode()).isEqualTo(SearchCursor.Mode.BOUNDED);
    }

    @Test
    void search_withMoreHeadlineMatchesThanTheBound_sparseAmongTheNewest_listsTheRecentMatchesOnly() {
        String topic = SearchTest.word();
        long recent = article("Kabar " + topic + " terkini", null, "Isi.", now.minusDays(2));
        for (int i = 0; i < 6; i++) {
            article("Arsip " + topic + " " + i, null, "Isi.", now.minusDays(100));
        }
        newerArticlesWithoutTheWord(now.minusMinutes(5));

        Map<String, Object> found = search(topic, 10, null);

        assertThat(ids(found)).containsExactly(recent);
        assertThat(found.get("totalCount")).isEqualTo(1);
    }

    @Test
    void search_typoFallbackWithMoreArticlesThanTheBound_sparseAmongTheNewest_addsTheRecentOnes() {
        String topic = SearchTest.word();
        long recent = article("Kabar " + topic + " terkini", null, "Isi.", now.minusDays(2));
        for (int i = 0; i < 6; i++) {
            article("Arsip " + i, "Catatan " + topic + ".", "Isi.", now.minusDays(100));
        }
        newerArticlesWithoutTheWord(now.minusMinutes(5));
        String typo = typo(topic);

        Map<String, Object> found = search(typo, 10, null);

        assertThat(ids(found)).containsExactly(recent);
        assertThat(found.get("totalCount")).isEqualTo(1);
        assertThat(endCursor(found).mode()).isEqualTo(SearchCursor.Mode.RECENT_FALLBACK);
    }

    @Test
    void search_typoFallbackInManyOfTheNewestArticles_addsOnlyTheNewest() {
        String topic = SearchTest.word();
        List<Long> newest = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            newest.add(article("Kabar " + topic + " " + i, null, "Isi.", now.minusMinutes(i)));
        }
        article("Kisah " + topic + " dahulu", null, "Isi.", now.minusDays(3));

        List<Map<String, Object>> pages = pages(typo(topic), 3);

        assertThat(pages).allSatisfy(p -> assertThat(p.get("totalCount")).isEqualTo(4));
        assertThat(pages.stream().flatMap(p -> ids(p).stream()))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(newest.subList(0, 4));
        assertThat(pages).allSatisfy(p -> assertThat(endCursor(p).mode()).isEqualTo(SearchCursor.Mode.NEWEST_FALLBACK));
    }

    @Test
    void settings_rankingMoreThanTheBoundIsRefused() {
        assertThatThrownBy(() -> new SearchLimits(3, Duration.ofSeconds(2), 5, 6, Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("news.search.newest-ranked");
        assertThat(new SearchLimits(3, Duration.ofSeconds(2), 5, 5, Duration.ofMillis(1500)).newestRanked())
                .isEqualTo(5);
    }

    @Test
    void cursors_ofEveryMode_decode_andEarlierModesKeepTheirLetters() {
        for (String code : List.of("f", "t", "r", "b", "c", "n", "m")) {
            String raw = "s1:1764460800000000:" + code + ":" + Long.toHexString(Double.doubleToLongBits(1.25)) + ":42";
            String cursor =
                    Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
            SearchCursor decoded = SearchCursor.decode(cursor, "after");
            assertThat(decoded.mode().code()).isEqualTo(code);
            assertThat(decoded.encode()).isEqualTo(cursor);
        }
        assertThat(SearchCursor.Mode.of("b")).isEqualTo(SearchCursor.Mode.BOUNDED);
        assertThat(SearchCursor.Mode.of("c")).isEqualTo(SearchCursor.Mode.RECENT);
        assertThat(SearchCursor.Mode.of("r")).isEqualTo(SearchCursor.Mode.RECENT_FALLBACK);
    }

    /** The word with its sixth letter changed: the typo fallback finds the word itself. */
    private static String typo(String word) {
        return word.substring(0, 5) + (word.charAt(5) == 'x' ? 'y' : 'x') + word.substring(6);
    }
}
