package news.article;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.function.Function;
import news.graphql.BadInputException;
import news.graphql.StorableInstants;

/**
 * Keyset position in a newest-first list: the publish instant (to the microsecond, PostgreSQL's precision) and the id
 * that breaks ties. Encoded opaquely; a page after it starts strictly below it, so inserts never cause gaps or repeats
 * among older articles. The editors' draft list is ordered by id alone: its positions have no publish instant, and
 * each kind of cursor is refused by the other kind of list.
 */
record ArticleCursor(OffsetDateTime publishedAt, long id) {

    private static final String PREFIX = "a1:";

    private static final String DRAFT_PREFIX = "d1:";

    static ArticleCursor of(Article article) {
        return new ArticleCursor(article.publishedAt(), article.id());
    }

    /** A position in the draft list. */
    static ArticleCursor ofDraft(Article article) {
        return new ArticleCursor(null, article.id());
    }

    String encode() {
        String raw;
        if (publishedAt == null) {
            raw = DRAFT_PREFIX + id;
        } else {
            Instant instant = publishedAt.toInstant();
            long micros =
                    Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
            raw = PREFIX + micros + ":" + id;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Null for a null cursor; a BAD_REQUEST naming {@code argument} for a malformed one. */
    static ArticleCursor decode(String cursor, String argument) {
        return decode(cursor, argument, PREFIX, ArticleCursor::position);
    }

    /** A position in the draft list; null for a null cursor, a BAD_REQUEST naming {@code argument} when malformed. */
    static ArticleCursor decodeDraft(String cursor, String argument) {
        return decode(cursor, argument, DRAFT_PREFIX, ArticleCursor::draftPosition);
    }

    /** {@code parse} reads what follows the prefix, answering null for a position no article can have. */
    private static ArticleCursor decode(
            String cursor, String argument, String prefix, Function<String, ArticleCursor> parse) {
        if (cursor == null) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            ArticleCursor position = raw.startsWith(prefix) ? parse.apply(raw.substring(prefix.length())) : null;
            if (position != null) {
                return position;
            }
        } catch (IllegalArgumentException | DateTimeException ex) {
            // falls through to the error below
        }
        throw malformed(argument);
    }

    private static ArticleCursor position(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 2) {
            return null;
        }
        long micros = Long.parseLong(parts[0]);
        long id = Long.parseLong(parts[1]);
        Instant instant =
                Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
        // A crafted cursor may hold any number; only positions of real articles reach SQL.
        return id > 0 && StorableInstants.contains(instant)
                ? new ArticleCursor(instant.atOffset(ZoneOffset.UTC), id)
                : null;
    }

    private static ArticleCursor draftPosition(String text) {
        long id = Long.parseLong(text);
        return id > 0 ? new ArticleCursor(null, id) : null;
    }

    private static BadInputException malformed(String argument) {
        return new BadInputException(argument, "'" + argument + "' is not a cursor of this list.");
    }
}
