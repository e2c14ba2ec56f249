package news.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.GraphQLContext;
import graphql.schema.Coercing;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code DateTime} output keeps the text of recently written instants: whatever order instants come in, and however
 * many share a slot of that memory, each is written as ISO-8601 in the newsroom's zone.
 */
class DateTimeScalarTest {

    private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

    @Test
    @SuppressWarnings("unchecked")
    void everyInstant_isWrittenInTheNewsroomsZone_whenRepeatedAndWhenItsSlotIsShared() {
        Coercing<OffsetDateTime, String> coercing =
                (Coercing<OffsetDateTime, String>) DateTimeScalar.create(WIB).getCoercing();
        Random random = new Random(7);
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long seconds = 1_600_000_000L + random.nextInt(200_000_000);
            int nanos = random.nextInt(4) == 0 ? random.nextInt(1_000_000_000) : 0;
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        // Twice as many instants as there are slots, each written three times in a shuffled order.
        List<Instant> writes = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            writes.addAll(instants);
        }
        java.util.Collections.shuffle(writes, random);
        for (Instant instant : writes) {
            String expected = instant.atZone(WIB).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            Object value = random.nextBoolean() ? instant : instant.atOffset(java.time.ZoneOffset.UTC);
            assertThat(coercing.serialize(value, GraphQLContext.getDefault(), Locale.ROOT))
                    .as(instant.toString())
                    .isEqualTo(expected);
        }
        assertThat(coercing.serialize(Instant.parse("2023-09-22T00:40:00Z"), GraphQLContext.getDefault(), Locale.ROOT))
                .isEqualTo("2023-09-22T07:40:00+07:00");
    }
}
