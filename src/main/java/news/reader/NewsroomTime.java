package news.reader;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Times as the page shows them, in the newsroom's zone with Indonesian day and month names: "Minggu, 06 Des 2026
 * 14:05 WIB". The zone's Indonesian abbreviation (WIB, WITA, WIT) where it has one, otherwise its UTC offset.
 */
final class NewsroomTime {

    private static final String[] DAYS = {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"};

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"
    };

    private static final Map<String, String> NAMES = Map.of(
            "Asia/Jakarta", "WIB",
            "Asia/Pontianak", "WIB",
            "Asia/Makassar", "WITA",
            "Asia/Jayapura", "WIT");

    private final ZoneId zone;

    private final String zoneName;

    NewsroomTime(ZoneId zone) {
        this.zone = zone;
        this.zoneName = NAMES.get(zone.getId());
    }

    /** The instant of a GraphQL {@code DateTime}, in the newsroom's zone; null when absent or malformed. */
    ZonedDateTime parse(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).atZoneSameInstant(zone);
        } catch (DateTimeParseException ex) {
            return null;
        }
    }

    /** "Minggu, 06 Des 2026 14:05 WIB". */
    String full(ZonedDateTime time) {
        return DAYS[time.getDayOfWeek().getValue() - 1] + ", " + twoDigits(time.getDayOfMonth()) + " "
                + MONTHS[time.getMonthValue() - 1] + " " + time.getYear() + " " + clock(time);
    }

    /** "14:05 WIB". */
    String clock(ZonedDateTime time) {
        String name =
                zoneName != null ? zoneName : "UTC" + time.getOffset().getId().replace("Z", "+00:00");
        return twoDigits(time.getHour()) + ":" + twoDigits(time.getMinute()) + " " + name;
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
