package news.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The {@code DateTime} scalar: instants written as ISO-8601 with the offset of the newsroom's zone, so the page's
 * "07:40 WIB" is {@code 2023-09-22T07:40:00+07:00}. Input accepts any offset.
 * <p>
 * Input is held to {@link StorableInstants} and to offsets PostgreSQL reads, so that a value the database cannot
 * store is refused here, as a bad argument, rather than failing in SQL.
 */
final class DateTimeScalar {

    /** PostgreSQL reads offsets of at most 15:59 hours. */
    static final int MAX_OFFSET_SECONDS = 15 * 3600 + 59 * 60;

    private DateTimeScalar() {}

    /** Without a description: the schema file's is served (see {@code GraphQlConfiguration.scalars}). */
    static GraphQLScalarType create(ZoneId zone) {
        return GraphQLScalarType.newScalar()
                .name("DateTime")
                .coercing(new InstantCoercing(zone))
                .build();
    }

    private static final class InstantCoercing implements Coercing<OffsetDateTime, String> {

        /** Slots of {@link #written}: a power of two, a few pages' worth of distinct instants. */
        private static final int WRITTEN_SLOTS = 4096;

        private final ZoneId zone;

        /**
         * The text of recently written instants, one per slot chosen by the instant's hash: the same articles' times
         * are written on request after request, and formatting costs more than a lookup. Entries are immutable, so a
         * slot read while another thread replaces it is either the old entry or the new one.
         */
        private final Written[] written = new Written[WRITTEN_SLOTS];

        private record Written(Instant instant, String text) {}

        InstantCoercing(ZoneId zone) {
            this.zone = zone;
        }

        private String write(Instant instant) {
            int slot = instant.hashCode() & (WRITTEN_SLOTS - 1);
            Written known = written[slot];
            if (known != null && known.instant().equals(instant)) {
                return known.text();
            }
            String text = instant.atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            written[slot] = new Written(instant, text);
            return text;
        }

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            Instant instant;
            if (value instanceof OffsetDateTime odt) {
                instant = odt.toInstant();
            } else if (value instanceof Instant i) {
                instant = i;
            } else if (value instanceof ZonedDateTime zdt) {
                instant = zdt.toInstant();
            } else {
                throw new CoercingSerializeException(
                        "Not a DateTime: " + value.getClass().getSimpleName());
            }
            return write(instant);
        }

        @Override
        public OffsetDateTime parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof String text) {
                String problem = problem(text);
                if (problem != null) {
                    throw new CoercingParseValueException(problem);
                }
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
            throw new CoercingParseValueException("A DateTime must be a string such as 2023-09-22T07:40:00+07:00.");
        }

        @Override
        public OffsetDateTime parseLiteral(
                Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (input instanceof StringValue string) {
                String problem = problem(string.getValue());
                if (problem != null) {
                    throw new CoercingParseLiteralException(problem);
                }
                return OffsetDateTime.parse(string.getValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
            throw new CoercingParseLiteralException("A DateTime must be a string such as 2023-09-22T07:40:00+07:00.");
        }

        /** Why {@code text} is no DateTime this service can store, or null when it is one. */
        private static String problem(String text) {
            OffsetDateTime parsed;
            try {
                parsed = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeParseException ex) {
                return "'" + printable(text) + "' is not an ISO-8601 date-time with offset, such as "
                        + "2023-09-22T07:40:00+07:00.";
            }
            if (!StorableInstants.contains(parsed.toInstant())
                    || Math.abs(parsed.getOffset().getTotalSeconds()) > MAX_OFFSET_SECONDS) {
                return "'" + printable(text) + "' is outside the supported range: years 0001 to 9999 (UTC), offsets "
                        + "up to ±15:59.";
            }
            return null;
        }

        /** The text as it may be quoted back: control characters and lone surrogates shown as escapes, long text cut. */
        private static String printable(String text) {
            String cut = text.length() > 60 ? text.substring(0, 60) + "..." : text;
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < cut.length(); i++) {
                char c = cut.charAt(i);
                boolean paired = Character.isHighSurrogate(c)
                        && i + 1 < cut.length()
                        && Character.isLowSurrogate(cut.charAt(i + 1));
                if (paired) {
                    out.append(c).append(cut.charAt(++i));
                } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
