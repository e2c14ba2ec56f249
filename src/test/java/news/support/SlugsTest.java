package news.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** URL slugs from any Unicode text; plain unit tests, no Spring context. */
class SlugsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Gencatan Senjata di Gaza Disepakati | gencatan-senjata-di-gaza-disepakati",
                "KPK Periksa 3 Saksi, Termasuk Eks-Pejabat! | kpk-periksa-3-saksi-termasuk-eks-pejabat",
                "  --Harga Beras   Naik--  | harga-beras-naik",
                "Café Déjà Vu | cafe-deja-vu",
                "Hà Nội Tuan Rumah KTT | ha-noi-tuan-rumah-ktt",
                "İstanbul Jadi Lokasi Mediasi | istanbul-jadi-lokasi-mediasi",
                "São Paulo × Jakarta | sao-paulo-jakarta",
                "ﬁnal Piala Uber | final-piala-uber",
                "Rp 15.000/kg | rp-15-000-kg"
            })
    void latinTextBecomesLowerCaseAsciiWordsJoinedByHyphens(String text, String slug) {
        assertThat(Slugs.of(text, 120)).isEqualTo(slug);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Перемирие в Газе 2024 | 2024",
                "北京 峰会 ASEAN | asean",
                "غزة Gaza | gaza",
                "Piala Dunia 🏆⚽ 2026 | piala-dunia-2026"
            })
    void nonLatinScriptsAndSymbolsDropOutWhileLatinWordsAndDigitsStay(String text, String slug) {
        assertThat(Slugs.of(text, 120)).isEqualTo(slug);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "!!!", "---", "Перемирие", "北京峰会", "🏆⚽", "\u0301\u0302"})
    void textWithNothingUsableGivesAnEmptySlug(String text) {
        assertThat(Slugs.of(text, 120)).isEmpty();
    }

    @Test
    void longTextIsCutAtAWordBoundary() {
        assertThat(Slugs.of("satu dua tiga empat", 12)).isEqualTo("satu-dua");
        assertThat(Slugs.of("satu dua", 5)).isEqualTo("satu");
    }

    @Test
    void aWordLongerThanHalfTheLimitIsCutInsideTheWord() {
        assertThat(Slugs.of("a pemberantasan korupsi", 10)).isEqualTo("a-pemberan");
    }

    @Test
    void theResultNeverExceedsTheLimitNorEndsWithAHyphen() {
        String headline = "Presiden Terima Kunjungan Delegasi Dagang dari Sembilan Negara di Istana Merdeka Jakarta";
        for (int max = 1; max <= headline.length(); max++) {
            String slug = Slugs.of(headline, max);
            assertThat(slug).as("max %d", max).hasSizeLessThanOrEqualTo(max).doesNotEndWith("-");
            assertThat(slug).as("max %d", max).matches("[a-z0-9]+(-[a-z0-9]+)*");
        }
    }

    @Test
    void aSlugIsItsOwnSlug() {
        String slug = Slugs.of("Gol Menit ke-79 Bawa Banteng Selatan Kalahkan Singa Celebes 3-0", 120);

        assertThat(Slugs.of(slug, 120)).isEqualTo(slug);
    }
}
