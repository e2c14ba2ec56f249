package news.graphql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

/**
 * The {@code DateTime} scalar: instants written as ISO-8601 with the offset of the newsroom's zone, so the page's
 * "07:40 WIB" is {@code 2023-09-22T07:40:00+07:00}. Input accepts any offset.
 */
final class DateTimeScalar {

    private DateTimeScalar() {
    }

    static GraphQLScalarType create(ZoneId zone) {
        return GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("ISO-8601 instant with offset, rendered in " + zone)
            .coercing(new InstantCoercing(zone))
            .build();
    }

    private record InstantCoercing(ZoneId zone) implements Coercing<OffsetDateTime, String> {

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            Instant instant;
            if (value instanceof OffsetDateTime odt) {
                instant = odt.toInstant();
            }
            else if (value instanceof Instant i) {
                instant = i;
            }
            else if (value instanceof ZonedDateTime zdt) {
                instant = zdt.toInstant();
            }
            else {
                throw new CoercingSerializeException("Not a DateTime: " + value.getClass().getSimpleName());
            }
            return instant.atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }

        @Override
        public OffsetDateTime parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof String text) {
                try {
                    return parse(text);
                }
                catch (DateTimeParseException ex) {
                    throw new CoercingParseValueException(message(text));
                }
            }
            throw new CoercingParseValueException("A DateTime must be a string such as 2023-09-22T07:40:00+07:00.");
        }

        @Override
        public OffsetDateTime parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                Locale locale) {
            if (input instanceof StringValue string) {
                try {
                    return parse(string.getValue());
                }
                catch (DateTimeParseException ex) {
                    throw new CoercingParseLiteralException(message(string.getValue()));
                }
            }
            throw new CoercingParseLiteralException("A DateTime must be a string such as 2023-09-22T07:40:00+07:00.");
        }

        private OffsetDateTime parse(String text) {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }

        private static String message(String text) {
            return "'" + text + "' is not an ISO-8601 date-time with offset, such as 2023-09-22T07:40:00+07:00.";
        }
    }
}
