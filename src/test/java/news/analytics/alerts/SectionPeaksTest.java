package news.analytics.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The thresholds from the sections' peaks: percentile as PostgreSQL's percentile_cont, the article itself left out. */
class SectionPeaksTest {

    @Test
    void percentile_interpolatesBetweenTheNearestTwo() {
        assertThat(SectionPeaks.percentile(new long[] {}, 0.9)).isZero();
        assertThat(SectionPeaks.percentile(new long[] {600}, 0.9)).isEqualTo(600);
        // percentile_cont(0.9) of 1..10 is 9.1
        assertThat(SectionPeaks.percentile(new long[] {10, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 0.9))
                .isCloseTo(9.1, within(1e-9));
        assertThat(SectionPeaks.percentile(new long[] {10, 20}, 0.5)).isEqualTo(15);
    }

    @Test
    void percentileWithout_isThePercentileOfTheOthers_forEveryPlaceAndFraction() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 300; round++) {
            int size = 1 + random.nextInt(12);
            long[] values = new long[size];
            for (int i = 0; i < size; i++) {
                values[i] = random.nextInt(6) * 100L; // ties on purpose
            }
            long[] sorted = values.clone();
            java.util.Arrays.sort(sorted);
            double fraction = random.nextInt(5) == 0 ? random.nextInt(2) : random.nextDouble();
            int left = random.nextInt(size);
            long[] others = new long[size - 1];
            for (int i = 0, j = 0; i < size; i++) {
                if (i != left) {
                    others[j++] = values[i];
                }
            }
            assertThat(SectionPeaks.percentileWithout(sorted, values[left], fraction))
                    .as("%s without %d at %f", java.util.Arrays.toString(values), values[left], fraction)
                    .isCloseTo(SectionPeaks.percentile(others, fraction), within(1e-9));
            assertThat(SectionPeaks.percentileWithout(sorted, null, fraction))
                    .isCloseTo(SectionPeaks.percentile(values, fraction), within(1e-9));
            assertThat(SectionPeaks.percentileWithout(sorted, 12_345L, fraction))
                    .isCloseTo(SectionPeaks.percentile(values, fraction), within(1e-9));
        }
    }

    @Test
    void threshold_isTheOtherArticlesPercentileOver60_neverBelowTheFloor_andKeptUntilRefresh() {
        SectionPeaks peaks = new SectionPeaks();
        List<List<Long>> reads = new ArrayList<>();
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        SectionPeaks.Reader reader = (sections, from, to) -> {
            reads.add(List.copyOf(sections));
            assertThat(from).isEqualTo(now.minus(Duration.ofDays(7)));
            return Map.of(5L, Map.of(1L, 6000L, 2L, 3000L, 3L, 1200L));
        };
        peaks.refresh(List.of(5L, 6L), now, Duration.ofMinutes(10), Duration.ofDays(7), reader);
        // Article 1 against 3000 and 1200: percentile 0.5 is 2100 views an hour, 35 a minute.
        assertThat(peaks.threshold(5, 1, 0.5, 20)).isCloseTo(35, within(1e-9));
        // Article 4 against all three: 3000 an hour, 50 a minute.
        assertThat(peaks.threshold(5, 4, 0.5, 20)).isCloseTo(50, within(1e-9));
        // A section without views, or a low percentile: the floor.
        assertThat(peaks.threshold(6, 7, 0.5, 20)).isEqualTo(20);
        assertThat(peaks.threshold(5, 4, 0, 25)).isEqualTo(25);

        peaks.refresh(List.of(5L), now.plus(Duration.ofMinutes(9)), Duration.ofMinutes(10), Duration.ofDays(7), reader);
        assertThat(reads).hasSize(1);
        Instant later = now.plus(Duration.ofMinutes(10));
        peaks.refresh(List.of(5L), later, Duration.ofMinutes(10), Duration.ofDays(7), (sections, from, to) -> {
            reads.add(List.copyOf(sections));
            return Map.of();
        });
        assertThat(reads).hasSize(2).last().isEqualTo(List.of(5L));
        assertThat(peaks.threshold(5, 1, 0.5, 20)).isEqualTo(20);
    }
}
