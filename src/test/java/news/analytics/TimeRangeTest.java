package news.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Hourly bucket ranges and the popularity windows built from them; plain unit tests, no Spring context. */
class TimeRangeTest {

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    private static long epoch(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }

    private static TimeRange range(String start, String end) {
        return new TimeRange(epoch(start), epoch(end));
    }

    @Test
    void hourOf_truncatesToTheStartOfTheHourInUtc() {
        assertThat(TimeRange.hourOf(Instant.parse("2023-09-22T00:40:59.999Z")))
                .isEqualTo(epoch("2023-09-22T00:00:00Z"));
        assertThat(TimeRange.hourOf(Instant.parse("2023-09-22T07:00:00Z"))).isEqualTo(epoch("2023-09-22T07:00:00Z"));
    }

    @Test
    void hourOf_roundsDownBeforeTheEpochToo() {
        assertThat(TimeRange.hourOf(Instant.parse("1969-12-31T23:30:00Z"))).isEqualTo(-3600);
    }

    @Test
    void covering_includesTheStillGrowingHourOfItsEnd() {
        TimeRange range =
                TimeRange.covering(Instant.parse("2023-09-22T06:40:00Z"), Instant.parse("2023-09-22T07:40:00Z"));

        assertThat(range).isEqualTo(range("2023-09-22T06:00:00Z", "2023-09-22T08:00:00Z"));
        assertThat(range.startTime()).isEqualTo("2023-09-22T06:00:00Z");
        assertThat(range.endTime()).isEqualTo("2023-09-22T08:00:00Z");
    }

    @Test
    void covering_endingExactlyOnTheHourLeavesOutTheBucketThatHasNotBegun() {
        Instant from = Instant.parse("2023-09-22T05:00:00Z");

        assertThat(TimeRange.covering(from, Instant.parse("2023-09-22T07:00:00Z")))
                .isEqualTo(range("2023-09-22T05:00:00Z", "2023-09-22T07:00:00Z"));
        assertThat(TimeRange.covering(from, Instant.parse("2023-09-22T07:00:00.000000001Z")))
                .isEqualTo(range("2023-09-22T05:00:00Z", "2023-09-22T08:00:00Z"));
        assertThat(TimeRange.covering(from, Instant.parse("2023-09-22T07:00:01Z")))
                .isEqualTo(range("2023-09-22T05:00:00Z", "2023-09-22T08:00:00Z"));
    }

    @Test
    void previous_isTheSameNumberOfBucketsRightBefore() {
        TimeRange range = range("2023-09-22T05:00:00Z", "2023-09-22T08:00:00Z");

        assertThat(range.previous()).isEqualTo(range("2023-09-22T02:00:00Z", "2023-09-22T05:00:00Z"));
    }

    @Test
    void minus_leavesTheUncoveredPartsOnEitherSide() {
        TimeRange day = range("2023-09-22T00:00:00Z", "2023-09-23T00:00:00Z");

        assertThat(day.minus(range("2023-09-22T10:00:00Z", "2023-09-22T12:00:00Z")))
                .containsExactly(
                        range("2023-09-22T00:00:00Z", "2023-09-22T10:00:00Z"),
                        range("2023-09-22T12:00:00Z", "2023-09-23T00:00:00Z"));
        assertThat(day.minus(range("2023-09-21T20:00:00Z", "2023-09-22T03:00:00Z")))
                .containsExactly(range("2023-09-22T03:00:00Z", "2023-09-23T00:00:00Z"));
        assertThat(day.minus(range("2023-09-22T21:00:00Z", "2023-09-23T05:00:00Z")))
                .containsExactly(range("2023-09-22T00:00:00Z", "2023-09-22T21:00:00Z"));
    }

    @Test
    void minus_ofACoveringRangeIsNothingAndOfADisjointOrEmptyOneIsTheWhole() {
        TimeRange hours = range("2023-09-22T05:00:00Z", "2023-09-22T08:00:00Z");

        assertThat(hours.minus(hours)).isEmpty();
        assertThat(hours.minus(range("2023-09-22T00:00:00Z", "2023-09-23T00:00:00Z")))
                .isEmpty();
        assertThat(hours.minus(range("2023-09-22T08:00:00Z", "2023-09-22T09:00:00Z")))
                .containsExactly(hours);
        assertThat(hours.minus(range("2023-09-22T06:00:00Z", "2023-09-22T06:00:00Z")))
                .containsExactly(hours);
        assertThat(range("2023-09-22T06:00:00Z", "2023-09-22T06:00:00Z").minus(hours))
                .isEmpty();
    }

