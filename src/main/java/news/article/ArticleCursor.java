package news.article;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

import news.graphql.BadInputException;
import news.graphql.StorableInstants;

/**
 * Keyset position in a newest-first list: the publish instant (to the microsecond, PostgreSQL's precision) and the id
 * that breaks ties. Encoded opaquely; a page after it starts strictly below it, so inserts never cause gaps or repeats
 * among older articles.
 */
record ArticleCursor(OffsetDateTime publishedAt, long id) {

    private static final String PREFIX = "a1:";

    static ArticleCursor of(Article article) {
        return new ArticleCursor(article.publishedAt(), article.id());
    }

    String encode() {
        Instant instant = publishedAt.toInstant();
        long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        String raw = PREFIX + micros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Null for a null cursor; a BAD_REQUEST naming {@code argument} for a malformed one. */
    static ArticleCursor decode(String cursor, String argument) {
        if (cursor == null) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith(PREFIX)) {
                throw malformed(argument);
            }
            String[] parts = raw.substring(PREFIX.length()).split(":", -1);
            if (parts.length != 2) {
                throw malformed(argument);
            }
            long micros = Long.parseLong(parts[0]);
            long id = Long.parseLong(parts[1]);
            Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1000);
            // A crafted cursor may hold any number; only positions of real articles reach SQL.
            if (id <= 0 || !StorableInstants.contains(instant)) {
                throw malformed(argument);
            }
            return new ArticleCursor(instant.atOffset(ZoneOffset.UTC), id);
        }
        catch (IllegalArgumentException | java.time.DateTimeException ex) {
            throw malformed(argument);
        }
    }

    private static BadInputException malformed(String argument) {
        return new BadInputException(argument, "'" + argument + "' is not a cursor of this list.");
    }
}
