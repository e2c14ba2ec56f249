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
 * to page: the instant the recency boost was computed at ({@code asOf}, taken by the first page) and what the first
 * page ranked ({@code mode}). Later pages compute every score exactly as the first did and start strictly below the
 * position (score, then id, descending), so no hit repeats and none is skipped while the articles stay as they are.
 */
record SearchCursor(OffsetDateTime asOf, Mode mode, double score, long id) {

    /** What a search ranks, decided by its first page. */
    enum Mode {
        /** Every full-text match. */
        FULL("f"),
        /** Every full-text match (fewer than a few) and the articles of the typo fallback. */
        FALLBACK("t"),
        /** As {@link #FALLBACK}, the fallback adding only its recent articles (it found too many). */
        RECENT_FALLBACK("r"),
        /** The matches in headlines and summaries and the recent ones (too many matches to rank them all). */
        BOUNDED("b"),
        /** Only the recent matches (too many matches even in headlines and summaries). */
        RECENT("c"),
        /** Only the newest matches, as many as a search ranks at most (many matches among the newest articles). */
        NEWEST("n"),
        /** As {@link #FALLBACK}, the fallback adding only its newest articles (many among the newest articles). */
        NEWEST_FALLBACK("m");

        private final String code;

        Mode(String code) {
            this.code = code;
        }

        String code() {
            return code;
        }

        /** The mode of a code, null for anything else. */
        static Mode of(String code) {
            for (Mode mode : values()) {
                if (mode.code.equals(code)) {
                    return mode;
                }
            }
            return null;
        }
    }

    private static final String PREFIX = "s1:";

    String encode() {
        Instant instant = asOf.toInstant();
        long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        String raw =
                PREFIX + micros + ":" + mode.code() + ":" + Long.toHexString(Double.doubleToLongBits(score)) + ":" + id;
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
            Mode mode = parts.length == 4 ? Mode.of(parts[1]) : null;
            if (mode != null) {
                long micros = Long.parseLong(parts[0]);
                double score = Double.longBitsToDouble(Long.parseUnsignedLong(parts[2], 16));
                long id = Long.parseLong(parts[3]);
                Instant instant = Instant.ofEpochSecond(
                        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
                if (id > 0 && Double.isFinite(score) && score >= 0 && StorableInstants.contains(instant)) {
                    return new SearchCursor(instant.atOffset(ZoneOffset.UTC), mode, score, id);
                }
            }
        } catch (IllegalArgumentException ex) {
            // falls through to the error below
        }
        throw new BadInputException(argument, "'" + argument + "' is not a cursor of this list.");
    }
}