    @Test
    void today_beginsAtMidnightInJakartaWhichIsFiveInTheAfternoonUtc() {
        // 00:30 WIB on 22 September is 17:30 UTC on the 21st: TODAY is that half hour, in one bucket.
        assertThat(PopularityWindow.TODAY.at(Instant.parse("2023-09-21T17:30:00Z"), JAKARTA))
                .isEqualTo(range("2023-09-21T17:00:00Z", "2023-09-21T18:00:00Z"));
        // One minute before that midnight the whole 21st (WIB) counts.
        assertThat(PopularityWindow.TODAY.at(Instant.parse("2023-09-21T16:59:00Z"), JAKARTA))
                .isEqualTo(range("2023-09-20T17:00:00Z", "2023-09-21T17:00:00Z"));
    }

    @Test
    void today_atMidnightExactlyInJakartaIsEmptyUntilTheFirstInstantOfTheDay() {
        TimeRange atMidnight = PopularityWindow.TODAY.at(Instant.parse("2023-09-21T17:00:00Z"), JAKARTA);

        assertThat(atMidnight.end() - atMidnight.start()).isZero();
        assertThat(PopularityWindow.TODAY.at(Instant.parse("2023-09-21T17:00:01Z"), JAKARTA))
                .isEqualTo(range("2023-09-21T17:00:00Z", "2023-09-21T18:00:00Z"));
    }

    @Test
    void today_inJakartaHasTwentyFourHoursEvenWhenEuropeChangesItsClocks() {
        // Jakarta keeps +07:00 all year: the last second of a day covers exactly 24 buckets, also on the
        // nights when Central Europe moves its clocks.
        for (String lastSecond :
                new String[] {"2024-03-31T16:59:59Z", "2024-10-27T16:59:59Z", "2023-12-31T16:59:59Z"}) {
            TimeRange today = PopularityWindow.TODAY.at(Instant.parse(lastSecond), JAKARTA);
            assertThat(today.end() - today.start()).as(lastSecond).isEqualTo(24 * TimeRange.HOUR);
        }
    }

    @Test
    void today_followsTheZoneRulesWhereClocksDoChange() {
        TimeRange berlinSpringDay =
                PopularityWindow.TODAY.at(Instant.parse("2024-03-31T21:59:59Z"), ZoneId.of("Europe/Berlin"));

        assertThat(berlinSpringDay).isEqualTo(range("2024-03-30T23:00:00Z", "2024-03-31T22:00:00Z"));
        assertThat(berlinSpringDay.end() - berlinSpringDay.start()).isEqualTo(23 * TimeRange.HOUR);
    }

    @Test
    void today_inAHalfHourZoneStartsWithTheBucketHoldingLocalMidnight() {
        // Midnight in Kolkata (+05:30) is 18:30 UTC; the bucket from 18:00 UTC holds it.
        assertThat(PopularityWindow.TODAY.at(Instant.parse("2023-09-21T19:10:00Z"), ZoneId.of("Asia/Kolkata")))
                .isEqualTo(range("2023-09-21T18:00:00Z", "2023-09-21T20:00:00Z"));
    }

    @Test
    void lastHour_readsTheCurrentAndThePreviousBucket() {
        assertThat(PopularityWindow.LAST_HOUR.at(Instant.parse("2023-09-22T07:40:00Z"), JAKARTA))
                .isEqualTo(range("2023-09-22T06:00:00Z", "2023-09-22T08:00:00Z"));
    }

    @Test
    void longerWindowsCoverTheirLengthPlusThePartialHour() {
        Instant now = Instant.parse("2023-09-22T07:40:00Z");
        for (PopularityWindow window : new PopularityWindow[] {
            PopularityWindow.LAST_24_HOURS, PopularityWindow.LAST_7_DAYS, PopularityWindow.LAST_30_DAYS
        }) {
            TimeRange range = window.at(now, JAKARTA);
            long hours = switch (window) {
                case LAST_24_HOURS -> 24;
                case LAST_7_DAYS -> 7 * 24;
                default -> 30 * 24;
            };
            assertThat(range.end()).as(window.name()).isEqualTo(epoch("2023-09-22T08:00:00Z"));
            assertThat(range.end() - range.start()).as(window.name()).isEqualTo((hours + 1) * TimeRange.HOUR);
        }
    }
}
