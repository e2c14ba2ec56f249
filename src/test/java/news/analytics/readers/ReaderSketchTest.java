package news.analytics.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sketch path alone: a million distinct visitors (128-bit keys as ingestion makes them, random) estimated within
 * the bound the schema states, through storage and unions, as the hourly sketches are used.
 */
class ReaderSketchTest {

    @Test
    void theBoundIsTwoStandardErrorsOfLgK12() {
        assertThat(ReaderSketch.RELATIVE_STANDARD_ERROR)
                .isCloseTo(1.04 / Math.sqrt(1 << ReaderSketch.LG_K), within(1e-5));
        assertThat(ReaderSketch.BOUND_95).isCloseTo(2 * 1.04 / Math.sqrt(1 << ReaderSketch.LG_K), within(1e-4));
    }

    @Test
    void aMillionDistinctVisitors_areEstimatedWithinTheBound() {
        SplittableRandom random = new SplittableRandom(23);
        ReaderSketch sketch = new ReaderSketch();
        for (int i = 0; i < 1_000_000; i++) {
            sketch.add(random.nextLong(), random.nextLong());
        }
        assertThat(sketch.rows()).isEqualTo(1_000_000);
        assertThat((double) sketch.estimate()).isCloseTo(1_000_000, within(1_000_000 * ReaderSketch.BOUND_95));
        byte[] stored = sketch.toBytes();
        // HLL_4 of 4096 registers: about 2 KB whatever the count.
        assertThat(stored.length).isBetween(2048, 2300);
        ReaderSketch.Merged merged = new ReaderSketch.Merged();
        merged.add(stored);
        assertThat(merged.estimate()).isEqualTo(sketch.estimate());
    }

    /**
     * A million readers over 24 hourly sketches in which each reader comes back: the union counts each once, where
     * adding the hours up would count 2.4 million.
     */
    @Test
    void aUnionOfHours_countsReturningVisitorsOnce() {
        int visitors = 1_000_000;
        ReaderSketch[] hours = new ReaderSketch[24];
        for (int h = 0; h < hours.length; h++) {
            hours[h] = new ReaderSketch();
        }
        SplittableRandom random = new SplittableRandom(7);
        long[] his = new long[visitors];
        long[] los = new long[visitors];
        for (int v = 0; v < visitors; v++) {
            his[v] = random.nextLong();
            los[v] = random.nextLong();
            hours[v % 24].add(his[v], los[v]);
        }
        // 1.4 million returns in other hours.
        for (int r = 0; r < 1_400_000; r++) {
            int v = random.nextInt(visitors);
            hours[random.nextInt(24)].add(his[v], los[v]);
        }
        ReaderSketch.Merged day = new ReaderSketch.Merged();
        long summed = 0;
        for (ReaderSketch hour : hours) {
            day.add(hour.toBytes());
            summed += hour.estimate();
        }
        assertThat(summed).isGreaterThan(2_000_000);
        assertThat((double) day.estimate()).isCloseTo(visitors, within(visitors * ReaderSketch.BOUND_95));
    }

    @Test
    void fewVisitors_areCountedExactly() {
        ReaderSketch sketch = new ReaderSketch();
        for (int i = 0; i < 300; i++) {
            sketch.add(i, -i);
            sketch.add(i, -i);
        }
        ReaderSketch.Merged merged = new ReaderSketch.Merged();
        merged.add(sketch.toBytes());
        assertThat(merged.estimate()).isEqualTo(300);
        assertThat(new ReaderSketch.Merged().estimate()).isZero();
    }
}
