package news.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.stream.Collectors;
import news.support.Slugs;
import org.junit.jupiter.api.Test;

/**
 * The demo newsroom as kept in {@code demo/newsroom.json} and {@code demo/articles.json}: what it holds, and that a
 * mistake in the files is reported with the entry it concerns. Plain unit tests, no Spring context.
 */
class DemoContentTest {

    private final DemoCatalog catalog = DemoCatalog.load();

    @Test
    void resourcesHoldTheWholeDemoNewsroom() {
        assertThat(catalog.sections()).hasSize(10);
        assertThat(catalog.sections().stream().filter(s -> s.parentSlug() == null))
                .hasSize(3);
        assertThat(catalog.reporters()).hasSize(12);
        assertThat(catalog.tags()).hasSize(23);
        assertThat(catalog.articles()).hasSize(150);
        assertThat(catalog.articles().stream().filter(DemoCatalog.Article::hit)).hasSize(6);
    }

    @Test
    void everyArticleReferencesKnownSectionsReportersAndTags() {
        Set<String> sections =
                catalog.sections().stream().map(DemoCatalog.Section::slug).collect(Collectors.toSet());
        Set<String> reporters =
                catalog.reporters().stream().map(DemoCatalog.Reporter::slug).collect(Collectors.toSet());
        assertThat(catalog.articles()).allSatisfy(article -> {
            assertThat(sections).as(article.slug()).contains(article.sectionSlug());
            assertThat(reporters).as(article.slug()).containsAll(article.reporterSlugs());
            assertThat(catalog.tags()).as(article.slug()).containsAll(article.tags());
        });
    }

    @Test
    void everyLeafSectionReporterAndTagAppearsInTheArticles() {
        Set<String> parents =
                catalog.sections().stream().map(DemoCatalog.Section::parentSlug).collect(Collectors.toSet());
        assertThat(catalog.articles().stream()
                        .map(DemoCatalog.Article::sectionSlug)
                        .distinct())
                .containsExactlyInAnyOrderElementsOf(catalog.sections().stream()
                        .map(DemoCatalog.Section::slug)
                        .filter(slug -> !parents.contains(slug))
                        .toList());
        assertThat(catalog.articles().stream()
                        .flatMap(a -> a.reporterSlugs().stream())
                        .distinct())
                .containsExactlyInAnyOrderElementsOf(catalog.reporters().stream()
                        .map(DemoCatalog.Reporter::slug)
                        .toList());
        assertThat(catalog.articles().stream().flatMap(a -> a.tags().stream()).distinct())
                .containsExactlyInAnyOrderElementsOf(catalog.tags());
    }

    @Test
    void tagSlugsAreDistinct() {
        assertThat(catalog.tags().stream().map(t -> Slugs.of(t, DemoCatalog.TAG_SLUG_LENGTH)))
                .doesNotHaveDuplicates()
                .allSatisfy(slug -> assertThat(slug).isNotEmpty());
    }

    @Test
    void articlesAreNewestFirst() {
        assertThat(catalog.articles()).isSortedAccordingTo((a, b) -> a.age().compareTo(b.age()));
    }

    private static final String NEWSROOM = """
            { "sections": [ { "slug": "berita", "name": "Berita", "position": 0 },
                            { "slug": "dunia", "name": "Dunia", "parentSlug": "berita", "position": 0 } ],
              "reporters": [ { "slug": "ani", "name": "Ani", "bio": "Meliput dunia." } ],
              "tags": [ "PBB" ] }
            """;

    private static String article(String slug, String section, String reporter, String tag) {
        return """
                [ { "slug": "%s", "headline": "Judul %s", "summary": "Ringkas.", "sectionSlug": "%s",
                    "reporterSlugs": [ "%s" ], "tags": [ "%s" ], "age": "PT2H", "hit": false,
                    "image": { "url": "/media/demo/%s.jpg", "caption": "c", "credit": "Net", "alt": "a",
                               "width": 1280, "height": 720 },
                    "body": [ { "type": "PARAGRAPH", "text": "Paragraf." },
                              { "type": "QUOTE", "text": "Kutipan.", "speaker": "Budi" } ] } ]
                """.formatted(slug, slug, section, reporter, tag, slug);
    }

    @Test
    void wellFormedFilesRead() {
        DemoCatalog small = DemoCatalog.read(NEWSROOM, article("satu", "dunia", "ani", "PBB"));

        assertThat(small.articles()).singleElement().satisfies(a -> {
            assertThat(a.age()).hasHours(2);
            assertThat(a.body().get(1).speaker()).isEqualTo("Budi");
            assertThat(a.body().get(0).speaker()).isNull();
        });
    }

    @Test
    void anUnknownSectionReporterOrTagIsReportedWithTheArticle() {
        assertThatThrownBy(() -> DemoCatalog.read(NEWSROOM, article("satu", "ekonomi", "ani", "PBB")))
                .hasMessageContaining("'satu'")
                .hasMessageContaining("unknown section 'ekonomi'");
        assertThatThrownBy(() -> DemoCatalog.read(NEWSROOM, article("satu", "dunia", "budi", "PBB")))
                .hasMessageContaining("'satu'")
                .hasMessageContaining("unknown reporter 'budi'");
        assertThatThrownBy(() -> DemoCatalog.read(NEWSROOM, article("satu", "dunia", "ani", "ASEAN")))
                .hasMessageContaining("'satu'")
                .hasMessageContaining("tag 'ASEAN'");
    }

    @Test
    void aMalformedSlugIsReported() {
        assertThatThrownBy(() -> DemoCatalog.read(NEWSROOM, article("Satu Dua", "dunia", "ani", "PBB")))
                .hasMessageContaining("'Satu Dua'");
        assertThatThrownBy(() -> DemoCatalog.read(NEWSROOM, article("", "dunia", "ani", "PBB")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aChildListedBeforeItsParentIsReported() {
        String childFirst = """
                { "sections": [ { "slug": "dunia", "name": "Dunia", "parentSlug": "berita", "position": 0 },
                                { "slug": "berita", "name": "Berita", "position": 0 } ],
                  "reporters": [], "tags": [] }
                """;

        assertThatThrownBy(() -> DemoCatalog.read(childFirst, "[]"))
                .hasMessageContaining("'dunia'")
                .hasMessageContaining("parent 'berita'");
    }

    @Test
    void aMisspeltKeyIsReportedInsteadOfDroppingTheField() {
        String misspelt = article("satu", "dunia", "ani", "PBB").replace("\"headline\"", "\"headlne\"");

        assertThatThrownBy(() -> DemoCatalog.read(NEWSROOM, misspelt))
                .hasMessageContaining(DemoCatalog.ARTICLES)
                .hasMessageContaining("headlne");
    }

    @Test
    void aRepeatedArticleSlugIsReported() {
        String one = article("satu", "dunia", "ani", "PBB");
        String twice = one.substring(0, one.lastIndexOf(']')) + ","
                + one.substring(one.indexOf('[') + 1).replace("Judul satu", "Judul lain");

        assertThatThrownBy(() -> DemoCatalog.read(NEWSROOM, twice)).hasMessageContaining("'satu' is used twice");
    }
}
