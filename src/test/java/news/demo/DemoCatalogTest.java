package news.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Plain unit tests of the demo content catalog; no Spring context. */
class DemoCatalogTest {

    private final DemoCatalog catalog = DemoCatalog.load();

    @Test
    void hasEnoughSectionsReportersAndArticles() {
        assertThat(catalog.sections()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(catalog.reporters()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(catalog.articles()).hasSizeGreaterThanOrEqualTo(120);
    }

    @Test
    void sectionsListParentsBeforeChildren() {
        Set<String> seen = new HashSet<>();
        for (DemoCatalog.Section section : catalog.sections()) {
            if (section.parentSlug() != null) {
                assertThat(seen).as("parent of %s", section.slug()).contains(section.parentSlug());
            }
            assertThat(seen.add(section.slug()))
                    .as("unique section slug %s", section.slug())
                    .isTrue();
        }
    }

    @Test
    void slugsAreUniqueAndUrlSafe() {
        List<String> articleSlugs =
                catalog.articles().stream().map(DemoCatalog.Article::slug).toList();
        assertThat(articleSlugs)
                .doesNotHaveDuplicates()
                .allSatisfy(slug ->
                        assertThat(slug).matches("[a-z0-9]+(-[a-z0-9]+)*").hasSizeLessThanOrEqualTo(120));
        assertThat(catalog.reporters().stream().map(DemoCatalog.Reporter::slug)).doesNotHaveDuplicates();
        assertThat(catalog.articles().stream().map(DemoCatalog.Article::headline))
                .doesNotHaveDuplicates()
                .allSatisfy(headline -> assertThat(headline).hasSizeLessThanOrEqualTo(160));
    }

    @Test
    void everyReferenceExists() {
        Set<String> sections =
                catalog.sections().stream().map(DemoCatalog.Section::slug).collect(Collectors.toSet());
        Set<String> reporters =
                catalog.reporters().stream().map(DemoCatalog.Reporter::slug).collect(Collectors.toSet());
        assertThat(catalog.articles()).allSatisfy(article -> {
            assertThat(sections).contains(article.sectionSlug());
            assertThat(article.reporterSlugs())
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(reporters).contains(r));
            assertThat(article.tags()).hasSizeBetween(1, 3);
        });
    }

    @Test
    void agesFallWithinTheLastThirtyDays() {
        assertThat(catalog.articles())
                .allSatisfy(article -> assertThat(article.age())
                        .isGreaterThanOrEqualTo(Duration.ofMinutes(15))
                        .isLessThanOrEqualTo(Duration.ofDays(30)));
    }

    @Test
    void everyArticleHasExactlyOneQuoteWithASpeaker() {
        assertThat(catalog.articles()).allSatisfy(article -> {
            List<DemoCatalog.Block> quotes = article.body().stream()
                    .filter(block -> block.type() == DemoCatalog.BlockType.QUOTE)
                    .toList();
            assertThat(quotes).as(article.slug()).hasSize(1);
            assertThat(quotes.get(0).speaker()).as(article.slug()).isNotBlank();
            assertThat(article.body()).hasSizeBetween(4, 7);
        });
    }

    @Test
    void leadImagesFollowTheArticleSlug() {
        assertThat(catalog.articles()).allSatisfy(article -> {
            assertThat(article.image().url()).isEqualTo("/media/demo/" + article.slug() + ".jpg");
            assertThat(article.image().width()).isEqualTo(1280);
            assertThat(article.image().height()).isEqualTo(720);
        });
    }

    @Test
    void generationIsDeterministic() {
        assertThat(DemoCatalog.load().articles()).isEqualTo(catalog.articles());
        assertThat(DemoCatalog.load().sections()).isEqualTo(catalog.sections());
        assertThat(DemoCatalog.load().reporters()).isEqualTo(catalog.reporters());
    }
}
