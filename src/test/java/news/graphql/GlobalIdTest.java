package news.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Opaque global ids; plain unit tests, no Spring context. */
class GlobalIdTest {

    private static String base64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void encodesTypeAndKeyAsUnpaddedBase64Url() {
        assertThat(GlobalId.encode("Article", 42)).isEqualTo("QXJ0aWNsZTo0Mg");
    }

    @Test
    void decodesWhatItEncodes() {
        assertThat(GlobalId.decode(GlobalId.encode("Reporter", 7), "id")).isEqualTo(new GlobalId("Reporter", 7));
        assertThat(GlobalId.decode(GlobalId.encode("Section", Long.MAX_VALUE), "id")
                        .key())
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void idsAreUrlSafe() {
        assertThat(GlobalId.encode("Article", 9_007_199_254_740_993L)).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void decodeWithExpectedTypeReturnsTheKey() {
        assertThat(GlobalId.decode(GlobalId.encode("Article", 42), "Article", "articleId"))
                .isEqualTo(42);
    }

    @Test
    void anIdOfAnotherTypeIsABadRequestNamingTheArgument() {
        String reporterId = GlobalId.encode("Reporter", 42);

        assertThatThrownBy(() -> GlobalId.decode(reporterId, "Article", "articleId"))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.argument()).isEqualTo("articleId"))
                .hasMessageContaining("articleId")
                .hasMessageContaining("Article");
    }

    @Test
    void typeNamesAreCaseSensitive() {
        assertThatThrownBy(() -> GlobalId.decode(GlobalId.encode("article", 42), "Article", "id"))
                .isInstanceOf(BadInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!!!", "QXJ0aWNsZTo0Mg!", "a+b/c", "42"})
    void textThatIsNotBase64UrlIsABadRequest(String id) {
        assertThatThrownBy(() -> GlobalId.decode(id, "id"))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.argument()).isEqualTo("id"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Article",
                "Article42",
                ":42",
                "Article:",
                "Article:0",
                "Article:-1",
                "Article:abc",
                "Article:4.2",
                "Article:99999999999999999999",
                "Article: 42",
                "Arti:cle:42"
            })
    void wellEncodedGarbageIsABadRequest(String raw) {
        assertThatThrownBy(() -> GlobalId.decode(base64(raw), "id"))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.argument()).isEqualTo("id"));
    }
}
