package news.search;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import news.graphql.BadInputException;
import news.graphql.StorableInstants;

/**
 * Keyset position in a search result: the score and id of the last hit, plus what makes scores repeatable from page
 * to page: the instant the recency boost was computed at ({@code asOf}, taken by the first page) and whether the
 * trigram fallback was on. Later pages compute every score exactly as the first did and start strictly below the
 * position (score, then id, descending), so no hit repeats and none is skipped while the articles stay as they are.
 */
record SearchCursor(OffsetDateTime asOf, boolean fallback, double score, long id) {

    private static final String PREFIX = "s1:";

    String encode() {
        Instant instant = asOf.toInstant();
        long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        String raw = PREFIX + micros + ":" + (fallback ? "t" : "f") + ":"
                + Long.toHexString(Double.doubleToLongBits(score)) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Null for a null cursor; a BAD_REQUEST naming {@code argument} for anything not made by {@link #encode}. */
    static SearchCursor decode(String cursor, String argument) {
        if (cursor == null) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts =
                    raw.startsWith(PREFIX) ? raw.substring(PREFIX.length()).split(":", -1) : new String[0];
            if (parts.length == 4 && (parts[1].equals("t") || parts[1].equals("f"))) {
                long micros = Long.parseLong(parts[0]);
                double score = Double.longBitsToDouble(Long.parseUnsignedLong(parts[2], 16));
                long id = Long.parseLong(parts[3]);
                Instant instant = Instant.ofEpochSecond(
                        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
                if (id > 0 && Double.isFinite(score) && score >= 0 && StorableInstants.contains(instant)) {
                    return new SearchCursor(instant.atOffset(ZoneOffset.UTC), parts[1].equals("t"), score, id);
                }
            }
        } catch (IllegalArgumentException ex) {
            // falls through to the error below
        }
        throw new BadInputException(argument, "'" + argument + "' is not a cursor of this list.");
    }
}
