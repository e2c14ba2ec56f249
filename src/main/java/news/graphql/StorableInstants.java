package news.graphql;

import java.time.Instant;

/**
 * The instants this service accepts from clients, in {@code DateTime} arguments and in cursors: the years 0001 to
 * 9999 in UTC, as RFC 3339 has them. java.time reads far more than PostgreSQL stores (years beyond 294276 or before
 * 4713 BC), and a value the database cannot store must be refused as bad input before it reaches SQL.
 */
public final class StorableInstants {

    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private StorableInstants() {}

    public static boolean contains(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }
}
