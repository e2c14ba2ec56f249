package news.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import news.graphql.BadInputException;
import news.graphql.GlobalId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keyset cursors of the article lists; plain unit tests, no Spring context. */
class ArticleCursorTest {

    private static String base64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void roundTripKeepsTheInstantToTheMicrosecondAndTheId() {
        ArticleCursor cursor = new ArticleCursor(OffsetDateTime.parse("2023-09-22T07:40:12.345678+07:00"), 42);

        ArticleCursor decoded = ArticleCursor.decode(cursor.encode(), "after");

        assertThat(decoded.id()).isEqualTo(42);
        assertThat(decoded.publishedAt().toInstant())
                .isEqualTo(cursor.publishedAt().toInstant());
    }

    @Test
    void nanosecondsBelowPostgresPrecisionAreDropped() {
        ArticleCursor cursor = new ArticleCursor(OffsetDateTime.parse("2023-09-22T00:40:00.123456789Z"), 7);

        assertThat(ArticleCursor.decode(cursor.encode(), "after").publishedAt())
                .isEqualTo(OffsetDateTime.parse("2023-09-22T00:40:00.123456Z"));
    }

    @Test
    void instantsBeforeTheEpochRoundTrip() {
        ArticleCursor cursor = new ArticleCursor(OffsetDateTime.parse("1969-12-31T23:59:59.999999Z"), 1);

        assertThat(ArticleCursor.decode(cursor.encode(), "after")).isEqualTo(cursor);
    }

    @Test
    void theSamePositionInAnotherOffsetGivesTheSameCursor() {
        ArticleCursor jakarta = new ArticleCursor(OffsetDateTime.parse("2023-09-22T07:40:00+07:00"), 5);
        ArticleCursor utc = new ArticleCursor(OffsetDateTime.parse("2023-09-22T00:40:00Z"), 5);

        assertThat(jakarta.encode()).isEqualTo(utc.encode());
    }

    @Test
    void cursorsAreUrlSafe() {
        ArticleCursor cursor = new ArticleCursor(OffsetDateTime.parse("2099-12-31T23:59:59.999999Z"), Long.MAX_VALUE);

        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void noCursorMeansTheFirstPage() {
        assertThat(ArticleCursor.decode(null, "after")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!!!", "bm90IGEgY3Vyc29y", "a1:1695344400000000:42", "YTE6MTIzOjQy==="})
    void garbageIsABadRequestNamingTheArgument(String cursor) {
        assertThatThrownBy(() -> ArticleCursor.decode(cursor, "after"))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.argument()).isEqualTo("after"))
                .hasMessageContaining("after");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "b1:1695344400000000:42",
                "a1:1695344400000000",
                "a1:1695344400000000:42:1",
                "a1:1695344400000000:",
                "a1::42",
                "a1:soon:42",
                "a1:1695344400000000:forty-two",
                "a1:99999999999999999999:42",
                "A1:1695344400000000:42"
            })
    void tamperedCursorsAreABadRequest(String raw) {
        assertThatThrownBy(() -> ArticleCursor.decode(base64(raw), "after"))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.argument()).isEqualTo("after"));
    }

    @Test
    void anArticleIdIsNotACursor() {
        assertThatThrownBy(() -> ArticleCursor.decode(GlobalId.encode("Article", 42), "after"))
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void draftCursorsKeepTheirIdOnlyFormat() {
        ArticleCursor cursor = new ArticleCursor(null, 42);

        assertThat(cursor.encode()).isEqualTo(base64("d1:42"));
        assertThat(ArticleCursor.decodeDraft(cursor.encode(), "after")).isEqualTo(cursor);
    }

    @Test
    void eachListRefusesTheOtherListsCursors() {
        String listCursor = new ArticleCursor(OffsetDateTime.parse("2023-09-22T00:40:00Z"), 42).encode();
        String draftCursor = new ArticleCursor(null, 42).encode();

        assertThatThrownBy(() -> ArticleCursor.decodeDraft(listCursor, "after"))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.argument()).isEqualTo("after"));
        assertThatThrownBy(() -> ArticleCursor.decode(draftCursor, "after"))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.argument()).isEqualTo("after"));
    }
}
